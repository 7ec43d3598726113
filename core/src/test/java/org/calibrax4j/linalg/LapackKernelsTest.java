package org.calibrax4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native kernels FID relies on, checked against plain Java loops on this machine's CPU: the
 * bundled OpenBLAS picks kernels by CPU model, and some of its kernels are wrong on some CPUs.
 */
class LapackKernelsTest {

    private static double[] gaussian(Random r, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    /** XᵀX with plain loops (X is m×n). */
    private static double[] gram(double[] x, int m, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += x[k * n + i] * x[k * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static void assertClose(double[] expected, double[] got, double rel, String what) {
        assertEquals(expected.length, got.length, what + " length");
        double scale = Math.max(1, maxAbs(expected));
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - got[i]) <= rel * scale,
                    what + " at " + i + ": expected " + expected[i] + ", got " + got[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 49, 64, 130, 300})
    void syrkMatchesLoops(int n) {
        Random r = new Random(n);
        int m = n + 7;
        double[] x = gaussian(r, m * n);
        double[] c = new double[n * n];
        Lapack.syrkUpper(x, m, n, 1.0, c);
        double[] expected = gram(x, m, n);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                assertEquals(expected[i * n + j], c[i * n + j], 1e-10 * m, "syrk at " + i + "," + j);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 64, 130})
    void sandwichMatchesLoops(int n) {
        Random r = new Random(n);
        int rows = Math.max(1, n - 2);
        double[] f = gaussian(r, rows * n);
        double[] b = gaussian(r, n * n);
        double[] expected = new double[rows * rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    for (int l = 0; l < n; l++) {
                        s += f[i * n + k] * b[k * n + l] * f[j * n + l];
                    }
                }
                expected[i * rows + j] = s;
            }
        }
        assertClose(expected, Lapack.sandwich(f, rows, n, b), 1e-12, "F·B·Fᵀ");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 8, 49, 130, 300})
    void eigenvaluesKeepTraceAndFrobeniusNorm(int n) {
        Random r = new Random(n);
        double[] a = gram(gaussian(r, (n + 3) * n), n + 3, n);
        double[] w = Lapack.symmetricEigenvalues(a, n);
        double trace = 0;
        double frob = 0;
        double sumW = 0;
        double sumW2 = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i * n + i];
            sumW += w[i];
            sumW2 += w[i] * w[i];
            if (i > 0) {
                assertTrue(w[i] >= w[i - 1], "ascending");
            }
        }
        for (double v : a) {
            frob += v * v;
        }
        assertEquals(trace, sumW, 1e-10 * trace);
        assertEquals(frob, sumW2, 1e-10 * frob);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 63, 64, 65, 200})
    void choleskyReconstructs(int n) {
        Random r = new Random(n);
        double[] a = gram(gaussian(r, (n + 5) * n), n + 5, n);
        double[] u = Cholesky.upper(a, n);
        assertNotNull(u);
        double[] back = gram(u, n, n); // UᵀU
        assertClose(a, back, 1e-12, "UᵀU");
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, u[i * n + j], "below diagonal");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 70, 150})
    void rankDeficientMatrixIsNotFactoredButPivotedFactorFindsItsRank(int n) {
        Random r = new Random(n);
        int rank = n / 3;
        double[] a = gram(gaussian(r, rank * n), rank, n);
        assertNull(Cholesky.upper(a, n));
        Cholesky.Factor f = Cholesky.pivoted(a, n);
        assertEquals(rank, f.rank());
        assertClose(a, gram(f.f(), f.rank(), n), 1e-11, "FᵀF");
    }
}
