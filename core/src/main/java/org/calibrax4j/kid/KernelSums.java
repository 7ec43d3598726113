package org.calibrax4j.kid;

import org.calibrax4j.features.RowSource;
import org.calibrax4j.linalg.Gram;

/**
 * Pure, blocked kernel sums and the unbiased MMD² estimator of KID in float64.
 *
 * <p>Inner products come from BLAS-3 ({@code dsyrk} within a set, {@code dgemm} across sets) on
 * blocks of {@value #BLOCK} rows, so memory is O(BLOCK·(D + BLOCK)) whatever the set sizes and no
 * Java loop runs over D. Each block's kernel values are summed in float64 and the block sums are
 * added with Neumaier compensation.
 *
 * <p>Unbiased MMD² (Gretton et al. 2012, eq. 3; torchmetrics {@code poly_mmd} for n = m):
 * MMD²_u = Σ_{i≠j} k(x_i,x_j)/(n(n−1)) + Σ_{i≠j} k(y_i,y_j)/(m(m−1)) − 2 Σ_{i,j} k(x_i,y_j)/(nm).
 * It is unbiased, hence can be negative; it is never clamped.
 */
public final class KernelSums {
    /** Rows per block of a pairwise product. */
    public static final int BLOCK = 1024;

    private KernelSums() {
    }

    /** Σ_{i≠j} k(x_i, x_j) over the rows of {@code x} (both orders, diagonal excluded). */
    public static double offDiagonalSum(RowSource x, PolynomialKernel k) {
        int n = x.size();
        int d = x.dim();
        int b = Math.min(BLOCK, Math.max(n, 1));
        double[] a = new double[b * d];
        double[] other = new double[b * d];
        double[] g = new double[b * b];
        Sum total = new Sum();
        for (int i0 = 0; i0 < n; i0 += b) {
            int ni = Math.min(b, n - i0);
            x.copyRows(i0, i0 + ni, a);
            Gram.aaTUpper(a, ni, d, g);
            double s = 0;
            for (int i = 0; i < ni; i++) {
                int o = i * ni;
                for (int j = i + 1; j < ni; j++) {
                    s += k.apply(g[o + j]);
                }
            }
            total.add(2 * s);
            for (int j0 = i0 + ni; j0 < n; j0 += b) {
                int nj = Math.min(b, n - j0);
                x.copyRows(j0, j0 + nj, other);
                Gram.abT(a, ni, other, nj, d, g);
                total.add(2 * sumKernel(g, ni * nj, k));
            }
        }
        return total.value();
    }

    /** Σ_{i,j} k(x_i, y_j) over all pairs of rows of {@code x} and {@code y}. */
    public static double crossSum(RowSource x, RowSource y, PolynomialKernel k) {
        requireSameDim(x, y);
        int n = x.size();
        int m = y.size();
        int d = x.dim();
        int bx = Math.min(BLOCK, Math.max(n, 1));
        int by = Math.min(BLOCK, Math.max(m, 1));
        double[] a = new double[bx * d];
        double[] c = new double[by * d];
        double[] g = new double[bx * by];
        Sum total = new Sum();
        for (int i0 = 0; i0 < n; i0 += bx) {
            int ni = Math.min(bx, n - i0);
            x.copyRows(i0, i0 + ni, a);
            for (int j0 = 0; j0 < m; j0 += by) {
                int nj = Math.min(by, m - j0);
                y.copyRows(j0, j0 + nj, c);
                Gram.abT(a, ni, c, nj, d, g);
                total.add(sumKernel(g, ni * nj, k));
            }
        }
        return total.value();
    }

