package org.calibrax4j.bertscore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.calibrax4j.metric.Checks;
import org.calibrax4j.metric.Metric;
import org.calibrax4j.metric.MetricDescriptor;
import org.calibrax4j.metric.MetricResult;
import org.calibrax4j.metric.MetricState;
import org.calibrax4j.metric.PersistentMetric;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BERTScore (Zhang et al. 2020, ICLR) from token embeddings, as bert_score's
 * {@code greedy_cos_idf} computes it for one pair at a time: greedy cosine matching with optional
 * idf weights and optional baseline rescaling; see {@link GreedyCosine} for the formula and the
 * pinned edge cases, {@link Baseline} for the rescaling.
 *
 * <p>Inputs are per-pair token embeddings (Lc×D candidate, Lr×D reference, float32 or float64),
 * one pair per {@link #update(INDArray, INDArray)}, a list of pairs, or padded batches with masks
 * ({@link #updatePadded}); padded positions are dropped, never scored as similarity 0. Raw text
 * goes through a {@link org.calibrax4j.backbone.TextEmbedder} and {@link BERTScorer}.
 *
 * <p>State: the per-pair (P, R, F) values, in arrival order (mergeable by appending). Results are
 * means over pairs: {@code bertscore_precision}, {@code bertscore_recall}, {@code bertscore_f1}
 * (the mean of the per-pair F, not F of the mean P and R); with a baseline, the three keys carry
 * the rescaled values. {@link #perPair()} gives the per-pair values. Higher is better.
 */
public final class BERTScoreMetric implements Metric<BERTScoreMetric>, PersistentMetric {
    /** Result key of the mean precision. */
    public static final String PRECISION = "bertscore_precision";
    /** Result key of the mean recall. */
    public static final String RECALL = "bertscore_recall";
    /** Result key of the mean F1 (the primary value). */
    public static final String F1 = "bertscore_f1";
    /** Type id of {@link #saveState()}. */
    public static final String STATE_TYPE = "bertscore";
    private static final int STATE_VERSION = 1;
    private static final String NAME = "BERTScoreMetric";
    private static final Logger LOG = LoggerFactory.getLogger(BERTScoreMetric.class);

    private final Baseline baseline;
    private double[] scores = new double[0];
    private int count;
    private int dim = -1;

    /** BERTScore without rescaling. */
    public BERTScoreMetric() {
        this(null);
    }

    private BERTScoreMetric(Baseline baseline) {
        this.baseline = baseline;
    }

    /** BERTScore whose results are rescaled with {@code baseline}. */
    public static BERTScoreMetric withBaseline(Baseline baseline) {
        return new BERTScoreMetric(Objects.requireNonNull(baseline, "baseline"));
    }

    @Override
    public MetricDescriptor descriptor() {
        return new MetricDescriptor(F1, true);
    }

    /** The baseline, or {@code null}. */
    public Baseline baseline() {
        return baseline;
    }

    /**
     * Scores one pair without idf (all weights 1).
     *
     * @throws IllegalArgumentException on bad shapes, NaN/Inf, a zero token embedding or a width
     *     different from earlier pairs
     */
    public void update(INDArray candidate, INDArray reference) {
        update(candidate, reference, null, null);
    }

    /**
     * Scores one pair with idf weights (one per token; {@code null} for all 1).
     *
     * @throws IllegalArgumentException as {@link #update(INDArray, INDArray)}, or on weights that
     *     are negative, non-finite or not one per token
     */
    public void update(INDArray candidate, INDArray reference, INDArray candidateIdf, INDArray referenceIdf) {
        int[] batchDim = {dim};
        double[] one = scoreOne(0, candidate, reference, candidateIdf, referenceIdf, batchDim);
        append(List.of(one));
        dim = batchDim[0];
    }

    /**
     * Scores a batch of pairs given as lists (idf lists may be {@code null}); all-or-nothing.
     *
     * @throws IllegalArgumentException when the lists differ in length or any pair is bad (the
     *     message gives its index)
     */
    public void update(List<INDArray> candidates, List<INDArray> references, List<INDArray> candidateIdf,
                       List<INDArray> referenceIdf) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(references, "references");
        int n = candidates.size();
        if (references.size() != n || candidateIdf != null && candidateIdf.size() != n
                || referenceIdf != null && referenceIdf.size() != n) {
            throw new IllegalArgumentException(String.format("%s: batch lists differ in length: candidates=%d, references=%d%s%s",
                    NAME, n, references.size(), candidateIdf == null ? "" : ", candidateIdf=" + candidateIdf.size(),
                    referenceIdf == null ? "" : ", referenceIdf=" + referenceIdf.size()));
        }
        List<double[]> out = new ArrayList<>(n);
        int[] batchDim = {dim};
        for (int i = 0; i < n; i++) {
            out.add(scoreOne(i, candidates.get(i), references.get(i), candidateIdf == null ? null : candidateIdf.get(i),
                    referenceIdf == null ? null : referenceIdf.get(i), batchDim));
        }
        append(out);
        dim = batchDim[0];
    }

    /**
     * Scores a padded batch: B×Lc×D candidates with a B×Lc mask, B×Lr×D references with a B×Lr
     * mask (1 = token, 0 = padding; positions need not be contiguous), and optional B×Lc / B×Lr
     * idf weights (values at padded positions are ignored). Padded positions are removed before
     * matching. All-or-nothing.
     *
     * @throws IllegalArgumentException on inconsistent shapes, a mask value other than 0/1, or a
     *     bad pair (the message gives its index)
     */
    public void updatePadded(INDArray candidates, INDArray candidateMask, INDArray references, INDArray referenceMask,
                             INDArray candidateIdf, INDArray referenceIdf) {
        Unpadded c = unpad("candidates", candidates, candidateMask, candidateIdf);
        Unpadded r = unpad("references", references, referenceMask, referenceIdf);
        if (c.rows.size() != r.rows.size()) {
            throw new IllegalArgumentException(String.format("%s: batch sizes differ: candidates %d, references %d",
                    NAME, c.rows.size(), r.rows.size()));
        }
        if (c.dim != r.dim) {
            throw new IllegalArgumentException(String.format("%s: embedding widths differ: candidates D=%d, references D=%d",
                    NAME, c.dim, r.dim));
        }
        requireDim(c.dim, dim, 0);
        List<double[]> out = new ArrayList<>();
        for (int b = 0; b < c.rows.size(); b++) {
            out.add(scoreArrays(b, c.rows.get(b), c.weights.get(b), r.rows.get(b), r.weights.get(b), c.dim));
        }
        append(out);
        if (!out.isEmpty()) {
            dim = c.dim;
        }
    }

    private record Unpadded(List<double[]> rows, List<double[]> weights, int dim) {
    }

    private static Unpadded unpad(String what, INDArray x, INDArray mask, INDArray idf) {
        if (x == null || x.rank() != 3 || !x.dataType().isFPType()) {
            throw new IllegalArgumentException(String.format("%s: %s must be a float array B x L x D, got %s", NAME, what,
                    x == null ? "null" : x.dataType() + " of shape " + Arrays.toString(x.shape())));
        }
        long bs = x.size(0);
        long l = x.size(1);
        int d = (int) x.size(2);
        if (mask == null || mask.rank() != 2 || mask.size(0) != bs || mask.size(1) != l) {
            throw new IllegalArgumentException(String.format("%s: %s mask must have shape [%d, %d], got %s", NAME, what, bs, l,
                    mask == null ? "null" : Arrays.toString(mask.shape())));
        }
        if (idf != null && (idf.rank() != 2 || idf.size(0) != bs || idf.size(1) != l)) {
            throw new IllegalArgumentException(String.format("%s: %s idf must have shape [%d, %d], got %s", NAME, what, bs, l,
                    Arrays.toString(idf.shape())));
        }
        double[] all = Checks.toDoubles(x);
        double[] m = Checks.toDoubles(mask);
        double[] w = idf == null ? null : Checks.toDoubles(idf);
        List<double[]> rows = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        for (int b = 0; b < bs; b++) {
            int valid = 0;
            for (int t = 0; t < l; t++) {
                double v = m[(int) (b * l + t)];
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException(String.format("%s: %s mask holds %s at [%d, %d]; expected 0 or 1",
                            NAME, what, v, b, t));
                }
                valid += (int) v;
            }
            double[] r = new double[valid * d];
            double[] ww = w == null ? null : new double[valid];
            int k = 0;
            for (int t = 0; t < l; t++) {
                if (m[(int) (b * l + t)] == 1) {
                    System.arraycopy(all, (int) ((b * l + t) * d), r, k * d, d);
                    if (ww != null) {
                        ww[k] = w[(int) (b * l + t)];
                    }
                    k++;
                }
            }
            rows.add(r);
            weights.add(ww);
        }
        return new Unpadded(rows, weights, d);
    }

    private double[] scoreOne(int index, INDArray candidate, INDArray reference, INDArray candidateIdf, INDArray referenceIdf,
                              int[] batchDim) {
        String at = " (pair " + index + ")";
        double[] c = Checks.finiteMatrix(NAME, "candidate" + at, candidate, -1);
        int d = (int) candidate.size(1);
        double[] r = Checks.finiteMatrix(NAME, "reference" + at, reference, d);
        requireDim(d, batchDim[0], index);
        batchDim[0] = d;
        double[] wc = weights("candidate idf" + at, candidateIdf, candidate.size(0));
        double[] wr = weights("reference idf" + at, referenceIdf, reference.size(0));
        return scoreArrays(index, c, wc, r, wr, d);
    }

    private static double[] weights(String what, INDArray w, long tokens) {
        if (w == null) {
            return null;
        }
        if (!w.dataType().isFPType() && !w.dataType().isIntType()) {
            throw new IllegalArgumentException(NAME + ": " + what + " must be numeric, got " + w.dataType());
        }
        if (w.length() != tokens || w.rank() > 2 || w.rank() == 2 && w.size(0) != 1 && w.size(1) != 1) {
            throw new IllegalArgumentException(String.format("%s: %s must be a vector of one weight per token (%d), got shape %s",
                    NAME, what, tokens, Arrays.toString(w.shape())));
        }
        return w.length() == 0 ? new double[0] : w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private double[] scoreArrays(int index, double[] c, double[] wc, double[] r, double[] wr, int d) {
        GreedyCosine.Outcome o;
        try {
            o = GreedyCosine.score(c, c.length / d, r, r.length / d, d, wc, wr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": pair " + index + ": "
                    + e.getMessage().replaceFirst("^" + NAME + ": ", ""), e);
        }
        if (o.note() != null) {
            LOG.warn("{}: pair {} (Lc={}, Lr={}): {}", NAME, count + index, c.length / d, r.length / d, o.note());
        }
        PairScore s = o.score();
        return new double[] {s.precision(), s.recall(), s.f1()};
    }

    private static void requireDim(int d, int expected, int index) {
        if (expected >= 0 && d != expected) {
            throw new IllegalArgumentException(String.format("%s: pair %d has embedding width D=%d, earlier pairs D=%d",
                    NAME, index, d, expected));
        }
    }

    private void append(List<double[]> pairs) {
        if (pairs.isEmpty()) {
            return;
        }
        int needed = (count + pairs.size()) * 3;
        if (needed > scores.length) {
            scores = Arrays.copyOf(scores, Math.max(needed, scores.length * 2));
        }
        for (double[] p : pairs) {
            System.arraycopy(p, 0, scores, count * 3, 3);
            count++;
        }
    }

    /** Number of pairs scored. */
    public int pairCount() {
        return count;
    }

    /**
     * Per-pair scores in arrival order (rescaled when a baseline is set).
     */
    public List<PairScore> perPair() {
        List<PairScore> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PairScore s = new PairScore(scores[3 * i], scores[3 * i + 1], scores[3 * i + 2]);
            out.add(baseline == null ? s : baseline.rescale(s));
        }
        return out;
    }

    /**
     * Means over pairs of P, R and F (rescaled when a baseline is set).
     *
     * @throws IllegalStateException when no pair was scored
     */
    @Override
    public MetricResult compute() {
        if (count == 0) {
            throw new IllegalStateException(NAME + ": compute() needs at least one pair, have 0");
        }
        double p = 0;
        double r = 0;
        double f = 0;
        for (PairScore s : perPair()) {
            p += s.precision();
            r += s.recall();
            f += s.f1();
        }
        return MetricResult.builder().put(PRECISION, p / count).put(RECALL, r / count).put(F1, f / count).build();
    }

    @Override
    public void reset() {
        scores = new double[0];
        count = 0;
        dim = -1;
    }

    /**
     * Appends the other metric's pairs after this one's.
     *
     * @throws IllegalArgumentException when the baselines or embedding widths differ
     */
    @Override
    public void merge(BERTScoreMetric other) {
        if (!Objects.equals(baseline, other.baseline)) {
            throw new IllegalArgumentException(NAME + ": cannot merge baseline " + other.baseline + " into " + baseline);
        }
        if (other.count == 0) {
            return;
        }
        if (dim >= 0 && other.dim >= 0 && other.dim != dim) {
            throw new IllegalArgumentException(NAME + ": cannot merge embedding width " + other.dim + " into " + dim);
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < other.count; i++) {
            pairs.add(Arrays.copyOfRange(other.scores, 3 * i, 3 * i + 3));
        }
        append(pairs);
        if (dim < 0) {
            dim = other.dim;
        }
    }

    /**
     * The per-pair raw scores ({@code pair_scores}: pairs×3 float64, columns P, R, F, before any
     * baseline rescaling) and the embedding width ({@code dim}, −1 before the first pair).
     */
    @Override
    public MetricState saveState() {
        INDArray pairs = count == 0 ? Nd4j.create(DataType.DOUBLE, 0, 3)
                : Nd4j.createFromArray(Arrays.copyOf(scores, 3 * count)).reshape(count, 3);
        return new MetricState(STATE_TYPE, STATE_VERSION,
                Map.of("pair_scores", pairs, "dim", Nd4j.createFromArray(new long[] {dim})));
    }

    /**
     * @throws IllegalArgumentException when the state is of another type or its scores are not pairs×3
     */
    @Override
    public void restoreState(MetricState state) {
        state.require(STATE_TYPE, STATE_VERSION);
        INDArray pairs = state.get("pair_scores");
        if (pairs.rank() != 2 || pairs.size(1) != 3) {
            throw new IllegalArgumentException(NAME + ": saved pair_scores have shape " + Arrays.toString(pairs.shape())
                    + ", expected pairs x 3");
        }
        double[] values = pairs.length() == 0 ? new double[0] : Checks.finiteMatrix(NAME, "saved pair_scores", pairs, 3);
        scores = values;
        count = (int) pairs.size(0);
        dim = state.get("dim").getInt(0);
    }
}
