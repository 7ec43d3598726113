/**
 * Per-sample feature storage for metrics whose statistic needs the rows themselves (KID,
 * precision/recall/density/coverage): {@link org.calibrax4j.features.FeatureRows}, unbounded or a
 * seeded reservoir sample.
 */
package org.calibrax4j.features;
