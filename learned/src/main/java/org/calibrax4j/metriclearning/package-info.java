/**
 * Tier 3: metric-learning losses and miners.
 *
 * <p>Losses: {@link org.calibrax4j.metriclearning.ContrastiveLoss} (Hadsell et al. 2006 / PML
 * hinge), {@link org.calibrax4j.metriclearning.TripletMarginLoss} (batch-all, Hermans et al.
 * 2017), {@link org.calibrax4j.metriclearning.NtXentLoss} (SupCon, Khosla et al. 2020; NT-Xent,
 * Chen et al. 2020), {@link org.calibrax4j.metriclearning.ArcFaceLoss} (Deng et al. 2019),
 * {@link org.calibrax4j.metriclearning.CosFaceLoss} (Wang et al. 2018),
 * {@link org.calibrax4j.metriclearning.ProxyNcaLoss} (Movshovitz-Attias et al. 2017) and
 * {@link org.calibrax4j.metriclearning.ProxyAnchorLoss} (Kim et al. 2020). Defaults and variants
 * follow pytorch-metric-learning 2.8.1 ("PML") and avitai/calibrax; each configuration record
 * documents which.
 *
 * <p>Each loss has two paths: {@code evaluate(...)} is an exact float64 evaluation with exact
 * gradients (a small reverse-mode differentiator over scalars, used for reference checking), and
 * {@code define(...)} ({@link org.calibrax4j.metriclearning.EmbeddingLoss#define},
 * {@link org.calibrax4j.metriclearning.ClassWeightLoss#defineWithTrainableWeights}) adds the same
 * loss to a user's SameDiff graph so that DL4J updaters can train embeddings (and the class
 * weights or proxies, which it creates as trainable VARIABLEs). Both paths are tested to agree. {@link org.calibrax4j.metriclearning.Miners} returns index
 * tuples for hard, batch-hard and semi-hard mining.
 *
 * <p>An empty tuple set (no positive pair, no valid triplet, no active hinge) gives 0.0 with a
 * zero gradient, never NaN, as the reference implementation does.
 */
package org.calibrax4j.metriclearning;
