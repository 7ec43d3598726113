/**
 * Kernel Inception Distance: {@link org.calibrax4j.kid.KIDMetric} (subset and full-set unbiased
 * MMD² with a polynomial kernel), its pure kernel sums {@link org.calibrax4j.kid.KernelSums}.
 */
package org.calibrax4j.kid;
