package org.calibrax4j.metric;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric of generated samples, possibly against real ones (FID, IS, KID, ...): what an epoch-end
 * listener needs to feed it without knowing which metric it is.
 *
 * <p>Inputs are whatever the metric consumes: feature rows (N×D) for a feature metric, or images
 * (N×C×H×W) when the metric was built with a backbone.
 *
 * @param <M> the concrete metric type
 */
public interface GenerativeMetric<M extends GenerativeMetric<M>> extends Metric<M> {

    /** Whether the metric compares against real data; if false, {@link #updateReal} is an error. */
    boolean usesRealData();

    /**
     * Accumulates a batch of real samples.
     *
     * @throws IllegalArgumentException on bad input (state unchanged)
     * @throws UnsupportedOperationException when {@link #usesRealData()} is false
     */
    void updateReal(INDArray batch);

    /**
     * Accumulates a batch of generated samples.
     *
     * @throws IllegalArgumentException on bad input (state unchanged)
     */
    void updateGenerated(INDArray batch);

    /** Clears the generated side only, keeping real statistics (they rarely change between epochs). */
    void resetGenerated();

    /** Number of real samples accumulated (0 when the metric uses none). */
    long realCount();

    /** Number of generated samples accumulated. */
    long generatedCount();

    /**
     * Which output of a shared backbone's forward pass this metric consumes when a caller (e.g. an
     * epoch-end listener) runs one {@link org.calibrax4j.backbone.FeatureExtractor#forward} per
     * batch for several metrics: feature rows by default.
     */
    default org.calibrax4j.backbone.BackboneOutput.Kind consumes() {
        return org.calibrax4j.backbone.BackboneOutput.Kind.FEATURES;
    }
}
