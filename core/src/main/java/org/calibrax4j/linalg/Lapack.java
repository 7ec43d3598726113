package org.calibrax4j.linalg;

import java.nio.DoubleBuffer;
import org.bytedeco.openblas.global.openblas;

/**
 * Float64 dense linear algebra on row-major {@code double[]} matrices through the OpenBLAS/LAPACKE
 * build that nd4j-native already bundles (bytedeco preset 0.3.19).
 *
 * <p>Only kernels that were verified on every CPU we test on are called: {@code dgemm}, {@code dsyrk}
 * and eigenvalues-only {@code dsyevd}. On AVX-512 CPUs of the Sapphire Rapids generation OpenBLAS
 * 0.3.19's triangular kernels ({@code dtrmm}, {@code dtrsm}, hence {@code dpotrf}) and the
 * eigenvector back-transformation of {@code dsyevd}/{@code dsyevr} return wrong numbers (errors of
 * order 1 at n = 8, NaN at n = 2048; {@code LapackKernelsTest} checks the kernels used here), so
 * triangular work is done by {@link Cholesky} with {@code dsyrk} for its trailing updates.
 *
 * <p>ND4J M2.1's own symmetric eigen solver ({@code syev}) takes ~12 s on a 2048² matrix on two
 * cores; LAPACK's divide-and-conquer {@code dsyevd} takes ~1 s for eigenvalues only, which is why
 * FID calls LAPACKE directly. Matrices are never aliased with the caller's arrays unless a method
 * says it works in place.
 */
public final class Lapack {
    private static final int ROW_MAJOR = openblas.CblasRowMajor;
    private static final int UPPER = openblas.CblasUpper;
    private static final int NO_TRANS = openblas.CblasNoTrans;
    private static final int TRANS = openblas.CblasTrans;

    private Lapack() {
    }

    /**
     * Adds {@code alpha·XᵀX} to the upper triangle of {@code c} (d×d), where X is n×d row-major
     * ({@code dsyrk}). The strict lower triangle of {@code c} is left as it was.
     */
    public static void syrkUpper(double[] x, int n, int d, double alpha, double[] c) {
        if (n == 0) {
            return;
        }
        openblas.cblas_dsyrk(ROW_MAJOR, UPPER, TRANS, d, n, alpha, x, d, 1.0, c, d);
    }

    /**
     * {@code C += alpha·XᵀX} on the upper triangle of an n×n block of a larger row-major matrix
     * ({@code dsyrk} on offsets): X is k×n starting at {@code xOffset}, C starts at {@code cOffset},
     * both with leading dimension {@code ld}. {@code a} must be a direct buffer, so that nothing is copied.
     */
    static void syrkUpper(DoubleBuffer a, int xOffset, int cOffset, int n, int k, int ld, double alpha) {
        openblas.cblas_dsyrk(ROW_MAJOR, UPPER, TRANS, n, k, alpha,
                a.duplicate().position(xOffset), ld, 1.0, a.duplicate().position(cOffset), ld);
    }

    /** Replaces the n×n matrix {@code a} by (a + aᵀ)/2, in place. */
    public static void symmetrizeAverage(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (a[i * n + j] + a[j * n + i]);
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
    }

    /**
     * F·B·Fᵀ for an r×n matrix F and an n×n matrix B ({@code dgemm} twice); returns r×r.
     */
    public static double[] sandwich(double[] f, int r, int n, double[] b) {
        double[] t = new double[r * n];
        openblas.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, r, n, n, 1.0, f, n, b, n, 0.0, t, n);  // F·B
        double[] m = new double[r * r];
        openblas.cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, r, r, n, 1.0, t, n, f, n, 0.0, m, r);    // (F·B)·Fᵀ
        return m;
    }

    /**
     * Eigenvalues (ascending) of a symmetric matrix, read from its upper triangle ({@code dsyevd},
     * values only).
     */
    public static double[] symmetricEigenvalues(double[] a, int n) {
        double[] work = a.clone();
        double[] w = new double[n];
        int info = openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'U', n, work, n, w);
        if (info != 0) {
            throw new IllegalStateException("LAPACKE_dsyevd failed with info=" + info
                    + (info > 0 ? " (the algorithm did not converge)" : " (illegal argument)"));
        }
        return w;
    }
}
