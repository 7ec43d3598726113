/** The seam between metrics and frozen networks: {@link org.calibrax4j.backbone.FeatureExtractor}. */
package org.calibrax4j.backbone;
