package org.calibrax4j.bertscore;

import org.calibrax4j.linalg.Gram;

/**
 * The pure BERTScore kernel for one pair (Zhang et al. 2020, eq. 1–3; bert_score
 * {@code greedy_cos_idf}), in float64. With ĉ_i, r̂_j the L2-normalised token embeddings and
 * S = ĉ r̂ᵀ (cosines, computed by {@code dgemm}):
 * <pre>
 *   P = Σ_i w^c_i max_j S_ij / Σ_i w^c_i        R = Σ_j w^r_j max_i S_ij / Σ_j w^r_j        F = 2PR/(P+R)
 * </pre>
 * with idf weights w (all 1 without idf). Every token is a match target whatever its weight (a
 * zero-weight [CLS] can still be the best match of another token). Negative cosines count as they
 * are: there is no padding here, so nothing can stand in for a similarity of 0 (bert_score's padded
 * batches do exactly that).
 *
 * <p>Pinned edge cases: an empty side (0 tokens) gives P = R = F = 0; a side whose weights sum to
 * 0 has no weighted mean, so its score (P for the candidate, R for the reference) is 0, and F
 * follows from the formula (0 when either is 0) — the analogue of bert_score's empty-sentence rule,
 * whose [CLS]+[SEP]-only sentences are exactly the ones with all-zero idf. No 0/0 ever happens.
 */
public final class GreedyCosine {
    private GreedyCosine() {
    }

    /**
     * The outcome of one pair, with the reason when a rule above replaced a score by 0.
     *
     * @param score P, R, F
     * @param note {@code null}, or why a score was set to 0 (for a warning)
     */
    public record Outcome(PairScore score, String note) {
    }

    /**
     * Scores one pair.
     *
     * @param cand Lc×D candidate embeddings, row-major (rows need not be normalised)
     * @param ref Lr×D reference embeddings, row-major
     * @param candWeights Lc non-negative weights, or {@code null} for all 1
     * @param refWeights Lr non-negative weights, or {@code null} for all 1
     * @throws IllegalArgumentException on a token embedding of norm 0 (its cosine is undefined), a
     *     negative or non-finite weight, or lengths that do not match
     */
    public static Outcome score(double[] cand, int lc, double[] ref, int lr, int d, double[] candWeights, double[] refWeights) {
        if (cand.length != (long) lc * d || ref.length != (long) lr * d) {
            throw new IllegalArgumentException("BERTScoreMetric: embedding lengths " + cand.length + ", " + ref.length
                    + " do not match Lc*D = " + lc + "*" + d + ", Lr*D = " + lr + "*" + d);
        }
        checkWeights("candidate", candWeights, lc);
        checkWeights("reference", refWeights, lr);
        double[] c = normalised("candidate", cand, lc, d);
        double[] r = normalised("reference", ref, lr, d);
        if (lc == 0 || lr == 0) {
            return new Outcome(PairScore.ZERO, (lc == 0 ? "empty candidate" : "empty reference") + ": P = R = F = 0");
        }
        double[] s = new double[lc * lr];
        Gram.abT(c, lc, r, lr, d, s);
        double[] rowMax = new double[lc];
        double[] colMax = new double[lr];
        java.util.Arrays.fill(rowMax, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < lc; i++) {
            for (int j = 0; j < lr; j++) {
                double v = s[i * lr + j];
                if (v > rowMax[i]) {
                    rowMax[i] = v;
                }
                if (v > colMax[j]) {
                    colMax[j] = v;
                }
            }
        }
        double p = weightedMean(rowMax, candWeights);
        double rec = weightedMean(colMax, refWeights);
        String note = null;
        if (Double.isNaN(p) || Double.isNaN(rec)) {
            note = (Double.isNaN(p) ? "candidate" : "reference") + (Double.isNaN(p) && Double.isNaN(rec) ? " and reference" : "")
                    + " weights sum to 0: " + (Double.isNaN(p) ? "P" : "R") + (Double.isNaN(p) && Double.isNaN(rec) ? ", R" : "")
                    + " set to 0";
            p = Double.isNaN(p) ? 0 : p;
            rec = Double.isNaN(rec) ? 0 : rec;
        }
        return new Outcome(PairScore.of(p, rec), note);
    }

    /** Σ w v / Σ w, or NaN when Σ w = 0 (the caller replaces it). */
    private static double weightedMean(double[] v, double[] w) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < v.length; i++) {
            double wi = w == null ? 1.0 : w[i];
            num += wi * v[i];
            den += wi;
        }
        return den == 0 ? Double.NaN : num / den;
    }

    private static void checkWeights(String side, double[] w, int l) {
        if (w == null) {
            return;
        }
        if (w.length != l) {
            throw new IllegalArgumentException("BERTScoreMetric: " + side + " idf weights have length " + w.length
                    + ", expected one per token (" + l + ")");
        }
        for (int i = 0; i < l; i++) {
            if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException("BERTScoreMetric: " + side + " idf weight " + i
                        + " must be finite and >= 0, got " + w[i]);
            }
        }
    }

    private static double[] normalised(String side, double[] e, int l, int d) {
        double[] out = new double[e.length];
        for (int i = 0; i < l; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = e[i * d + j];
                s += v * v;
            }
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("BERTScoreMetric: " + side + " token " + i + " has embedding norm "
                        + Math.sqrt(s) + "; cosine similarity needs a finite, non-zero vector");
            }
            double inv = 1 / Math.sqrt(s);
            for (int j = 0; j < d; j++) {
                out[i * d + j] = e[i * d + j] * inv;
            }
        }
        return out;
    }
}
