package org.calibrax4j.prdc;

import java.util.Arrays;
import org.calibrax4j.features.RowSource;
import org.calibrax4j.linalg.Gram;

/**
 * Pure, blocked k-nearest-neighbour manifold computations behind precision/recall (Kynkäänniemi
 * et al. 2019) and density/coverage (Naeem et al. 2020), with the conventions of the public prdc
 * code (clovaai/generative-evaluation-prdc {@code compute_prdc}):
 * <ul>
 *   <li>NND_k(x_i) = the (k+1)-th smallest entry of row i of the self-distance matrix, whose
 *       diagonal is 0 by position: the sample itself is excluded by position, not by value, so an
 *       exact duplicate elsewhere in the set is a neighbour at distance 0;</li>
 *   <li>balls are open: y lies in the ball of x when d(x, y) &lt; NND_k(x) (the official
 *       Kynkäänniemi code uses a closed ball, {@code ≤}: pass {@code closedBalls});</li>
 *   <li>Euclidean distances.</li>
 * </ul>
 *
 * <p>Squared distances are evaluated in float64 as ‖x‖² − 2xᵀy + ‖y‖² (clamped at 0), inner
 * products by {@code dgemm} on blocks of {@value #BLOCK} rows, and compared squared (no square
 * root on the hot path). Only one BLOCK×BLOCK block of distances exists at any time, so memory is
 * O(BLOCK² + (N + M)·(k + 1)) beyond the rows themselves: 50k×50k is never materialised. With
 * integer-valued data every quantity is an exact float64 integer, so ties are exact.
 */
public final class KnnManifolds {
    /** Rows per block of the distance computations. */
    public static final int BLOCK = 1024;

    private KnnManifolds() {
    }

    /**
     * Squared NND_k of every row of {@code x} within {@code x} (self at distance 0 by position).
     *
     * @throws IllegalArgumentException when k ≤ 0 or x has k rows or fewer
     */
    public static double[] squaredRadii(RowSource x, int k) {
        int n = x.size();
        if (k <= 0 || n <= k) {
            throw new IllegalArgumentException("KnnManifolds: NND_k needs k >= 1 and more than k rows, got k=" + k + ", rows=" + n);
        }
        int d = x.dim();
        int kk = k + 1;
        double[] best = new double[n * kk];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int b = Math.min(BLOCK, n);
        double[] a = new double[b * d];
        double[] c = new double[b * d];
        double[] g = new double[b * b];
        double[] na = new double[b];
        double[] nc = new double[b];
        for (int i0 = 0; i0 < n; i0 += b) {
            int ni = Math.min(b, n - i0);
            x.copyRows(i0, i0 + ni, a);
            norms(a, ni, d, na);
            for (int j0 = i0; j0 < n; j0 += b) {
                int nj = Math.min(b, n - j0);
                double[] other = a;
                double[] no = na;
                if (j0 != i0) {
                    x.copyRows(j0, j0 + nj, c);
                    norms(c, nj, d, nc);
                    other = c;
                    no = nc;
                }
                Gram.abT(a, ni, other, nj, d, g);
                for (int i = 0; i < ni; i++) {
                    int o = i * nj;
                    for (int j = 0; j < nj; j++) {
                        double d2;
                        if (j0 == i0 && i == j) {
                            d2 = 0.0; // the diagonal, by position
                        } else {
                            d2 = Math.max(0.0, na[i] - 2 * g[o + j] + no[j]);
                        }
                        offer(best, (i0 + i) * kk, kk, d2);
                        if (j0 != i0) {
                            offer(best, (j0 + j) * kk, kk, d2);
                        }
                    }
                }
            }
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = best[i * kk + k];
        }
        return r;
    }

    /** Keeps the kk smallest values of a row sorted ascending in best[off, off+kk). */
    private static void offer(double[] best, int off, int kk, double v) {
        int last = off + kk - 1;
        if (!(v < best[last])) {
            return;
        }
        int p = last;
        while (p > off && best[p - 1] > v) {
            best[p] = best[p - 1];
            p--;
        }
        best[p] = v;
    }

    /**
     * Ball memberships between the real rows {@code x} and generated rows {@code y}: radii within
     * each set, then one blocked pass over the real×generated distances.
     *
     * @param closedBalls {@code true} for d ≤ NND_k (Kynkäänniemi's code), {@code false} for d &lt; NND_k (prdc)
     * @throws IllegalArgumentException when the widths differ or a set has k rows or fewer
     */
    public static ManifoldCounts counts(RowSource x, RowSource y, int k, boolean closedBalls) {
        if (x.dim() != y.dim()) {
            throw new IllegalArgumentException("KnnManifolds: feature widths differ: " + x.dim() + " and " + y.dim());
        }
        double[] rx = squaredRadii(x, k);
        double[] ry = squaredRadii(y, k);
        int n = x.size();
        int m = y.size();
        int d = x.dim();
        int[] fakeInReal = new int[m];
        int[] realBallFake = new int[n];
        int[] realInFake = new int[n];
        int bx = Math.min(BLOCK, n);
        int by = Math.min(BLOCK, m);
        double[] a = new double[bx * d];
        double[] c = new double[by * d];
        double[] g = new double[bx * by];
        double[] na = new double[bx];
        double[] nc = new double[by];
        for (int i0 = 0; i0 < n; i0 += bx) {
            int ni = Math.min(bx, n - i0);
            x.copyRows(i0, i0 + ni, a);
            norms(a, ni, d, na);
            for (int j0 = 0; j0 < m; j0 += by) {
                int nj = Math.min(by, m - j0);
                y.copyRows(j0, j0 + nj, c);
                norms(c, nj, d, nc);
                Gram.abT(a, ni, c, nj, d, g);
                for (int i = 0; i < ni; i++) {
                    int o = i * nj;
                    double ri = rx[i0 + i];
                    int inBall = 0;
                    int inOther = 0;
                    for (int j = 0; j < nj; j++) {
                        double d2 = Math.max(0.0, na[i] - 2 * g[o + j] + nc[j]);
                        boolean inReal = closedBalls ? d2 <= ri : d2 < ri;
                        if (inReal) {
                            inBall++;
                            fakeInReal[j0 + j]++;
                        }
                        double rj = ry[j0 + j];
                        if (closedBalls ? d2 <= rj : d2 < rj) {
                            inOther++;
                        }
                    }
                    realBallFake[i0 + i] += inBall;
                    realInFake[i0 + i] += inOther;
                }
            }
        }
        return new ManifoldCounts(k, sqrt(rx), sqrt(ry), fakeInReal, realBallFake, realInFake);
    }

    private static void norms(double[] a, int n, int d, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * d;
            for (int j = 0; j < d; j++) {
                s += a[o + j] * a[o + j];
            }
            out[i] = s;
        }
    }

    private static double[] sqrt(double[] squared) {
        double[] r = new double[squared.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.sqrt(squared[i]);
        }
        return r;
    }
}
