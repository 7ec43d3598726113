package org.calibrax4j.kid;

/**
 * Configuration of {@link KIDMetric}; defaults are torchmetrics' {@code KernelInceptionDistance}
 * (subsets 100, subset size 1000, degree 3, γ = 1/D, c = 1).
 *
 * @param subsets number of subset pairs averaged (≥ 1)
 * @param subsetSize rows per subset on each side (≥ 2), drawn without replacement within a subset,
 *     independently across subsets
 * @param degree polynomial degree (≥ 1)
 * @param gamma kernel scale γ; {@code NaN} means 1/D (torchmetrics' {@code gamma=None})
 * @param coef kernel offset c
 * @param seed seed of the subset draws (torchmetrics uses the global torch generator instead)
 * @param maxSamples at most this many rows kept per side (uniform reservoir sample, see
 *     {@link org.calibrax4j.features.FeatureRows}); 0 keeps every row
 * @param fullSet also report {@code kid_full}, the unbiased MMD² over all kept rows (O(N²·D) time)
 */
public record KIDConfig(int subsets, int subsetSize, int degree, double gamma, double coef, long seed,
                        int maxSamples, boolean fullSet) {
    private static final String NAME = "KIDMetric";

    /**
     * @throws IllegalArgumentException on any value outside its documented range
     */
    public KIDConfig {
        if (subsets < 1) {
            throw new IllegalArgumentException(NAME + ": subsets must be >= 1, got " + subsets);
        }
        if (subsetSize < 2) {
            throw new IllegalArgumentException(NAME + ": subsetSize must be >= 2 (the unbiased estimator divides by m(m-1)), got "
                    + subsetSize);
        }
        if (degree < 1) {
            throw new IllegalArgumentException(NAME + ": degree must be >= 1, got " + degree);
        }
        if (!Double.isNaN(gamma) && !(gamma > 0 && Double.isFinite(gamma))) {
            throw new IllegalArgumentException(NAME + ": gamma must be finite and > 0 (or NaN for 1/D), got " + gamma);
        }
        if (!Double.isFinite(coef)) {
            throw new IllegalArgumentException(NAME + ": coef must be finite, got " + coef);
        }
        if (maxSamples < 0 || maxSamples > 0 && maxSamples < subsetSize) {
            throw new IllegalArgumentException(NAME + ": maxSamples must be 0 (keep all) or >= subsetSize=" + subsetSize
                    + ", got " + maxSamples);
        }
    }

    /** torchmetrics' defaults with seed 0, every row kept, no full-set value. */
    public static KIDConfig defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The kernel for features of width {@code dim}. */
    public PolynomialKernel kernel(int dim) {
        return new PolynomialKernel(degree, Double.isNaN(gamma) ? 1.0 / dim : gamma, coef);
    }

    /** Builder with torchmetrics' defaults. */
    public static final class Builder {
        private int subsets = 100;
        private int subsetSize = 1000;
        private int degree = 3;
        private double gamma = Double.NaN;
        private double coef = 1.0;
        private long seed;
        private int maxSamples;
        private boolean fullSet;

        private Builder() {
        }

        /** Number of subsets (default 100). */
        public Builder subsets(int n) {
            this.subsets = n;
            return this;
        }

        /** Rows per subset and side (default 1000). */
        public Builder subsetSize(int m) {
            this.subsetSize = m;
            return this;
        }

        /** Polynomial degree (default 3). */
        public Builder degree(int degree) {
            this.degree = degree;
            return this;
        }

        /** Kernel scale γ (default 1/D). */
        public Builder gamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /** Kernel offset c (default 1). */
        public Builder coef(double coef) {
            this.coef = coef;
            return this;
        }

        /** Seed of the subset draws and of the reservoir (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Keep at most this many rows per side by reservoir sampling (default 0: keep all). */
        public Builder maxSamples(int n) {
            this.maxSamples = n;
            return this;
        }

        /** Also compute {@code kid_full} over all rows (default false). */
        public Builder fullSet(boolean full) {
            this.fullSet = full;
            return this;
        }

        /** The validated configuration. */
        public KIDConfig build() {
            return new KIDConfig(subsets, subsetSize, degree, gamma, coef, seed, maxSamples, fullSet);
        }
    }
}
