package org.calibrax4j.functional;

/**
 * How per-class scores of a single-label classification metric are reduced to one number, as
 * scikit-learn's {@code average=} argument.
 */
public enum Average {
    /** Score of the positive label only ({@code pos_label}, default 1); targets must be binary. */
    BINARY,
    /** Unweighted mean of the per-class scores over every label present in the targets or predictions. */
    MACRO,
    /** Score computed from the true/false positives and false negatives summed over classes. */
    MICRO,
    /** Mean of the per-class scores weighted by each class's support (its count in the targets). */
    WEIGHTED
}
