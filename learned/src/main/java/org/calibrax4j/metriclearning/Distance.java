package org.calibrax4j.metriclearning;

/**
 * Euclidean distance between embeddings, as pytorch-metric-learning's
 * {@code LpDistance(p=2, power=1)}.
 */
public enum Distance {
    /** ‖xᵢ − xⱼ‖ on the raw embeddings ({@code LpDistance(normalize_embeddings=False)}; calibrax). */
    EUCLIDEAN,
    /**
     * ‖x̂ᵢ − x̂ⱼ‖ with x̂ = x / max(‖x‖, 1e-12) ({@code LpDistance()}, the PML default, =
     * {@code torch.nn.functional.normalize}).
     */
    EUCLIDEAN_NORMALIZED
}
