package org.calibrax4j.kid;

/**
 * The polynomial kernel k(x, y) = (γ·xᵀy + c)^degree of KID (Bińkowski et al. 2018; torchmetrics
 * {@code poly_kernel}: degree 3, γ = 1/D, c = 1).
 *
 * @param degree the exponent (≥ 1)
 * @param gamma the scale γ of the inner product (finite, > 0)
 * @param coef the offset c (finite)
 */
public record PolynomialKernel(int degree, double gamma, double coef) {
    /**
     * @throws IllegalArgumentException on a degree below 1 or a non-finite or non-positive γ, or a non-finite c
     */
    public PolynomialKernel {
        if (degree < 1) {
            throw new IllegalArgumentException("PolynomialKernel: degree must be >= 1, got " + degree);
        }
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("PolynomialKernel: gamma must be finite and > 0, got " + gamma);
        }
        if (!Double.isFinite(coef)) {
            throw new IllegalArgumentException("PolynomialKernel: coef must be finite, got " + coef);
        }
    }

    /** KID's default for features of width {@code dim}: degree 3, γ = 1/dim, c = 1. */
    public static PolynomialKernel kidDefault(int dim) {
        return new PolynomialKernel(3, 1.0 / dim, 1.0);
    }

    /** k for an inner product {@code dot} = xᵀy. */
    public double apply(double dot) {
        double t = gamma * dot + coef;
        if (degree == 3) {
            return t * t * t;
        }
        double r = t;
        for (int i = 1; i < degree; i++) {
            r *= t;
        }
        return r;
    }
}
