package org.calibrax4j.fid;

import java.util.Arrays;
import org.calibrax4j.linalg.Lapack;

/**
 * Streaming sufficient statistics of a set of D-dimensional feature rows in float64: the count n,
 * the mean μ and the centred scatter matrix M = Σ (x−μ)(x−μ)ᵀ, so memory is O(D²) whatever n is.
 *
 * <p>Batches are combined with the pairwise update of Chan, Golub &amp; LeVeque (1979):
 * M = M_a + M_b + δδᵀ·n_a·n_b/n with δ = μ_b − μ_a. Centring each batch before its outer products
 * avoids the cancellation of the raw-moment form Σxxᵀ − nμμᵀ that torchmetrics uses. The
 * covariance is M/(n−1) (ddof = 1, as {@code np.cov} and pytorch-fid).
 *
 * <p>Instances are immutable values: {@link #merge} returns a new object and never shares arrays.
 */
public final class GaussianStatistics {
    private final int dim;
    private final long count;
    private final double[] mean;
    /** Upper triangle of the centred scatter matrix, row-major D×D; the strict lower part is unused. */
    private final double[] scatter;

    private GaussianStatistics(int dim, long count, double[] mean, double[] scatter) {
        this.dim = dim;
        this.count = count;
        this.mean = mean;
        this.scatter = scatter;
    }

    /** Statistics of no rows. */
    public static GaussianStatistics empty(int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("GaussianStatistics: dim must be > 0, got " + dim);
        }
        return new GaussianStatistics(dim, 0, new double[dim], new double[dim * dim]);
    }

    /**
     * Statistics of {@code n} rows given row-major in {@code rows} (length n·dim). The array is not
     * kept or modified.
     */
    public static GaussianStatistics ofRows(double[] rows, int n, int dim) {
        if (rows.length != (long) n * dim) {
            throw new IllegalArgumentException("GaussianStatistics: rows has length " + rows.length
                    + ", expected n*dim = " + n + "*" + dim);
        }
        if (n == 0) {
            return empty(dim);
        }
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            int o = i * dim;
            for (int j = 0; j < dim; j++) {
                mean[j] += rows[o + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= n;
        }
        double[] centred = new double[rows.length];
        for (int i = 0; i < n; i++) {
            int o = i * dim;
            for (int j = 0; j < dim; j++) {
                centred[o + j] = rows[o + j] - mean[j];
            }
        }
        double[] scatter = new double[dim * dim];
        Lapack.syrkUpper(centred, n, dim, 1.0, scatter);
        return new GaussianStatistics(dim, n, mean, scatter);
    }

    /**
     * Statistics given directly as count, mean and covariance (ddof = 1), e.g. restored from a file.
     *
     * @param covariance row-major D×D, symmetric
     */
    public static GaussianStatistics ofMoments(long count, double[] mean, double[] covariance) {
        int dim = mean.length;
        if (dim == 0 || covariance.length != (long) dim * dim) {
            throw new IllegalArgumentException("GaussianStatistics: covariance has " + covariance.length
                    + " entries, expected " + dim + "x" + dim + " for a mean of length " + dim);
        }
        if (count < 0) {
            throw new IllegalArgumentException("GaussianStatistics: count must be >= 0, got " + count);
        }
        double f = Math.max(count - 1, 0);
        double[] scatter = new double[dim * dim];
        for (int i = 0; i < scatter.length; i++) {
            scatter[i] = covariance[i] * f;
        }
        return new GaussianStatistics(dim, count, mean.clone(), scatter);
    }

    /** The statistics of both row sets together (associative up to rounding). */
    public GaussianStatistics merge(GaussianStatistics other) {
        if (other.dim != dim) {
            throw new IllegalArgumentException("GaussianStatistics: cannot merge dim " + other.dim + " into dim " + dim);
        }
        if (other.count == 0) {
            return copy();
        }
        if (count == 0) {
            return other.copy();
        }
        long n = count + other.count;
        double wb = (double) other.count / n;
        double cross = (double) count * other.count / n;
        double[] delta = new double[dim];
        double[] m = new double[dim];
        for (int j = 0; j < dim; j++) {
            delta[j] = other.mean[j] - mean[j];
            m[j] = mean[j] + delta[j] * wb;
        }
        double[] s = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            int o = i * dim;
            double di = delta[i] * cross;
            for (int j = i; j < dim; j++) {
                s[o + j] = scatter[o + j] + other.scatter[o + j] + di * delta[j];
            }
        }
        return new GaussianStatistics(dim, n, m, s);
    }

    private GaussianStatistics copy() {
        return new GaussianStatistics(dim, count, mean.clone(), scatter.clone());
    }

    /** Feature width D. */
    public int dim() {
        return dim;
    }

    /** Number of rows n. */
    public long count() {
        return count;
    }

    /** A copy of the mean μ. */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * A copy of the covariance M/(n−1), row-major D×D and exactly symmetric.
     *
     * @throws IllegalStateException when fewer than two rows were seen
     */
    public double[] covariance() {
        if (count < 2) {
            throw new IllegalStateException("GaussianStatistics: covariance needs at least 2 rows, have " + count);
        }
        return symmetricScatter(1.0 / (count - 1));
    }

    /** A copy of the centred scatter matrix M = Σ (x−μ)(x−μ)ᵀ, row-major D×D and exactly symmetric. */
    public double[] scatter() {
        return symmetricScatter(1.0);
    }

    private double[] symmetricScatter(double f) {
        double[] c = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                double v = scatter[i * dim + j] * f;
                c[i * dim + j] = v;
                c[j * dim + i] = v;
            }
        }
        return c;
    }

    /**
     * Statistics from a count, mean and centred scatter matrix as {@link #scatter()} returns them:
     * the lossless inverse of ({@link #count()}, {@link #mean()}, {@link #scatter()}).
     *
     * @throws IllegalArgumentException on mismatched sizes, a negative count or non-finite entries
     */
    public static GaussianStatistics ofScatter(long count, double[] mean, double[] scatter) {
        int dim = mean.length;
        if (dim == 0 || scatter.length != (long) dim * dim || count < 0) {
            throw new IllegalArgumentException("GaussianStatistics: expected count >= 0, a mean of length D > 0 and a"
                    + " DxD scatter, got count " + count + ", mean length " + dim + ", scatter length " + scatter.length);
        }
        for (double v : mean) {
            requireFinite(v, "mean");
        }
        for (double v : scatter) {
            requireFinite(v, "scatter");
        }
        return new GaussianStatistics(dim, count, mean.clone(), scatter.clone());
    }

    private static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("GaussianStatistics: " + what + " contains " + v);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GaussianStatistics g) || g.dim != dim || g.count != count || !Arrays.equals(g.mean, mean)) {
            return false;
        }
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                if (Double.compare(scatter[i * dim + j], g.scatter[i * dim + j]) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(count) + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "GaussianStatistics[dim=" + dim + ", count=" + count + "]";
    }
}
