/**
 * Backbones: frozen networks behind {@link org.calibrax4j.backbone.FeatureExtractor}, trained or
 * loaded once and cached on disk with a SHA-256 sidecar. The first is
 * {@link org.calibrax4j.zoo.FashionMnistClassifier} ({@code fmnist-cnn-v1}), a LeNet-style CNN
 * trained on Fashion-MNIST; {@link org.calibrax4j.zoo.ProgressListener} reports training progress.
 */
package org.calibrax4j.zoo;
