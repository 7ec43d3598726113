/**
 * LPIPS (Zhang et al. 2018) as a learned SameDiff metric: {@link org.calibrax4j.learned.lpips.LPIPSMetric}
 * on features or images, the 2AFC ranking objective ({@link org.calibrax4j.learned.lpips.RankingNet},
 * {@link org.calibrax4j.learned.lpips.TwoAfc}) for fine-tuning its linear weights.
 */
package org.calibrax4j.learned.lpips;
