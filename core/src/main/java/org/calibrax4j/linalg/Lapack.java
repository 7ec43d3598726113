package org.calibrax4j.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Float64 dense linear algebra on row-major {@code double[]} matrices through the OpenBLAS/LAPACKE
 * build that nd4j-native already bundles (bytedeco preset).
 *
 * <p>ND4J M2.1's own symmetric eigen solver ({@code syev}) takes ~12 s on a 2048² matrix on two cores;
 * LAPACK's divide-and-conquer {@code dsyevd} takes ~1 s for eigenvalues only, which is why FID
 * calls LAPACKE directly. All matrices are square {@code n×n}, row-major, and are never aliased
 * with the caller's arrays unless a method says it works in place.
 */
public final class Lapack {
    private static final int ROW_MAJOR = openblas.CblasRowMajor;
    private static final int UPPER = openblas.CblasUpper;
    private static final int LOWER = openblas.CblasLower;
    private static final int NO_TRANS = openblas.CblasNoTrans;
    private static final int TRANS = openblas.CblasTrans;
    private static final int LEFT = openblas.CblasLeft;
    private static final int RIGHT = openblas.CblasRight;
    private static final int NON_UNIT = openblas.CblasNonUnit;

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

    /** Copies the upper triangle of the n×n matrix {@code a} onto its lower triangle, in place. */
    public static void symmetrizeFromUpper(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a[j * n + i] = a[i * n + j];
            }
        }
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
     * Lower Cholesky factor L (Σ = L Lᵀ) of a symmetric matrix ({@code dpotrf}).
     *
     * @return L with zeros above the diagonal, or {@code null} when the matrix is not numerically
     *     positive definite
     */
    public static double[] choleskyLower(double[] a, int n) {
        double[] l = a.clone();
        int info = openblas.LAPACKE_dpotrf(ROW_MAJOR, (byte) 'L', n, l, n);
        if (info < 0) {
            throw new IllegalStateException("LAPACKE_dpotrf rejected argument " + (-info));
        }
        if (info > 0) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                l[i * n + j] = 0.0;
            }
        }
        return l;
    }

    /** Lᵀ·B·L for lower-triangular L, computed with two triangular products ({@code dtrmm}). */
    public static double[] congruenceByLower(double[] l, double[] b, int n) {
        double[] t = b.clone();
        openblas.cblas_dtrmm(ROW_MAJOR, RIGHT, LOWER, NO_TRANS, NON_UNIT, n, n, 1.0, l, n, t, n); // B·L
        openblas.cblas_dtrmm(ROW_MAJOR, LEFT, LOWER, TRANS, NON_UNIT, n, n, 1.0, l, n, t, n);     // Lᵀ·(B·L)
        return t;
    }

    /** Sᵀ·B·S for a general n×n matrix S ({@code dgemm} twice). */
    public static double[] congruence(double[] s, double[] b, int n) {
        double[] t = new double[n * n];
        openblas.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, n, n, n, 1.0, b, n, s, n, 0.0, t, n);
        double[] m = new double[n * n];
        openblas.cblas_dgemm(ROW_MAJOR, TRANS, NO_TRANS, n, n, n, 1.0, s, n, t, n, 0.0, m, n);
        return m;
    }

    /**
     * Eigenvalues (ascending) of a symmetric matrix, read from its upper triangle ({@code dsyevd},
     * values only).
     */
    public static double[] symmetricEigenvalues(double[] a, int n) {
        double[] work = a.clone();
        double[] w = new double[n];
        int info = openblas.LAPACKE_dsyevd(ROW_MAJOR, (byte) 'N', (byte) 'U', n, work, n, w);
        check("LAPACKE_dsyevd", info);
        return w;
    }

    /**
     * Eigen-decomposition of a symmetric matrix ({@code dsyevd} with vectors).
     *
     * @param vectorsOut receives the n×n row-major matrix whose columns are the eigenvectors
     * @return the eigenvalues, ascending
     */
    public static double[] symmetricEigen(double[] a, int n, double[] vectorsOut) {
        System.arraycopy(a, 0, vectorsOut, 0, n * n);
        double[] w = new double[n];
        int info = openblas.LAPACKE_dsyevd(ROW_MAJOR, (byte) 'V', (byte) 'U', n, vectorsOut, n, w);
        check("LAPACKE_dsyevd", info);
        return w;
    }

    private static void check(String routine, int info) {
        if (info != 0) {
            throw new IllegalStateException(routine + " failed with info=" + info
                    + (info > 0 ? " (the algorithm did not converge)" : " (illegal argument)"));
        }
    }
}
