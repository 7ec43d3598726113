package org.calibrax4j.linalg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * Cholesky factors of symmetric positive (semi-)definite matrices, row-major {@code double[]}.
 *
 * <p>Written here rather than called from LAPACK because the bundled OpenBLAS 0.3.19's triangular
 * kernels are wrong on some CPUs (see {@link Lapack}); the O(n³) part of {@link #upper} still runs
 * in {@code dsyrk}.
 */
public final class Cholesky {
    private static final int BLOCK = 64;
    private static final double EPS = Math.ulp(1.0);

    private Cholesky() {
    }

    /**
     * Upper factor U with Σ = UᵀU, read from the upper triangle of {@code a} (n×n); right-looking
     * blocked algorithm (Golub &amp; Van Loan, Alg. 4.2.4): Java for the diagonal blocks and panels,
     * {@code dsyrk} for the trailing updates.
     *
     * @return U with zeros below the diagonal, or {@code null} when the matrix is not numerically
     *     positive definite (a pivot at or below n·ε·max diag, so that a rank-deficient matrix is
     *     never factored through rounding noise)
     */
    public static double[] upper(double[] a, int n) {
        // The matrix lives in native memory so that dsyrk works on it in place; a heap array would be
        // copied in and out by JNI on every call (2·8n² bytes per block step, most of the run time).
        DoubleBuffer u = ByteBuffer.allocateDirect(n * n * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            u.put(i * n + i, a, i * n + i, n - i);
            maxDiag = Math.max(maxDiag, a[i * n + i]);
        }
        double tol = n * EPS * maxDiag;
        double[] p = new double[BLOCK * n];          // the block's rows k0..k1, worked on in Java
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int k1 = Math.min(k0 + BLOCK, n);
            int rows = k1 - k0;
            u.get(k0 * n, p, 0, rows * n);
            for (int j = k0; j < k1; j++) {          // diagonal block, unblocked
                int jr = (j - k0) * n;
                double s = p[jr + j];
                for (int t = k0; t < j; t++) {
                    double v = p[(t - k0) * n + j];
                    s -= v * v;
                }
                if (!(s > tol)) {
                    return null;
                }
                double r = Math.sqrt(s);
                p[jr + j] = r;
                for (int c = j + 1; c < k1; c++) {
                    double v = p[jr + c];
                    for (int t = k0; t < j; t++) {
                        v -= p[(t - k0) * n + j] * p[(t - k0) * n + c];
                    }
                    p[jr + c] = v / r;
                }
            }
            for (int j = k0; j < k1; j++) {          // panel: U11ᵀ·X = A12 by forward substitution
                int row = (j - k0) * n;
                for (int t = k0; t < j; t++) {
                    double f = p[(t - k0) * n + j];
                    if (f != 0) {
                        int src = (t - k0) * n;
                        for (int c = k1; c < n; c++) {
                            p[row + c] -= f * p[src + c];
                        }
                    }
                }
                double inv = 1.0 / p[row + j];
                for (int c = k1; c < n; c++) {
                    p[row + c] *= inv;
                }
            }
            u.put(k0 * n, p, 0, rows * n);
            if (k1 < n) {                            // trailing: A22 −= XᵀX
                Lapack.syrkUpper(u, k0 * n + k1, k1 * n + k1, n - k1, rows, n, -1.0);
            }
        }
        double[] result = new double[n * n];
        u.get(0, result);
        for (int i = 1; i < n; i++) {                // dsyrk left the input's lower triangle as it was: zero it
            java.util.Arrays.fill(result, i * n, i * n + i, 0.0);
        }
        return result;
    }

    /**
     * A factor of a positive semi-definite matrix: F (rank×n) with FᵀF = Σ up to rounding, from
     * Cholesky with diagonal pivoting (Higham 2002, §10.3; LAPACK {@code dpstrf}) stopped when the
     * largest remaining pivot is at most n·ε·max diag (the {@code dpstrf} default tolerance).
     */
    public static Factor pivoted(double[] a, int n) {
        double[] l = new double[n * n];            // l[i][k]: row i of L in original order, column k
        double[] d = new double[n];
        int[] perm = new int[n];
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            d[i] = a[i * n + i];
            perm[i] = i;
            maxDiag = Math.max(maxDiag, d[i]);
        }
        double tol = n * EPS * maxDiag;
        int rank = 0;
        for (int k = 0; k < n; k++) {
            int best = k;
            for (int i = k + 1; i < n; i++) {
                if (d[perm[i]] > d[perm[best]]) {
                    best = i;
                }
            }
            if (!(d[perm[best]] > tol)) {
                break;
            }
            int p = perm[best];
            perm[best] = perm[k];
            perm[k] = p;
            double lkk = Math.sqrt(d[p]);
            l[p * n + k] = lkk;
            for (int i = k + 1; i < n; i++) {
                int q = perm[i];
                double v = a[q * n + p];
                for (int t = 0; t < k; t++) {
                    v -= l[q * n + t] * l[p * n + t];
                }
                v /= lkk;
                l[q * n + k] = v;
                d[q] -= v * v;
            }
            rank++;
        }
        double[] f = new double[rank * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < rank; k++) {
                f[k * n + i] = l[i * n + k];
            }
        }
        return new Factor(f, rank, n);
    }

    /**
     * F (rank×n, row-major) with FᵀF equal to the factored matrix.
     *
     * @param f the factor
     * @param rank its number of rows
     * @param n its number of columns
     */
    public record Factor(double[] f, int rank, int n) {
    }
}
