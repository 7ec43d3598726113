package org.calibrax4j.bertscore;

/**
 * BERTScore of one candidate/reference pair.
 *
 * @param precision P (candidate tokens matched in the reference)
 * @param recall R (reference tokens matched in the candidate)
 * @param f1 F = 2PR/(P+R), 0 when P+R = 0
 */
public record PairScore(double precision, double recall, double f1) {
    /** P = R = F = 0, the value of a pair with an empty side. */
    public static final PairScore ZERO = new PairScore(0, 0, 0);

    /** F = 2PR/(P+R) of the given P and R; 0 when P + R = 0 (bert_score fills that NaN with 0). */
    public static PairScore of(double precision, double recall) {
        double s = precision + recall;
        return new PairScore(precision, recall, s == 0 ? 0.0 : 2 * precision * recall / s);
    }
}
