package org.calibrax4j.fid;

import org.calibrax4j.linalg.Cholesky;
import org.calibrax4j.linalg.Lapack;

/**
 * Fréchet distance between two Gaussians N(μ₁, Σ₁) and N(μ₂, Σ₂) (Dowson &amp; Landau 1982; FID of
 * Heusel et al. 2017): d² = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁Σ₂).
 *
 * <p>tr √(Σ₁Σ₂) is computed with symmetric routines only, never a (complex) matrix square root:
 * with Σ₁ = UᵀU (Cholesky), Σ₁Σ₂ is similar to the symmetric PSD matrix U Σ₂ Uᵀ, so the trace is
 * the sum of the square roots of its eigenvalues. When neither Σ is numerically positive definite
 * (fewer samples than dimensions) the factor is F (rank×D) from pivoted Cholesky, Σ₁ = FᵀF, and the
 * nonzero eigenvalues are those of F Σ₂ Fᵀ. Eigenvalues below the rounding floor D·ε·λ_max are taken as 0 — they are noise, and
 * their square roots would otherwise add √ε-sized errors — and the result is clamped at 0.
 */
public final class FrechetDistance {
    private static final double EPS = Math.ulp(1.0);
    private static final double SYMMETRY_TOLERANCE = 1e-6;

    private FrechetDistance() {
    }

    /**
     * The squared Fréchet distance (what papers call FID).
     *
     * @param mu1 mean of the first Gaussian (length D)
     * @param sigma1 covariance, row-major D×D, symmetric positive semi-definite
     * @throws IllegalArgumentException on mismatched sizes, non-finite entries, a covariance that is
     *     not symmetric or has a negative diagonal entry, or a product that overflows float64
     */
    public static double compute(double[] mu1, double[] sigma1, double[] mu2, double[] sigma2) {
        int d = mu1.length;
        require(d > 0, "mu1 must not be empty");
        require(mu2.length == d, "mu2 has length " + mu2.length + ", mu1 has " + d);
        require(sigma1.length == (long) d * d, "sigma1 has " + sigma1.length + " entries, expected " + d + "x" + d);
        require(sigma2.length == (long) d * d, "sigma2 has " + sigma2.length + " entries, expected " + d + "x" + d);
        requireFinite("mu1", mu1);
        requireFinite("mu2", mu2);
        requireFinite("sigma1", sigma1);
        requireFinite("sigma2", sigma2);
        requireCovariance("sigma1", sigma1, d);
        requireCovariance("sigma2", sigma2, d);
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = mu1[i] - mu2[i];
            meanTerm += diff * diff;
        }
        double tr1 = 0;
        double tr2 = 0;
        for (int i = 0; i < d; i++) {
            tr1 += sigma1[i * d + i];
            tr2 += sigma2[i * d + i];
        }
        double fid = meanTerm + tr1 + tr2 - 2.0 * traceSqrtProduct(sigma1, sigma2, d);
        return Math.max(fid, 0.0);
    }

    /** FID between two sets of accumulated statistics. */
    public static double compute(GaussianStatistics a, GaussianStatistics b) {
        return compute(a.mean(), a.covariance(), b.mean(), b.covariance());
    }

    /** tr √(Σ₁Σ₂) for symmetric PSD Σ₁, Σ₂ (row-major d×d). */
    public static double traceSqrtProduct(double[] sigma1, double[] sigma2, int d) {
        double[] m;
        int r = d;
        double[] u = Cholesky.upper(sigma1, d);
        if (u != null) {
            m = Lapack.sandwich(u, d, d, sigma2);                 // Σ₁ = UᵀU: Σ₁Σ₂ ~ UΣ₂Uᵀ
        } else if ((u = Cholesky.upper(sigma2, d)) != null) {
            m = Lapack.sandwich(u, d, d, sigma1);                 // tr √(Σ₁Σ₂) = tr √(Σ₂Σ₁)
        } else {
            Cholesky.Factor f = Cholesky.pivoted(sigma1, d);       // Σ₁ = FᵀF, F rank×d
            r = f.rank();
            if (r == 0) {
                return 0.0;
            }
            m = Lapack.sandwich(f.f(), r, d, sigma2);
        }
        for (double v : m) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("FrechetDistance: the product of the covariances overflows float64"
                        + " (feature values too large); rescale the features");
            }
        }
        Lapack.symmetrizeAverage(m, r);
        double[] w = Lapack.symmetricEigenvalues(m, r);
        double floor = r * EPS * Math.max(Math.abs(w[0]), Math.abs(w[r - 1]));
        double sum = 0;
        for (int i = r - 1; i >= 0; i--) { // largest first: adds small terms to a large sum last
            if (w[i] > floor) {
                sum += Math.sqrt(w[i]);
            }
        }
        return sum;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("FrechetDistance: " + message);
        }
    }

    /**
     * A covariance must be symmetric (to {@value #SYMMETRY_TOLERANCE} of its largest diagonal entry,
     * rounding in a saved float32 matrix) with a non-negative diagonal; only its upper triangle is
     * used, so an asymmetric matrix would silently give the value of another one.
     */
    private static void requireCovariance(String name, double[] s, int d) {
        double maxDiag = 0;
        for (int i = 0; i < d; i++) {
            double v = s[i * d + i];
            if (v < 0) {
                throw new IllegalArgumentException("FrechetDistance: " + name + " is not a covariance: diagonal entry ["
                        + i + "," + i + "] = " + v + " < 0");
            }
            maxDiag = Math.max(maxDiag, v);
        }
        double tol = SYMMETRY_TOLERANCE * maxDiag;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                if (Math.abs(s[i * d + j] - s[j * d + i]) > tol) {
                    throw new IllegalArgumentException(String.format(
                            "FrechetDistance: %s is not symmetric: [%d,%d] = %s but [%d,%d] = %s", name, i, j,
                            s[i * d + j], j, i, s[j * d + i]));
                }
            }
        }
    }

    private static void requireFinite(String name, double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("FrechetDistance: " + name + " contains " + a[i] + " at index " + i);
            }
        }
    }
}