    /**
     * The unbiased MMD² between the rows of {@code x} (n ≥ 2) and {@code y} (m ≥ 2); n ≠ m allowed.
     *
     * @throws IllegalArgumentException when a side has fewer than 2 rows or the widths differ
     */
    public static double unbiasedMmd2(RowSource x, RowSource y, PolynomialKernel k) {
        requireSameDim(x, y);
        long n = x.size();
        long m = y.size();
        if (n < 2 || m < 2) {
            throw new IllegalArgumentException("KernelSums: the unbiased MMD² needs at least 2 rows on each side, got "
                    + n + " and " + m);
        }
        double kxx = offDiagonalSum(x, k) / (n * (n - 1.0));
        double kyy = offDiagonalSum(y, k) / (m * (m - 1.0));
        double kxy = crossSum(x, y, k) / ((double) n * m);
        return kxx + kyy - 2 * kxy;
    }

    /**
     * The unbiased MMD² of two equal-size subsets given row-major in {@code x} and {@code y}
     * (m×d each), using {@code g} (length ≥ m²) as workspace: one {@code dsyrk} per side and one
     * {@code dgemm} across, no blocking and no allocation.
     */
    static double subsetMmd2(double[] x, double[] y, int m, int d, PolynomialKernel k, double[] g) {
        Gram.aaTUpper(x, m, d, g);
        double kxx = strictUpperSum(g, m, k);
        Gram.aaTUpper(y, m, d, g);
        double kyy = strictUpperSum(g, m, k);
        Gram.abT(x, m, y, m, d, g);
        double kxy = sumKernel(g, m * m, k);
        return 2 * (kxx + kyy) / (m * (m - 1.0)) - 2 * kxy / ((double) m * m);
    }

    private static double strictUpperSum(double[] g, int n, PolynomialKernel k) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            int o = i * n;
            double row = 0;
            for (int j = i + 1; j < n; j++) {
                row += k.apply(g[o + j]);
            }
            s += row;
        }
        return s;
    }

    /**
     * The kernel matrix K_ij = k(x_i, y_j) of two row sets, row-major |x|×|y|, blocked; with
     * {@code same} (x is y), only the strict upper triangle is filled (the rest is 0).
     */
    static double[] kernelMatrix(RowSource x, RowSource y, boolean same, PolynomialKernel k) {
        int n = x.size();
        int m = y.size();
        int d = x.dim();
        double[] out = new double[n * m];
        int bx = Math.min(BLOCK, Math.max(n, 1));
        int by = Math.min(BLOCK, Math.max(m, 1));
        double[] a = new double[bx * d];
        double[] c = new double[by * d];
        double[] g = new double[bx * by];
        for (int i0 = 0; i0 < n; i0 += bx) {
            int ni = Math.min(bx, n - i0);
            x.copyRows(i0, i0 + ni, a);
            for (int j0 = same ? i0 : 0; j0 < m; j0 += by) {
                int nj = Math.min(by, m - j0);
                y.copyRows(j0, j0 + nj, c);
                Gram.abT(a, ni, c, nj, d, g);
                for (int i = 0; i < ni; i++) {
                    int row = (i0 + i) * m + j0;
                    for (int j = same && j0 == i0 ? i + 1 : 0; j < nj; j++) {
                        out[row + j] = k.apply(g[i * nj + j]);
                    }
                }
            }
        }
        return out;
    }

    private static double sumKernel(double[] g, int len, PolynomialKernel k) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += k.apply(g[i]);
        }
        return s;
    }

    private static void requireSameDim(RowSource x, RowSource y) {
        if (x.dim() != y.dim()) {
            throw new IllegalArgumentException("KernelSums: feature widths differ: " + x.dim() + " and " + y.dim());
        }
    }

    /** Neumaier-compensated sum of block sums. */
    private static final class Sum {
        private double sum;
        private double compensation;

        void add(double v) {
            double t = sum + v;
            if (Math.abs(sum) >= Math.abs(v)) {
                compensation += (sum - t) + v;
            } else {
                compensation += (v - t) + sum;
            }
            sum = t;
        }

        double value() {
            return sum + compensation;
        }
    }
}
