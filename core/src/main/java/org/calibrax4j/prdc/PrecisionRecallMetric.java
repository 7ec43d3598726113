package org.calibrax4j.prdc;

import java.util.Objects;
import org.calibrax4j.backbone.FeatureExtractor;
import org.calibrax4j.features.KeptFeaturesMetric;
import org.calibrax4j.metric.Checks;
import org.calibrax4j.metric.MetricDescriptor;
import org.calibrax4j.metric.MetricResult;

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
public final class PrecisionRecallMetric extends KeptFeaturesMetric<PrecisionRecallMetric> {
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
    private static final String NAME = "PrecisionRecallMetric";

    private final PrecisionRecallConfig config;

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
        super(NAME, featureDim, Objects.requireNonNull(config, "config").maxSamples(), config.seed(), backbone);
        this.config = config;
    }

    /** The metric through a frozen backbone: rank-4 inputs are images, rank-2 inputs its features. */
    public static PrecisionRecallMetric withBackbone(FeatureExtractor backbone, PrecisionRecallConfig config) {
        Objects.requireNonNull(backbone, "backbone");
        return new PrecisionRecallMetric(Checks.positive(NAME, "backbone.featureDim()", backbone.featureDim()), config, backbone);
    }

    @Override
    protected String stateType() {
        return STATE_TYPE;
    }

    @Override
    public MetricDescriptor descriptor() {
        return new MetricDescriptor(PRECISION, true);
    }

    /** The configuration. */
    public PrecisionRecallConfig config() {
        return config;
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
        ManifoldCounts c = KnnManifolds.counts(real, generated, k, config.closedBalls());
        for (double[] radii : new double[][] {c.realRadii(), c.fakeRadii()}) {
            for (double r : radii) {
                if (!Double.isFinite(r)) {
                    throw new IllegalStateException(NAME + ": distances overflow float64 (feature values too large);"
                            + " rescale the features");
                }
            }
        }
        return c;
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
        mergeRows(other);
    }
}
