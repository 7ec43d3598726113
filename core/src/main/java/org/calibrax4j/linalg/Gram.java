package org.calibrax4j.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Float64 inner-product (Gram) matrices of row-major feature blocks through OpenBLAS {@code dgemm}
 * and {@code dsyrk}, the two BLAS-3 kernels verified correct on every CPU we test on (see
 * {@link Lapack}). Kernel and distance metrics (KID, precision/recall) build on these instead of
 * per-element loops over the feature width D.
 *
 * <p>Arguments are small blocks (a few thousand rows): JavaCPP may copy a heap array in and out
 * of native memory per call, which is negligible next to the O(a·b·D) product only for blocks.
 */
public final class Gram {
    private Gram() {
    }

    /**
     * {@code c = a·bᵀ}: a is na×d, b is nb×d (row-major), c receives na×nb (row-major, overwritten).
     */
    public static void abT(double[] a, int na, double[] b, int nb, int d, double[] c) {
        check(a, na, d, "a");
        check(b, nb, d, "b");
        if ((long) na * nb > c.length) {
            throw new IllegalArgumentException("Gram: c has length " + c.length + ", needs " + na + "*" + nb);
        }
        if (na == 0 || nb == 0) {
            return;
        }
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, na, nb, d,
                1.0, a, d, b, d, 0.0, c, nb);
    }

    /**
     * The upper triangle (diagonal included) of {@code c = a·aᵀ} for an n×d row-major {@code a}
     * ({@code dsyrk}); the strict lower triangle of {@code c} (n×n) is unspecified.
     */
    public static void aaTUpper(double[] a, int n, int d, double[] c) {
        check(a, n, d, "a");
        if ((long) n * n > c.length) {
            throw new IllegalArgumentException("Gram: c has length " + c.length + ", needs " + n + "*" + n);
        }
        if (n == 0) {
            return;
        }
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasNoTrans, n, d,
                1.0, a, d, 0.0, c, n);
    }

    /** Squared Euclidean norms of the n rows of a row-major n×d matrix, summed in float64. */
    public static double[] rowNormsSquared(double[] a, int n, int d) {
        check(a, n, d, "a");
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * d;
            for (int j = 0; j < d; j++) {
                s += a[o + j] * a[o + j];
            }
            out[i] = s;
        }
        return out;
    }

    private static void check(double[] a, int n, int d, String name) {
        if (n < 0 || d <= 0 || (long) n * d > a.length) {
            throw new IllegalArgumentException("Gram: " + name + " has length " + a.length + ", needs " + n + "*" + d);
        }
    }
}
