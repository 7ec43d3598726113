package org.calibrax4j.metriclearning;

/**
 * A metric-learning loss with trainable per-class parameters: ArcFace/CosFace class weights
 * (D × C, column j = class j, as PML's {@code W}) or ProxyNCA/ProxyAnchor proxies (C × D, row j =
 * class j). The weights need not be normalised; the losses normalise them.
 */
public interface ClassWeightLoss {
    /** Stable name used in error messages. */
    String name();

    /** Number of classes C. */
    int numClasses();

    /** Embedding width D. */
    int embeddingSize();

    /** Shape of the weight matrix: {D, C} for class weights, {C, D} for proxies. */
    long[] weightShape();

    /**
     * Exact float64 value and gradients (embeddings and weights).
     *
     * @param embeddings B × D, finite
     * @param labels B class ids in [0, C)
     * @param weights {@link #weightShape()}, finite
     * @throws IllegalArgumentException on a wrong shape, a non-finite value or a label outside [0, C)
     */
    LossEvaluation evaluate(double[][] embeddings, int[] labels, double[][] weights);
}
