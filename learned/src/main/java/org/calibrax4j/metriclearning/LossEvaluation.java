package org.calibrax4j.metriclearning;

/**
 * A loss value with its exact float64 gradients.
 *
 * @param loss the scalar loss
 * @param embeddingGradient d loss / d embeddings, B × D
 * @param weightGradient d loss / d class weights (ArcFace/CosFace, D × C) or proxies (ProxyNCA,
 *     ProxyAnchor, C × D); {@code null} for losses without trainable weights
 */
public record LossEvaluation(double loss, double[][] embeddingGradient, double[][] weightGradient) {
}
