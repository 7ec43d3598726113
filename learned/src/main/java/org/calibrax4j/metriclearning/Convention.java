package org.calibrax4j.metriclearning;

/**
 * Which public implementation's numerical conventions an angular or proxy loss follows.
 * <ul>
 *   <li>{@link #PML}: pytorch-metric-learning 2.8.1: x̂ = x / max(‖x‖, 1e-12), exact distances,
 *       exact cosines (ArcFace: clamp to [−1, 1] and the monotone threshold rule).</li>
 *   <li>{@link #CALIBRAX}: avitai/calibrax {@code metrics/learning}: x̂ = x / (‖x‖ + ε), ε under
 *       square roots and inside logarithms (ArcFace: every cosine clipped to [−1 + 1e-7, 1 − 1e-7]
 *       and cos(θ + m) without a threshold rule).</li>
 * </ul>
 */
public enum Convention {
    /** pytorch-metric-learning. */
    PML,
    /** calibrax (JAX). */
    CALIBRAX
}
