package org.calibrax4j.prdc;

/**
 * Configuration of {@link PrecisionRecallMetric}.
 *
 * @param nearestK k of the k-NN radii (≥ 1). Default 5, as the public prdc code
 *     (Naeem et al. 2020, {@code compute_prdc(..., nearest_k=5)}); Kynkäänniemi et al. 2019 use 3
 * @param closedBalls {@code false} (default, prdc): y is in the ball of x when d(x,y) &lt; NND_k(x);
 *     {@code true}: d(x,y) ≤ NND_k(x), as Kynkäänniemi's official code. The two differ only for
 *     samples exactly on a sphere (ties, duplicated or integer-valued features)
 * @param maxSamples at most this many rows kept per side (uniform reservoir sample); 0 keeps all
 * @param seed seed of the reservoir
 */
public record PrecisionRecallConfig(int nearestK, boolean closedBalls, int maxSamples, long seed) {
    /** The default k, as in the public prdc code. */
    public static final int DEFAULT_NEAREST_K = 5;

    /**
     * @throws IllegalArgumentException when {@code nearestK} &lt; 1 or {@code maxSamples} is negative
     *     or not above {@code nearestK}
     */
    public PrecisionRecallConfig {
        if (nearestK < 1) {
            throw new IllegalArgumentException("PrecisionRecallMetric: nearestK must be >= 1, got " + nearestK);
        }
        if (maxSamples < 0 || maxSamples > 0 && maxSamples <= nearestK) {
            throw new IllegalArgumentException("PrecisionRecallMetric: maxSamples must be 0 (keep all) or > nearestK="
                    + nearestK + ", got " + maxSamples);
        }
    }

    /** k = 5, open balls, every row kept. */
    public static PrecisionRecallConfig defaults() {
        return new PrecisionRecallConfig(DEFAULT_NEAREST_K, false, 0, 0L);
    }

    /** The defaults with another k. */
    public static PrecisionRecallConfig withNearestK(int k) {
        return new PrecisionRecallConfig(k, false, 0, 0L);
    }
}
