/**
 * Precision, recall, density and coverage on k-NN manifolds:
 * {@link org.calibrax4j.prdc.PrecisionRecallMetric} and its pure, blocked kernel
 * {@link org.calibrax4j.prdc.KnnManifolds}.
 */
package org.calibrax4j.prdc;
