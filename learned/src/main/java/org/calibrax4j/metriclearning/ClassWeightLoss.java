package org.calibrax4j.metriclearning;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * Adds the loss to a SameDiff graph with the given weights variable (same formula as
     * {@link #evaluate}, in the embeddings' floating-point type).
     *
     * @param name name of the scalar loss variable
     * @param weights a {@link #weightShape()} variable; make it a VARIABLE to train it
     * @return the scalar loss
     * @throws IllegalArgumentException on a known wrong rank or shape
     */
    SDVariable define(SameDiff sd, String name, SDVariable embeddings, SDVariable labels, SDVariable weights);

    /**
     * Adds the loss with its class weights or proxies as a new trainable VARIABLE named
     * {@code name + "_weights"}, initialised from a copy of {@code initial}.
     *
     * @throws IllegalArgumentException when {@code initial} does not have {@link #weightShape()}
     */
    default SDVariable defineWithTrainableWeights(SameDiff sd, String name, SDVariable embeddings, SDVariable labels,
            INDArray initial) {
        Args.notNull(name(), "initial", initial);
        if (!java.util.Arrays.equals(initial.shape(), weightShape())) {
            throw Args.fail(name(), "initial weights have shape %s, expected %s",
                    java.util.Arrays.toString(initial.shape()), java.util.Arrays.toString(weightShape()));
        }
        SDVariable w = sd.var(name + "_weights", initial.castTo(embeddings.dataType()).dup());
        return define(sd, name, embeddings, labels, w);
    }

    /** Deterministic N(0, 1) initial weights of {@link #weightShape()} (float32). */
    default INDArray initialWeights(long seed) {
        java.util.Random r = new java.util.Random(seed);
        long[] s = weightShape();
        float[] v = new float[(int) (s[0] * s[1])];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(v, s, 'c');
    }

    /**
     * {@link #evaluate(double[][], int[], double[][])} on ND4J arrays.
     *
     * @throws IllegalArgumentException on a wrong shape, a non-finite value or a bad label
     */
    default LossEvaluation evaluate(INDArray embeddings, INDArray labels, INDArray weights) {
        return evaluate(Batches.embeddings(name(), embeddings), Batches.labels(name(), labels),
                Batches.matrix(name(), "weights", weights));
    }
}
