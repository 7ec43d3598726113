package org.calibrax4j.bertscore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.calibrax4j.metric.MetricResult;
import org.calibrax4j.testing.Reference;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Every pair of reference/bertscore (bert_score 0.3.12 {@code greedy_cos_idf} one pair per call,
 * cross-checked with torchmetrics and numpy), with and without idf, raw and rescaled, one pair at a
 * time, as a list batch and as a padded batch with masks.
 */
class BERTScoreReferenceTest {
    private static final JsonNode CASE = Reference.cases("bertscore").get(0);
    private static final JsonNode TOL = CASE.get("tolerance");
    private static final JsonNode PAIRS = CASE.get("pairs");

    private static Baseline baseline() {
        JsonNode b = CASE.get("baseline");
        return new Baseline(b.get("P").asDouble(), b.get("R").asDouble(), b.get("F").asDouble());
    }

    private static INDArray input(JsonNode pair, String key) {
        return Reference.npy(pair.get("inputs").get(key).asText());
    }

    private static void assertPair(JsonNode expected, PairScore got, boolean rescaled, String what) {
        String s = rescaled ? "_rescaled" : "";
        Reference.assertWithin(expected.get("P" + s).asDouble(), got.precision(), TOL, what + " P" + s);
        Reference.assertWithin(expected.get("R" + s).asDouble(), got.recall(), TOL, what + " R" + s);
        Reference.assertWithin(expected.get("F" + s).asDouble(), got.f1(), TOL, what + " F" + s);
    }

    private static void assertMeans(JsonNode expected, MetricResult got, boolean rescaled, String what) {
        String s = rescaled ? "_rescaled" : "";
        Reference.assertWithin(expected.get("P" + s).asDouble(), got.get(BERTScoreMetric.PRECISION), TOL, what + " P" + s);
        Reference.assertWithin(expected.get("R" + s).asDouble(), got.get(BERTScoreMetric.RECALL), TOL, what + " R" + s);
        Reference.assertWithin(expected.get("F" + s).asDouble(), got.get(BERTScoreMetric.F1), TOL, what + " F" + s);
    }

    @Test
    void baselineIsRobertaLargeLayer17() {
        assertEquals(Baseline.ROBERTA_LARGE_L17, baseline());
    }

    @Test
    void everyPairOneAtATimeMatches() {
        for (boolean idf : new boolean[] {false, true}) {
            for (boolean rescale : new boolean[] {false, true}) {
                BERTScoreMetric m = rescale ? BERTScoreMetric.withBaseline(baseline()) : new BERTScoreMetric();
                for (JsonNode p : PAIRS) {
                    if (idf) {
                        m.update(input(p, "cand"), input(p, "ref"), input(p, "idf_cand"), input(p, "idf_ref"));
                    } else {
                        m.update(input(p, "cand"), input(p, "ref"));
                    }
                }
                String mode = idf ? "idf" : "no_idf";
                List<PairScore> per = m.perPair();
                for (int i = 0; i < PAIRS.size(); i++) {
                    assertPair(PAIRS.get(i).get("expected").get(mode), per.get(i), rescale, "pair " + i + " " + mode);
                }
                assertMeans(CASE.get("corpus_mean").get(mode), m.compute(), rescale, "corpus mean " + mode);
            }
        }
    }

    @Test
    void listBatchEqualsOnePairAtATime() {
        List<INDArray> c = new ArrayList<>();
        List<INDArray> r = new ArrayList<>();
        List<INDArray> ic = new ArrayList<>();
        List<INDArray> ir = new ArrayList<>();
        for (JsonNode p : PAIRS) {
            c.add(input(p, "cand"));
            r.add(input(p, "ref"));
            ic.add(input(p, "idf_cand"));
            ir.add(input(p, "idf_ref"));
        }
        BERTScoreMetric m = BERTScoreMetric.withBaseline(baseline());
        m.update(c, r, ic, ir);
        assertMeans(CASE.get("corpus_mean").get("idf"), m.compute(), true, "list batch");
        for (int i = 0; i < PAIRS.size(); i++) {
            assertPair(PAIRS.get(i).get("expected").get("idf"), m.perPair().get(i), true, "list pair " + i);
        }
    }

    @Test
    void paddedBatchDropsPaddingAndKeepsNegativeCosines() {
        // Pair 4 has tokens whose best cosine is negative: a padded position scored as similarity 0
        // (bert_score's padded batches) would raise them to 0. Pad everything to the longest length
        // with garbage rows and non-contiguous masks.
        int b = PAIRS.size();
        int d = CASE.get("D").asInt();
        int lc = 0;
        int lr = 0;
        for (JsonNode p : PAIRS) {
            lc = Math.max(lc, p.get("Lc").asInt());
            lr = Math.max(lr, p.get("Lr").asInt());
        }
        lc += 2;
        lr += 1;
        INDArray cand = Nd4j.rand(DataType.DOUBLE, b, lc, d);
        INDArray ref = Nd4j.rand(DataType.DOUBLE, b, lr, d);
        INDArray cm = Nd4j.zeros(DataType.DOUBLE, b, lc);
        INDArray rm = Nd4j.zeros(DataType.DOUBLE, b, lr);
        INDArray ci = Nd4j.rand(DataType.DOUBLE, b, lc);
        INDArray ri = Nd4j.rand(DataType.DOUBLE, b, lr);
        for (int i = 0; i < b; i++) {
            JsonNode p = PAIRS.get(i);
            fill(cand, cm, ci, i, input(p, "cand"), input(p, "idf_cand"));
            fill(ref, rm, ri, i, input(p, "ref"), input(p, "idf_ref"));
        }
        BERTScoreMetric m = new BERTScoreMetric();
        m.updatePadded(cand, cm, ref, rm, ci, ri);
        for (int i = 0; i < b; i++) {
            assertPair(PAIRS.get(i).get("expected").get("idf"), m.perPair().get(i), false, "padded pair " + i);
        }
        assertMeans(CASE.get("corpus_mean").get("idf"), m.compute(), false, "padded");
    }

    /** Writes the rows at odd positions 1, 3, 5, ... then the rest, leaving padding in between. */
    private static void fill(INDArray x, INDArray mask, INDArray idf, int b, INDArray rows, INDArray w) {
        int l = (int) rows.size(0);
        int cap = (int) x.size(1);
        int[] pos = new int[l];
        int k = 0;
        for (int t = 1; t < cap && k < l; t += 2) {
            pos[k++] = t;
        }
        for (int t = 0; t < cap && k < l; t += 2) {
            pos[k++] = t;
        }
        // keep token order: positions sorted
        java.util.Arrays.sort(pos);
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < x.size(2); j++) {
                x.putScalar(new long[] {b, pos[i], j}, rows.getDouble(i, j));
            }
            mask.putScalar(b, pos[i], 1.0);
            idf.putScalar(b, pos[i], w.getDouble(i));
        }
    }
}
