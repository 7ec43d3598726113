package org.calibrax4j.bertscore;

/**
 * Baseline rescaling of BERTScore (Zhang et al. 2020, §"Improving score range"; bert_score
 * {@code rescale_with_baseline}): X' = (X − b_X)/(1 − b_X) for X ∈ {P, R, F}, each with its own
 * baseline. bert_score ships the b values per model and layer in {@code rescale_baseline/<lang>/<model>.tsv};
 * roberta-large layer 17 (its English default) is {@link #ROBERTA_LARGE_L17}. Rescaled values may be
 * negative.
 *
 * @param precision b_P
 * @param recall b_R
 * @param f1 b_F
 */
public record Baseline(double precision, double recall, double f1) {
    /** bert_score's {@code en/roberta-large.tsv}, LAYER 17: P 0.83150584, R 0.8314941, F 0.83122575. */
    public static final Baseline ROBERTA_LARGE_L17 = new Baseline(0.83150584, 0.8314941, 0.83122575);

    /**
     * @throws IllegalArgumentException when a value is not finite or not below 1
     */
    public Baseline {
        check("precision", precision);
        check("recall", recall);
        check("f1", f1);
    }

    private static void check(String name, double b) {
        if (!Double.isFinite(b) || b >= 1) {
            throw new IllegalArgumentException("BERTScoreMetric: baseline " + name + " must be finite and < 1, got " + b);
        }
    }

    /** The rescaled scores; F is rescaled from F itself, not recomputed from the rescaled P and R. */
    public PairScore rescale(PairScore s) {
        return new PairScore((s.precision() - precision) / (1 - precision), (s.recall() - recall) / (1 - recall),
                (s.f1() - f1) / (1 - f1));
    }
}
