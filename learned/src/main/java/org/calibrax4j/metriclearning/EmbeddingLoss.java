package org.calibrax4j.metriclearning;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    /**
     * {@link #evaluate(double[][], int[])} on ND4J arrays (any float type; labels a vector of
     * integral ids).
     *
     * @throws IllegalArgumentException on a wrong shape, a non-finite value or a bad label
     */
    default LossEvaluation evaluate(INDArray embeddings, INDArray labels) {
        return evaluate(Batches.embeddings(name(), embeddings), Batches.labels(name(), labels));
    }

    /**
     * {@link #evaluate(double[][], int[])} that rejects a batch without a positive or without a
     * negative pair instead of returning the reference's 0.
     *
     * @throws IllegalArgumentException on such a batch, or as {@link #evaluate(double[][], int[])}
     */
    default LossEvaluation evaluateStrict(double[][] embeddings, int[] labels) {
        Batches.requirePositiveAndNegativePair(name(), labels);
        return evaluate(embeddings, labels);
    }
}
