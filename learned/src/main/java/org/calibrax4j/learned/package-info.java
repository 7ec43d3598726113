/**
 * Learned metrics (Tier 2): metrics whose computation is a SameDiff graph with trainable variables
 * ({@link org.calibrax4j.learned.LearnedMetric}), and the SameDiff training listener that evaluates a
 * metric during {@code SameDiff.fit} ({@link org.calibrax4j.learned.SameDiffMetricListener}).
 */
package org.calibrax4j.learned;
