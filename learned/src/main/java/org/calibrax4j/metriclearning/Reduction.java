package org.calibrax4j.metriclearning;

/** How per-tuple losses are reduced to one scalar (pytorch-metric-learning's reducers). */
public enum Reduction {
    /**
     * Σ loss / #{loss > 0}, and 0 (with a zero gradient) when no tuple has a positive loss:
     * {@code AvgNonZeroReducer}.
     */
    AVG_NON_ZERO,
    /** Σ loss / #tuples, and 0 for an empty tuple set: {@code MeanReducer}. */
    MEAN,
    /**
     * Contrastive only: (Σ pos + Σ neg) / (#pos + #neg), one mean over all pairs instead of the
     * sum of two per-term means.
     */
    PLAIN_MEAN
}
