/**
 * The FID variant of InceptionV3 (pytorch-fid / TTUR) as a frozen DL4J ComputationGraph:
 * {@link org.calibrax4j.zoo.inception.FidInceptionV3} (a
 * {@link org.calibrax4j.backbone.FeatureExtractor}: pool3 features, Inception Score probabilities,
 * 64/192/768 taps), {@link org.calibrax4j.zoo.inception.BilinearResize} (PyTorch's
 * align_corners=False bilinear resize) and {@link org.calibrax4j.zoo.inception.ReferenceWeights}
 * (the deterministic weights of the reference fixtures).
 */
package org.calibrax4j.zoo.inception;
