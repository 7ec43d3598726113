package org.calibrax4j.metric;

import java.util.Objects;
import org.calibrax4j.backbone.FeatureExtractor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Template for a metric computed on the features of a frozen network: {@link #update(INDArray)}
 * runs {@link #extractFeatures} → {@link #accumulate}, and {@link #compute()} runs
 * {@link #computeFromAccumulated}. Subclasses implement the last two hooks (and may override the
 * first); they own their state and its {@code reset}/{@code merge}.
 *
 * <p>{@code accumulate} must be all-or-nothing: validate first, then change state, so that a failed
 * update leaves the accumulated state untouched.
 *
 * @param <M> the concrete metric type
 */
public abstract class FrozenBackboneMetric<M extends FrozenBackboneMetric<M>> implements Metric<M> {
    private final FeatureExtractor backbone;

    /**
     * @param backbone the frozen network, or {@code null} when {@code update} receives features
     */
    protected FrozenBackboneMetric(FeatureExtractor backbone) {
        this.backbone = backbone;
    }

    /** The backbone, or {@code null} when the metric takes features. */
    protected final FeatureExtractor backbone() {
        return backbone;
    }

    /**
     * Accumulates one batch: images (rank 4) go through the backbone, feature rows (rank 2) are used
     * as they are.
     *
     * @throws IllegalArgumentException on bad input (state unchanged)
     */
    public final void update(INDArray batch) {
        Objects.requireNonNull(batch, "batch");
        accumulate(extractFeatures(batch));
    }

    /**
     * The features of a batch; by default the backbone's features for rank-4 images and the batch
     * itself otherwise.
     */
    protected INDArray extractFeatures(INDArray batch) {
        if (backbone != null && batch.rank() == 4) {
            return backbone.features(batch);
        }
        return batch;
    }

    /** Folds a batch of features into the state (all-or-nothing). */
    protected abstract void accumulate(INDArray features);

    /** The result from the accumulated state. */
    protected abstract MetricResult computeFromAccumulated();

    @Override
    public final MetricResult compute() {
        return computeFromAccumulated();
    }
}
