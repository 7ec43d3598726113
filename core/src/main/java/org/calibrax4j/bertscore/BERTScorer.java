package org.calibrax4j.bertscore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.calibrax4j.backbone.TextEmbedder;
import org.calibrax4j.backbone.TokenEmbeddings;
import org.calibrax4j.metric.MetricResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BERTScore of raw texts through a {@link TextEmbedder}, with bert_score's weighting: special
 * tokens weigh 0 (and stay match targets); other tokens weigh 1, or with idf their
 * {@link IdfTable} value computed from the references of the call (bert_score's {@code idf=True}
 * computes it from the reference sentences).
 */
public final class BERTScorer {
    private final TextEmbedder embedder;
    private final boolean idf;
    private final Baseline baseline;

    /**
     * @param embedder the text encoder
     * @param idf weight tokens by idf over the references
     * @param baseline rescaling baseline, or {@code null}
     */
    public BERTScorer(TextEmbedder embedder, boolean idf, Baseline baseline) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.idf = idf;
        this.baseline = baseline;
    }

    /**
     * Scores candidates against references pairwise and returns the filled metric
     * ({@link BERTScoreMetric#compute()} for the means, {@link BERTScoreMetric#perPair()} per pair).
     *
     * @throws IllegalArgumentException when the lists differ in length
     */
    public BERTScoreMetric score(List<String> candidates, List<String> references) {
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException("BERTScorer: " + candidates.size() + " candidates but " + references.size()
                    + " references");
        }
        List<TokenEmbeddings> c = embedder.embedAll(candidates);
        List<TokenEmbeddings> r = embedder.embedAll(references);
        IdfTable table = null;
        if (idf) {
            List<List<String>> docs = new ArrayList<>();
            r.forEach(t -> docs.add(t.tokens()));
            table = IdfTable.fromDocuments(docs);
        }
        List<INDArray> ce = new ArrayList<>();
        List<INDArray> re = new ArrayList<>();
        List<INDArray> cw = new ArrayList<>();
        List<INDArray> rw = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            ce.add(c.get(i).embeddings());
            re.add(r.get(i).embeddings());
            cw.add(weightsOf(c.get(i), table));
            rw.add(weightsOf(r.get(i), table));
        }
        BERTScoreMetric m = baseline == null ? new BERTScoreMetric() : BERTScoreMetric.withBaseline(baseline);
        m.update(ce, re, cw, rw);
        return m;
    }

    /** Convenience: the means over pairs. */
    public MetricResult compute(List<String> candidates, List<String> references) {
        return score(candidates, references).compute();
    }

    private static INDArray weightsOf(TokenEmbeddings t, IdfTable table) {
        boolean[] special = t.special();
        double[] w;
        if (table != null) {
            w = table.weights(t.tokens(), special);
        } else {
            w = new double[special.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = special[i] ? 0 : 1;
            }
        }
        return Nd4j.createFromArray(w);
    }
}
