package org.calibrax4j.kid;

/**
 * KID's values in detail.
 *
 * @param perSubset the unbiased MMD² of each subset pair, in draw order
 * @param mean their mean ({@code kid_mean})
 * @param std their population standard deviation, ddof = 0 ({@code kid_std}; torchmetrics
 *     {@code std(unbiased=False)})
 * @param full the unbiased MMD² over all rows ({@code kid_full}), NaN when not requested
 */
public record KIDEstimate(double[] perSubset, double mean, double std, double full) {
    /** Copies the array. */
    public KIDEstimate {
        perSubset = perSubset.clone();
    }

    /** A copy of the per-subset values. */
    @Override
    public double[] perSubset() {
        return perSubset.clone();
    }
}
