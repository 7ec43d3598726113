package org.calibrax4j.kid;

import java.util.Arrays;
import java.util.Objects;
import org.calibrax4j.backbone.FeatureExtractor;
import org.calibrax4j.features.FeatureRows;
import org.calibrax4j.features.KeptFeaturesMetric;
import org.calibrax4j.features.RowSource;
import org.calibrax4j.features.SplitMix64;
import org.calibrax4j.metric.Checks;
import org.calibrax4j.metric.MetricDescriptor;
import org.calibrax4j.metric.MetricResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kernel Inception Distance (Bińkowski et al. 2018, "Demystifying MMD GANs"), with torchmetrics'
 * {@code KernelInceptionDistance} conventions: polynomial kernel k(x,y) = (γ xᵀy + c)^degree
 * (degree 3, γ = 1/D, c = 1 by default), the unbiased MMD² of {@link KernelSums} on
 * {@code subsets} pairs of random subsets of {@code subsetSize} rows per side, each drawn without
 * replacement; {@code kid_mean} is their mean and {@code kid_std} their <b>population</b> standard
 * deviation (ddof = 0, as torchmetrics' {@code std(unbiased=False)}). Kernel sums are float64.
 *
 * <p>KID is unbiased and may be negative (X = Y-distributed sets give values around 0 of either
 * sign); it is never clamped. With {@link KIDConfig#fullSet()} the result also holds
 * {@code kid_full}, the unbiased MMD² over all kept rows (n_real ≠ n_generated allowed).
 *
 * <p><b>Memory.</b> Unlike FID, KID has no fixed-size sufficient statistic: the feature rows
 * themselves are kept ({@link FeatureRows}, float64, 8·D bytes per row and side). To bound memory,
 * {@link KIDConfig#maxSamples()} keeps a uniform reservoir sample of at most that many rows per
 * side (seeded, so the same stream gives the same sample); subsets are then drawn from the sample.
 *
 * <p><b>Reproducibility.</b> Subset draws use a SplitMix64 stream seeded with
 * {@link KIDConfig#seed()}, restarted at each {@code compute()}, so the result is a function of the
 * kept rows and the seed. {@link #estimate(int[][], int[][])} takes explicit subset indices
 * (e.g. torchmetrics' own {@code randperm} draws) and reproduces another implementation's
 * per-subset values exactly.
 *
 * <p>Results: {@code kid_mean}, {@code kid_std} [, {@code kid_full}]. Lower is better.
 */
public final class KIDMetric extends KeptFeaturesMetric<KIDMetric> {
    /** Result key of the mean over subsets (the primary value). */
    public static final String KID_MEAN = "kid_mean";
    /** Result key of the population std over subsets. */
    public static final String KID_STD = "kid_std";
    /** Result key of the full-set unbiased MMD². */
    public static final String KID_FULL = "kid_full";
    /** Type id of {@link #saveState()}. */
    public static final String STATE_TYPE = "kid";
    private static final String NAME = "KIDMetric";

    private final KIDConfig config;
    private final PolynomialKernel kernel;

    /** KID with torchmetrics' defaults on features of width {@code featureDim}. */
    public KIDMetric(int featureDim) {
        this(featureDim, KIDConfig.defaults());
    }

    /**
     * KID on features of width {@code featureDim}.
     *
     * @throws IllegalArgumentException when {@code featureDim} ≤ 0
     */
    public KIDMetric(int featureDim, KIDConfig config) {
        this(Checks.positive(NAME, "featureDim", featureDim), config, null);
    }

    private KIDMetric(int featureDim, KIDConfig config, FeatureExtractor backbone) {
        super(NAME, featureDim, Objects.requireNonNull(config, "config").maxSamples(), config.seed(), backbone);
        this.config = config;
        this.kernel = config.kernel(featureDim);
    }

    /** KID through a frozen backbone: rank-4 inputs are images, rank-2 inputs its features. */
    public static KIDMetric withBackbone(FeatureExtractor backbone, KIDConfig config) {
        Objects.requireNonNull(backbone, "backbone");
        return new KIDMetric(Checks.positive(NAME, "backbone.featureDim()", backbone.featureDim()), config, backbone);
    }

    /**
     * The unbiased MMD² between two feature matrices (functional form, no subsets).
     *
     * @throws IllegalArgumentException on bad matrices or fewer than 2 rows on a side
     */
    public static double unbiasedMmd2(INDArray x, INDArray y, PolynomialKernel kernel) {
        double[] a = Checks.finiteMatrix(NAME, "x", x, -1);
        double[] b = Checks.finiteMatrix(NAME, "y", y, x.size(1));
        int d = (int) x.size(1);
        return KernelSums.unbiasedMmd2(RowSource.of(a, (int) x.size(0), d), RowSource.of(b, (int) y.size(0), d), kernel);
    }

    @Override
    protected String stateType() {
        return STATE_TYPE;
    }

    @Override
    public MetricDescriptor descriptor() {
        return new MetricDescriptor(KID_MEAN, false);
    }

    /** The configuration. */
    public KIDConfig config() {
        return config;
    }

    /** The kernel in use (γ resolved). */
    public PolynomialKernel kernel() {
        return kernel;
    }

    /**
     * {@code kid_mean}, {@code kid_std} (and {@code kid_full} when configured).
     *
     * @throws IllegalStateException when a side holds fewer rows than {@code subsetSize} (the
     *     message gives both counts)
     */
    @Override
    public MetricResult compute() {
        KIDEstimate e = estimate();
        MetricResult.Builder b = MetricResult.builder().put(KID_MEAN, e.mean()).put(KID_STD, e.std());
        if (config.fullSet()) {
            b.put(KID_FULL, e.full());
        }
        return b.build();
    }

    /**
     * The per-subset values with the seeded draws: for each subset, {@code subsetSize} real rows and
     * then {@code subsetSize} generated rows, each without replacement.
     *
     * @throws IllegalStateException as {@link #compute()}
     */
    public KIDEstimate estimate() {
        requireSubsetSize();
        SplitMix64 random = new SplitMix64(config.seed());
        int s = config.subsets();
        int m = config.subsetSize();
        int[][] ri = new int[s][];
        int[][] gi = new int[s][];
        for (int i = 0; i < s; i++) {
            ri[i] = random.sampleWithoutReplacement(real.size(), m);
            gi[i] = random.sampleWithoutReplacement(generated.size(), m);
        }
        return evaluate(ri, gi);
    }

    /**
     * The per-subset values on given subsets: subset s uses real rows {@code realSubsets[s]} and
     * generated rows {@code generatedSubsets[s]} (0-based indices into the kept rows, in arrival
     * order when no reservoir dropped rows). Any number of subsets of any common size ≥ 2 is
     * accepted; the configured {@code subsets}/{@code subsetSize} are not used.
     *
     * @throws IllegalArgumentException when the arrays are ragged, differ in shape, hold an index
     *     outside [0, n) or repeat an index within a subset
     * @throws IllegalStateException when a side holds fewer than 2 rows
     */
    public KIDEstimate estimate(int[][] realSubsets, int[][] generatedSubsets) {
        Objects.requireNonNull(realSubsets, "realSubsets");
        Objects.requireNonNull(generatedSubsets, "generatedSubsets");
        if (real.size() < 2 || generated.size() < 2) {
            throw new IllegalStateException(String.format("%s: needs at least 2 samples on each side, have real=%d, generated=%d",
                    NAME, real.size(), generated.size()));
        }
        if (realSubsets.length == 0 || realSubsets.length != generatedSubsets.length) {
            throw new IllegalArgumentException(String.format(
                    "%s: subset indices must list the same number (>= 1) of subsets per side, got real=%d, generated=%d",
                    NAME, realSubsets.length, generatedSubsets.length));
        }
        int m = realSubsets[0] == null ? 0 : realSubsets[0].length;
        if (m < 2) {
            throw new IllegalArgumentException(NAME + ": subset size must be >= 2, got " + m);
        }
        checkIndices("real", realSubsets, m, real.size());
        checkIndices("generated", generatedSubsets, m, generated.size());
        return evaluate(realSubsets, generatedSubsets);
    }

    private static void checkIndices(String side, int[][] subsets, int m, int n) {
        for (int s = 0; s < subsets.length; s++) {
            int[] idx = subsets[s];
            if (idx == null || idx.length != m) {
                throw new IllegalArgumentException(String.format("%s: %s subset %d has %s indices, expected %d (subsets x subsetSize)",
                        NAME, side, s, idx == null ? "no" : String.valueOf(idx.length), m));
            }
            int[] sorted = idx.clone();
            Arrays.sort(sorted);
            for (int j = 0; j < m; j++) {
                if (sorted[j] < 0 || sorted[j] >= n) {
                    throw new IllegalArgumentException(String.format("%s: %s subset %d holds index %d, outside [0, %d)",
                            NAME, side, s, sorted[j], n));
                }
                if (j > 0 && sorted[j] == sorted[j - 1]) {
                    throw new IllegalArgumentException(String.format(
                            "%s: %s subset %d repeats index %d (subsets are drawn without replacement)", NAME, side, s, sorted[j]));
                }
            }
        }
    }

    /**
     * Kernel matrices of all rows are computed once (then each subset only sums entries) when they
     * take at most this many float64 entries together (256 MiB) and cost fewer flops than the
     * per-subset products, i.e. (n_r + n_g)² &lt; 4·subsets·m².
     */
    static final long CACHE_MAX_ENTRIES = 32L << 20;

    private KIDEstimate evaluate(int[][] ri, int[][] gi) {
        int s = ri.length;
        int m = ri[0].length;
        double[] values = new double[s];
        long nr = real.size();
        long ng = generated.size();
        boolean cache = nr * nr + ng * ng + nr * ng <= CACHE_MAX_ENTRIES && (nr + ng) * (nr + ng) < 4L * s * m * m;
        if (cache) {
            double[] kxx = KernelSums.kernelMatrix(real, real, true, kernel);
            double[] kyy = KernelSums.kernelMatrix(generated, generated, true, kernel);
            double[] kxy = KernelSums.kernelMatrix(real, generated, false, kernel);
            for (int i = 0; i < s; i++) {
                values[i] = 2 * (upperSum(kxx, (int) nr, ri[i]) + upperSum(kyy, (int) ng, gi[i])) / (m * (m - 1.0))
                        - 2 * crossSum(kxy, (int) ng, ri[i], gi[i]) / ((double) m * m);
            }
        } else if (m <= 4096) {
            double[] xs = new double[m * featureDim];
            double[] ys = new double[m * featureDim];
            double[] g = new double[m * m];
            for (int i = 0; i < s; i++) {
                real.gather(ri[i], xs);
                generated.gather(gi[i], ys);
                values[i] = KernelSums.subsetMmd2(xs, ys, m, featureDim, kernel, g);
            }
        } else {
            for (int i = 0; i < s; i++) {
                values[i] = KernelSums.unbiasedMmd2(RowSource.of(real.gather(ri[i]), m, featureDim),
                        RowSource.of(generated.gather(gi[i]), m, featureDim), kernel);
            }
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= s;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        double full = config.fullSet() ? fullSetValue() : Double.NaN;
        double std = Math.sqrt(var / s);
        if (!Double.isFinite(mean) || !Double.isFinite(std) || config.fullSet() && !Double.isFinite(full)) {
            throw new IllegalStateException(NAME + ": the kernel sums overflow float64 (feature values too large for "
                    + "the degree-" + config.degree() + " kernel); rescale the features");
        }
        return new KIDEstimate(values, mean, std, full);
    }

    /** Σ_{a&lt;b} K[idx_a, idx_b] of a strict-upper kernel matrix (either order of the pair). */
    private static double upperSum(double[] k, int n, int[] idx) {
        double sum = 0;
        for (int a = 0; a < idx.length; a++) {
            int ia = idx[a];
            double row = 0;
            for (int b = a + 1; b < idx.length; b++) {
                int ib = idx[b];
                row += ia < ib ? k[ia * n + ib] : k[ib * n + ia];
            }
            sum += row;
        }
        return sum;
    }

    private static double crossSum(double[] k, int m, int[] ri, int[] gi) {
        double sum = 0;
        for (int i : ri) {
            int o = i * m;
            double row = 0;
            for (int j : gi) {
                row += k[o + j];
            }
            sum += row;
        }
        return sum;
    }

    /**
     * The unbiased MMD² over all kept rows of both sides (blocked; n_real ≠ n_generated allowed).
     *
     * @throws IllegalStateException when a side holds fewer than 2 rows
     */
    public double fullSetValue() {
        if (real.size() < 2 || generated.size() < 2) {
            throw new IllegalStateException(String.format("%s: the full-set value needs at least 2 samples on each side, have real=%d, generated=%d",
                    NAME, real.size(), generated.size()));
        }
        return KernelSums.unbiasedMmd2(real, generated, kernel);
    }

    private void requireSubsetSize() {
        int m = config.subsetSize();
        if (real.size() < m || generated.size() < m) {
            throw new IllegalStateException(String.format(
                    "%s: subsetSize=%d exceeds the samples on a side: real=%d, generated=%d (lower subsetSize or add samples)",
                    NAME, m, real.size(), generated.size()));
        }
    }

    /**
     * Appends the other metric's rows after this one's, per side (reservoirs merge as documented
     * in {@link FeatureRows#merge}).
     *
     * @throws IllegalArgumentException when the widths or configurations differ
     */
    @Override
    public void merge(KIDMetric other) {
        if (other.featureDim != featureDim || !other.config.equals(config)) {
            throw new IllegalArgumentException(NAME + ": cannot merge featureDim=" + other.featureDim + ", " + other.config
                    + " into featureDim=" + featureDim + ", " + config);
        }
        mergeRows(other);
    }
}
