package org.calibrax4j.functional;

/**
 * The value a ratio takes when its denominator is zero (e.g. precision with no predicted
 * positives), as scikit-learn's {@code zero_division=} argument.
 */
public enum ZeroDivision {
    /** scikit-learn's default {@code 'warn'}: the ratio is 0.0 (scikit-learn also emits a warning). */
    WARN(0.0),
    /** {@code zero_division=0}: the ratio is 0.0. */
    ZERO(0.0),
    /** {@code zero_division=1}: the ratio is 1.0. */
    ONE(1.0);

    private final double value;

    ZeroDivision(double value) {
        this.value = value;
    }

    /** The value substituted for 0/0. */
    public double value() {
        return value;
    }
}
