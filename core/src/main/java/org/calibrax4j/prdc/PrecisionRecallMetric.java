package org.calibrax4j.prdc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.calibrax4j.backbone.FeatureExtractor;
import org.calibrax4j.features.FeatureRows;
import org.calibrax4j.metric.Checks;
import org.calibrax4j.metric.GenerativeMetric;
import org.calibrax4j.metric.MetricDescriptor;
import org.calibrax4j.metric.MetricResult;
import org.calibrax4j.metric.MetricState;
import org.calibrax4j.metric.PersistentMetric;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019) and density and coverage (Naeem et al.
 * 2020) of generated samples against real ones, on k-NN manifolds of Euclidean feature distances.
 * With X the N real rows, Y the M generated rows and NND_k the k-th nearest-neighbour distance
 * within a row's own set (the sample itself excluded by position):
 * <ul>
 *   <li>precision = (1/M) #{j : ∃i d(x_i, y_j) &lt; NND_k(x_i)} (fidelity: generated in the real manifold)</li>
 *   <li>recall = (1/N) #{i : ∃j d(x_i, y_j) &lt; NND_k(y_j)} (diversity: real in the generated manifold)</li>
 *   <li>density = (1/(kM)) #{(i, j) : d(x_i, y_j) &lt; NND_k(x_i)} (may exceed 1)</li>
 *   <li>coverage = (1/N) #{i : min_j d(x_i, y_j) &lt; NND_k(x_i)}</li>
 * </ul>
 * as the public prdc code ({@code compute_prdc}, default k = 5) computes them; see
 * {@link KnnManifolds} for the pinned conventions (open balls by default, ties, blocked distances).
 *
 * <p>The feature rows are kept (float64; the radii depend on all rows of a set, so there is no
 * fixed-size summary); {@link PrecisionRecallConfig#maxSamples()} bounds them by reservoir
 * sampling. {@link #merge} appends the other's rows; the result does not depend on row order.
 *
 * <p>Results: {@code precision}, {@code recall}, {@code density}, {@code coverage}. Higher is better.
 */
public final class PrecisionRecallMetric implements GenerativeMetric<PrecisionRecallMetric>, PersistentMetric {
    /** Result keys. */
    public static final String PRECISION = "precision";
    /** Result key of recall. */
    public static final String RECALL = "recall";
    /** Result key of density. */
    public static final String DENSITY = "density";
    /** Result key of coverage. */
    public static final String COVERAGE = "coverage";
    /** Type id of {@link #saveState()}. */
    public static final String STATE_TYPE = "prdc";
    private static final int STATE_VERSION = 1;
    private static final String NAME = "PrecisionRecallMetric";

    private final int featureDim;
    private final PrecisionRecallConfig config;
    private final FeatureExtractor backbone;
    private final FeatureRows real;
    private final FeatureRows generated;

    /** Precision/recall/density/coverage with k = 5 on features of width {@code featureDim}. */
    public PrecisionRecallMetric(int featureDim) {
        this(featureDim, PrecisionRecallConfig.defaults());
    }

    /**
     * @throws IllegalArgumentException when {@code featureDim} ≤ 0
     */
    public PrecisionRecallMetric(int featureDim, PrecisionRecallConfig config) {
        this(Checks.positive(NAME, "featureDim", featureDim), config, null);
    }

    private PrecisionRecallMetric(int featureDim, PrecisionRecallConfig config, FeatureExtractor backbone) {
        this.featureDim = featureDim;
        this.config = Objects.requireNonNull(config, "config");
        this.backbone = backbone;
        this.real = FeatureRows.bounded(featureDim, config.maxSamples(), config.seed() ^ 0x5EA1L);
        this.generated = FeatureRows.bounded(featureDim, config.maxSamples(), config.seed() ^ 0x6E4EL);
    }

    /** The metric through a frozen backbone: rank-4 inputs are images, rank-2 inputs its features. */
    public static PrecisionRecallMetric withBackbone(FeatureExtractor backbone, PrecisionRecallConfig config) {
        Objects.requireNonNull(backbone, "backbone");
        return new PrecisionRecallMetric(Checks.positive(NAME, "backbone.featureDim()", backbone.featureDim()), config, backbone);
    }

    @Override
    public MetricDescriptor descriptor() {
        return new MetricDescriptor(PRECISION, true);
    }

    /** Feature width D. */
    public int featureDim() {
        return featureDim;
    }

    /** The configuration. */
    public PrecisionRecallConfig config() {
        return config;
    }

    /**
     * Accumulates one batch of each side (either may be {@code null}); both are validated first.
     *
     * @throws IllegalArgumentException on a wrong rank or width, a non-float type, or NaN/Inf
     */
    public void update(INDArray realBatch, INDArray generatedBatch) {
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
    public boolean usesRealData() {
        return true;
    }

    @Override
    public void updateReal(INDArray batch) {
        double[] r = rowsOf("real", batch);
        real.add(r, r.length / featureDim);
    }

    @Override
    public void updateGenerated(INDArray batch) {
        double[] g = rowsOf("generated", batch);
        generated.add(g, g.length / featureDim);
    }

    private double[] rowsOf(String side, INDArray batch) {
        INDArray features = batch;
        if (backbone != null && batch != null && batch.rank() == 4) {
            features = backbone.features(batch);
        }
        return Checks.finiteMatrix(NAME, side, features, featureDim);
    }

    /**
     * {@code precision}, {@code recall}, {@code density}, {@code coverage}.
     *
     * @throws IllegalStateException when a side holds nearestK rows or fewer
     */
    @Override
    public MetricResult compute() {
        ManifoldCounts c = counts();
        return MetricResult.builder().put(PRECISION, c.precision()).put(RECALL, c.recall())
                .put(DENSITY, c.density()).put(COVERAGE, c.coverage()).build();
    }

    /**
     * The exact counts, radii and per-sample memberships behind {@link #compute()}.
     *
     * @throws IllegalStateException when a side holds nearestK rows or fewer
     */
    public ManifoldCounts counts() {
        int k = config.nearestK();
        if (real.size() <= k || generated.size() <= k) {
            throw new IllegalStateException(String.format(
                    "%s: needs more than nearestK=%d samples on each side, have real=%d, generated=%d",
                    NAME, k, real.size(), generated.size()));
        }
        return KnnManifolds.counts(real, generated, k, config.closedBalls());
    }

    @Override
    public void reset() {
        real.clear();
        generated.clear();
    }

    @Override
    public void resetGenerated() {
        generated.clear();
    }

    /**
     * @throws IllegalArgumentException when the widths or configurations differ
     */
    @Override
    public void merge(PrecisionRecallMetric other) {
        if (other.featureDim != featureDim || !other.config.equals(config)) {
            throw new IllegalArgumentException(NAME + ": cannot merge featureDim=" + other.featureDim + ", " + other.config
                    + " into featureDim=" + featureDim + ", " + config);
        }
        real.merge(other.real);
        generated.merge(other.generated);
    }

    @Override
    public long realCount() {
        return real.seen();
    }

    @Override
    public long generatedCount() {
        return generated.seen();
    }

    /**
     * The kept feature rows of both sides ({@code real_rows}, {@code generated_rows}: N×D float64),
     * with their counts seen and reservoir generator states.
     */
    @Override
    public MetricState saveState() {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        real.putState(arrays, "real");
        generated.putState(arrays, "generated");
        return new MetricState(STATE_TYPE, STATE_VERSION, arrays);
    }

    /**
     * @throws IllegalArgumentException when the state is of another type, width, or holds more rows
     *     than this metric's reservoir capacity
     */
    @Override
    public void restoreState(MetricState state) {
        state.require(STATE_TYPE, STATE_VERSION);
        FeatureRows r = real.restored(state, "real", NAME);
        FeatureRows g = generated.restored(state, "generated", NAME);
        real.replaceWith(r);
        generated.replaceWith(g);
    }
}
