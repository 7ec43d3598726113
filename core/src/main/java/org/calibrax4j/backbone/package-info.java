/**
 * The seam between metrics and frozen networks: {@link org.calibrax4j.backbone.FeatureExtractor}
 * (one feature vector per image) and {@link org.calibrax4j.backbone.TapExtractor} (several named
 * intermediate activations per image, for LPIPS).
 */
package org.calibrax4j.backbone;
