package org.calibrax4j.fid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.calibrax4j.backbone.FeatureExtractor;
import org.calibrax4j.metric.Checks;
import org.calibrax4j.metric.GenerativeMetric;
import org.calibrax4j.metric.MetricDescriptor;
import org.calibrax4j.metric.MetricResult;
import org.calibrax4j.metric.MetricState;
import org.calibrax4j.metric.PersistentMetric;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fréchet Inception Distance (Heusel et al. 2017) between real and generated feature sets, as
 * pytorch-fid and torchmetrics' {@code FrechetInceptionDistance} compute it, streamed over batches.
 *
 * <p>Each side keeps {@link GaussianStatistics} (float64, O(D²) memory whatever the number of rows);
 * {@link #compute()} evaluates {@link FrechetDistance}. Inputs are feature rows (N×D, float32 or
 * float64, upcast to float64 before accumulating) or, when built with a {@link FeatureExtractor},
 * image batches (rank 4) that go through the backbone first. Either side may be empty in a call,
 * so real statistics can be accumulated once and kept across epochs with {@link #resetGenerated()}.
 *
 * <p>Result: {@code fid}. Lower is better. The state (both sides' count, mean and centred scatter)
 * saves and restores losslessly through {@link PersistentMetric} (state type {@value #STATE_TYPE}).
 */
public final class FIDMetric implements GenerativeMetric<FIDMetric>, PersistentMetric {
    /** Result key and metric name. */
    public static final String FID = "fid";
    /** Type id of {@link #saveState()}. */
    public static final String STATE_TYPE = "fid";
    private static final int STATE_VERSION = 1;
    private static final String NAME = "FIDMetric";

    private final int featureDim;
    private final FeatureExtractor backbone;
    private GaussianStatistics real;
    private GaussianStatistics generated;

    /**
     * FID on pre-extracted features of width {@code featureDim} (2048 for InceptionV3 pool3).
     *
     * @throws IllegalArgumentException when {@code featureDim} ≤ 0
     */
    public FIDMetric(int featureDim) {
        this(Checks.positive(NAME, "featureDim", featureDim), null);
    }

    private FIDMetric(int featureDim, FeatureExtractor backbone) {
        this.featureDim = featureDim;
        this.backbone = backbone;
        reset();
    }

    /**
     * FID through a frozen backbone: rank-4 inputs are images passed through {@code backbone},
     * rank-2 inputs are taken as its features.
     */
    public static FIDMetric withBackbone(FeatureExtractor backbone) {
        Objects.requireNonNull(backbone, "backbone");
        return new FIDMetric(Checks.positive(NAME, "backbone.featureDim()", backbone.featureDim()), backbone);
    }

    /**
     * FID directly from two Gaussians, e.g. statistics saved by pytorch-fid ({@code mu}, {@code sigma}).
     *
     * @param sigmaReal row-major D×D covariance
     */
    public static double fromStatistics(double[] muReal, double[] sigmaReal, double[] muGenerated, double[] sigmaGenerated) {
        return FrechetDistance.compute(muReal, sigmaReal, muGenerated, sigmaGenerated);
    }

    @Override
    public MetricDescriptor descriptor() {
        return new MetricDescriptor(FID, false);
    }

    /** Feature width D. */
    public int featureDim() {
        return featureDim;
    }

    /**
     * Accumulates one batch of each side; either may be {@code null} or have zero rows. Both are
     * validated before anything is accumulated, so a bad batch on one side leaves both untouched.
     *
     * @throws IllegalArgumentException on a wrong rank or width, a non-float type, or NaN/Inf
     */
    public void update(INDArray realBatch, INDArray generatedBatch) {
        GaussianStatistics r = realBatch == null ? null : statisticsOf("real", realBatch);
        GaussianStatistics g = generatedBatch == null ? null : statisticsOf("generated", generatedBatch);
        if (r != null) {
            real = real.merge(r);
        }
        if (g != null) {
            generated = generated.merge(g);
        }
    }

    @Override
    public boolean usesRealData() {
        return true;
    }

    @Override
    public void updateReal(INDArray batch) {
        real = real.merge(statisticsOf("real", batch));
    }

    @Override
    public void updateGenerated(INDArray batch) {
        generated = generated.merge(statisticsOf("generated", batch));
    }

    private GaussianStatistics statisticsOf(String side, INDArray batch) {
        INDArray features = batch;
        if (backbone != null && batch != null && batch.rank() == 4) {
            features = backbone.features(batch);
        }
        double[] rows = Checks.finiteMatrix(NAME, side, features, featureDim);
        return GaussianStatistics.ofRows(rows, (int) features.size(0), featureDim);
    }

    /**
     * FID between everything accumulated on both sides.
     *
     * @throws IllegalStateException when a side has fewer than 2 rows (the message gives both counts)
     */
    @Override
    public MetricResult compute() {
        if (real.count() < 2 || generated.count() < 2) {
            throw new IllegalStateException(String.format(
                    "%s: compute() needs at least 2 samples on each side, have real=%d, generated=%d",
                    NAME, real.count(), generated.count()));
        }
        return MetricResult.of(FID, FrechetDistance.compute(real, generated));
    }

    @Override
    public void reset() {
        real = GaussianStatistics.empty(featureDim);
        generated = GaussianStatistics.empty(featureDim);
    }

    @Override
    public void resetGenerated() {
        generated = GaussianStatistics.empty(featureDim);
    }

    @Override
    public void merge(FIDMetric other) {
        if (other.featureDim != featureDim) {
            throw new IllegalArgumentException(NAME + ": cannot merge featureDim " + other.featureDim + " into " + featureDim);
        }
        real = real.merge(other.real);
        generated = generated.merge(other.generated);
    }

    @Override
    public long realCount() {
        return real.count();
    }

    @Override
    public long generatedCount() {
        return generated.count();
    }

    /** The accumulated real-side statistics (an immutable value). */
    public GaussianStatistics realStatistics() {
        return real;
    }

    /** The accumulated generated-side statistics (an immutable value). */
    public GaussianStatistics generatedStatistics() {
        return generated;
    }

    /**
     * Replaces the real-side state, e.g. with statistics restored from a file.
     *
     * @throws IllegalArgumentException when the width differs
     */
    public void setRealStatistics(GaussianStatistics statistics) {
        requireDim(statistics);
        real = statistics;
    }

    /** Replaces the generated-side state. */
    public void setGeneratedStatistics(GaussianStatistics statistics) {
        requireDim(statistics);
        generated = statistics;
    }

    private void requireDim(GaussianStatistics s) {
        if (s.dim() != featureDim) {
            throw new IllegalArgumentException(NAME + ": statistics have dim " + s.dim() + ", metric has featureDim " + featureDim);
        }
    }

    /**
     * The state as arrays {@code real_count}, {@code real_mean}, {@code real_scatter} (D×D, float64)
     * and the same for {@code generated}.
     */
    @Override
    public MetricState saveState() {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        putSide(arrays, "real", real);
        putSide(arrays, "generated", generated);
        return new MetricState(STATE_TYPE, STATE_VERSION, arrays);
    }

    private void putSide(Map<String, INDArray> arrays, String side, GaussianStatistics s) {
        arrays.put(side + "_count", Nd4j.createFromArray(new long[] {s.count()}));
        arrays.put(side + "_mean", Nd4j.createFromArray(s.mean()));
        arrays.put(side + "_scatter", Nd4j.createFromArray(s.scatter()).reshape(featureDim, featureDim));
    }

    /**
     * @throws IllegalArgumentException when the state is not an FID state of this feature width
     */
    @Override
    public void restoreState(MetricState state) {
        state.require(STATE_TYPE, STATE_VERSION);
        GaussianStatistics r = side(state, "real");
        GaussianStatistics g = side(state, "generated");
        real = r;
        generated = g;
    }

    private GaussianStatistics side(MetricState state, String side) {
        long count = state.get(side + "_count").getLong(0);
        INDArray mean = state.get(side + "_mean");
        if (mean.length() != featureDim) {
            throw new IllegalArgumentException(String.format("%s: saved state has %s_mean of length %d, metric has featureDim %d",
                    NAME, side, mean.length(), featureDim));
        }
        return GaussianStatistics.ofScatter(count, Checks.toDoubles(mean),
                Checks.toDoubles(state.get(side + "_scatter").castTo(DataType.DOUBLE)));
    }
}
