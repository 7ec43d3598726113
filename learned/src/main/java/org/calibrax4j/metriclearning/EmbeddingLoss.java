package org.calibrax4j.metriclearning;

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
}
