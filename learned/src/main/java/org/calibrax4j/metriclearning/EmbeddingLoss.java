package org.calibrax4j.metriclearning;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** A metric-learning loss of embeddings and labels only (pair, triplet and contrastive-softmax losses). */
public interface EmbeddingLoss {
    /** Stable name used in error messages. */
    String name();

    /**
     * Exact float64 value and gradient.
     *
     * @param embeddings B × D, finite
     * @param labels B class ids ≥ 0
     * @throws IllegalArgumentException on a ragged or non-finite matrix or a label length mismatch
     */
    LossEvaluation evaluate(double[][] embeddings, int[] labels);

    /**
     * Adds the loss to a SameDiff graph: the same formula as {@link #evaluate}, differentiable by
     * SameDiff, in the embeddings' floating-point type.
     *
     * @param sd the graph
     * @param name name of the scalar loss variable (use it with {@code sd.setLossVariables})
     * @param embeddings B × D embeddings (a placeholder or any upstream variable)
     * @param labels B class ids (any numeric type)
     * @return the scalar loss
     * @throws IllegalArgumentException on a known wrong rank or shape
     */
    SDVariable define(SameDiff sd, String name, SDVariable embeddings, SDVariable labels);
}
