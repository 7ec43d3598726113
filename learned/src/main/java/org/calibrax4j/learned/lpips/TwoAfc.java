package org.calibrax4j.learned.lpips;

/**
 * The two-alternative forced choice (2AFC) score of the LPIPS paper (Zhang et al. 2018, §2.1):
 * a metric agrees with the judges to the extent that it calls the distortion they preferred closer.
 */
public final class TwoAfc {
    private TwoAfc() {
    }

    /**
     * (d0 &lt; d1)(1 − h) + (d1 &lt; d0) h + ½ (d0 = d1), as {@code lpips/trainer.py score_2afc_dataset}.
     *
     * @param h fraction of judges who preferred distortion 1
     */
    public static double score(double d0, double d1, double h) {
        return (d0 < d1 ? 1 - h : 0) + (d1 < d0 ? h : 0) + (d0 == d1 ? 0.5 : 0);
    }
}
