/**
 * BERTScore from token embeddings: {@link org.calibrax4j.bertscore.BERTScoreMetric} (greedy cosine
 * matching, idf, baseline rescaling), its pure kernel {@link org.calibrax4j.bertscore.GreedyCosine},
 * and {@link org.calibrax4j.bertscore.BERTScorer} for raw text through a
 * {@link org.calibrax4j.backbone.TextEmbedder}.
 */
package org.calibrax4j.bertscore;
