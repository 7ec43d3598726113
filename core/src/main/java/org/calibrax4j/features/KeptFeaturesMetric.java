package org.calibrax4j.features;

import java.util.LinkedHashMap;
import java.util.Map;
import org.calibrax4j.backbone.FeatureExtractor;
import org.calibrax4j.metric.Checks;
import org.calibrax4j.metric.GenerativeMetric;
import org.calibrax4j.metric.MetricState;
import org.calibrax4j.metric.PersistentMetric;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shared shell of metrics that must keep the feature rows of both sides (KID, precision/recall/
 * density/coverage): validation at the boundary, the two {@link FeatureRows} stores (optionally
 * reservoir-bounded), reset, merge and a lossless saved state. Subclasses add the statistic.
 *
 * @param <M> the concrete metric type
 */
public abstract class KeptFeaturesMetric<M extends KeptFeaturesMetric<M>> implements GenerativeMetric<M>, PersistentMetric {
    private static final long REAL_STREAM = 0x5EA1L;
    private static final long GENERATED_STREAM = 0x6E4EL;
    private static final int STATE_VERSION = 1;

    /** Metric name used in every message. */
    protected final String name;
    /** Feature width D. */
    protected final int featureDim;
    private final FeatureExtractor backbone;
    /** Kept real rows. */
    protected final FeatureRows real;
    /** Kept generated rows. */
    protected final FeatureRows generated;

    /**
     * @param maxSamples reservoir capacity per side (0 keeps every row)
     * @param seed seed of the reservoirs' random streams
     * @param backbone the frozen network for rank-4 inputs, or {@code null}
     */
    protected KeptFeaturesMetric(String name, int featureDim, int maxSamples, long seed, FeatureExtractor backbone) {
        this.name = name;
        this.featureDim = Checks.positive(name, "featureDim", featureDim);
        this.backbone = backbone;
        this.real = FeatureRows.bounded(featureDim, maxSamples, seed ^ REAL_STREAM);
        this.generated = FeatureRows.bounded(featureDim, maxSamples, seed ^ GENERATED_STREAM);
    }

    /** Type id of the saved state (stable across releases). */
    protected abstract String stateType();

    /** Feature width D. */
    public final int featureDim() {
        return featureDim;
    }

    /**
     * Accumulates one batch of each side; either may be {@code null} or empty. Both are validated
     * before either is stored.
     *
     * @throws IllegalArgumentException on a wrong rank or width, a non-float type, or NaN/Inf
     */
    public final void update(INDArray realBatch, INDArray generatedBatch) {
        double[] r = realBatch == null ? null : rowsOf("real", realBatch);
        double[] g = generatedBatch == null ? null : rowsOf("generated", generatedBatch);
        if (r != null) {
            real.add(r, r.length / featureDim);
        }
        if (g != null) {
            generated.add(g, g.length / featureDim);
        }
    }

    @Override
    public final boolean usesRealData() {
        return true;
    }

    @Override
    public final void updateReal(INDArray batch) {
        double[] r = rowsOf("real", batch);
        real.add(r, r.length / featureDim);
    }

    @Override
    public final void updateGenerated(INDArray batch) {
        double[] g = rowsOf("generated", batch);
        generated.add(g, g.length / featureDim);
    }

    private double[] rowsOf(String side, INDArray batch) {
        INDArray features = batch;
        if (backbone != null && batch != null && batch.rank() == 4) {
            features = backbone.features(batch);
        }
        return Checks.finiteMatrix(name, side, features, featureDim);
    }

    @Override
    public final void reset() {
        real.clear();
        generated.clear();
    }

    @Override
    public final void resetGenerated() {
        generated.clear();
    }

    /** Folds the other metric's rows into this one's, per side (see {@link FeatureRows#merge}). */
    protected final void mergeRows(KeptFeaturesMetric<M> other) {
        real.merge(other.real);
        generated.merge(other.generated);
    }

    /** Real rows offered since the last reset (kept rows may be fewer with a reservoir). */
    @Override
    public final long realCount() {
        return real.seen();
    }

    @Override
    public final long generatedCount() {
        return generated.seen();
    }

    /** Real rows kept. */
    public final int realKept() {
        return real.size();
    }

    /** Generated rows kept. */
    public final int generatedKept() {
        return generated.size();
    }

    /**
     * The kept feature rows of both sides ({@code real_rows}, {@code generated_rows}: N×D float64),
     * with their counts seen and reservoir generator states.
     */
    @Override
    public final MetricState saveState() {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        real.putState(arrays, "real");
        generated.putState(arrays, "generated");
        return new MetricState(stateType(), STATE_VERSION, arrays);
    }

    /**
     * @throws IllegalArgumentException when the state is of another type, width, or holds more rows
     *     than this metric's reservoir capacity
     */
    @Override
    public final void restoreState(MetricState state) {
        state.require(stateType(), STATE_VERSION);
        FeatureRows r = real.restored(state, "real", name);
        FeatureRows g = generated.restored(state, "generated", name);
        real.replaceWith(r);
        generated.replaceWith(g);
    }
}
