package org.calibrax4j.learned.lpips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.calibrax4j.learned.SameDiffMetricListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;

/** Fine-tuning LPIPS in the 2AFC protocol: real loss, falling loss, w ≥ 0, gradients. */
class LPIPSTrainingTest {
    private static final int N = 16;

    /** Triplets where distortion strengths decide the judgement (the weaker distortion is preferred). */
    private static List<MultiDataSet> twoAfcSet(LPIPSMetric m) {
        INDArray[] ref = Synthetic.features(11, N, 2);
        double[] s0 = new double[N];
        double[] s1 = new double[N];
        float[] h = new float[N];
        for (int i = 0; i < N; i++) {
            s0[i] = 0.2 + 0.1 * (i % 4);
            s1[i] = 0.2 + 0.1 * ((i / 4) % 4) + 0.05;
            h[i] = s1[i] < s0[i] ? 1f : 0f;
        }
        INDArray[] p0 = Synthetic.perturbed(ref, s0, 12);
        INDArray[] p1 = Synthetic.perturbed(ref, s1, 13);
        return List.of(m.twoAfcBatch(ref, p0, p1, Nd4j.create(h, new long[]{N}, DataType.FLOAT)));
    }

    @Test
    void reportedLossIsRealFallsAndLinearWeightsStayNonNegative() {
        LPIPSMetric m = LPIPSMetric.builder().linearInit(LPIPSMetric.LinearInit.RANDOM).seed(3).build();
        List<MultiDataSet> data = twoAfcSet(m);
        double initial = m.loss(data.get(0));
        double[][] w0 = m.linearWeights();
        List<Double> losses = m.fit(data, new Adam(0.05), 12);
        assertEquals(12, losses.size());
        for (double l : losses) {
            assertTrue(l > 0 && Double.isFinite(l), "reported loss " + l + " must be real (SameDiff fit reports 0.0)");
        }
        // one batch per epoch: the reported value is the loss after that step, so the last one is today's loss
        assertEquals(m.loss(data.get(0)), losses.get(losses.size() - 1), 1e-6);
        assertTrue(losses.get(losses.size() - 1) < initial - 0.05, "loss fell from " + initial + " to " + losses);
        int zeros = 0;
        for (int l = 0; l < 5; l++) {
            double[] w = m.linearWeights()[l];
            for (double v : w) {
                assertTrue(v >= 0, "lin" + l + " has negative weight " + v);
                zeros += v == 0 ? 1 : 0;
            }
            assertNotEquals(w0[l][0] + w0[l][1], w[0] + w[1], "lin" + l + " was trained");
        }
        assertTrue(zeros > 0, "with lr 0.05 some weights reach the constraint and are clamped to exactly 0");
    }

    @Test
    void twoAfcScoreImprovesWithNesterovs() {
        LPIPSMetric m = LPIPSMetric.builder().linearInit(LPIPSMetric.LinearInit.RANDOM).seed(4).build();
        List<MultiDataSet> data = twoAfcSet(m);
        double before = m.twoAfcScore(data);
        List<Double> losses = m.fit(data, new Nesterovs(0.05, 0.9), 10);
        assertTrue(losses.get(9) < losses.get(0), losses.toString());
        double after = m.twoAfcScore(data);
        assertTrue(after >= before, before + " -> " + after);
        assertTrue(after > 0.5, "after training the metric agrees with the judges: " + after);
    }

    @Test
    void distanceGradientsAgreeWithFiniteDifferences() {
        LPIPSMetric m = LPIPSMetric.builder().linearInit(LPIPSMetric.LinearInit.RANDOM).seed(9).build();
        INDArray[] a = Synthetic.features(21, 3, 3);
        INDArray[] b = Synthetic.features(22, 3, 3);
        double[][] g = m.distanceGradients(a, b);
        // d is linear in w, so a difference quotient has no truncation error; step upwards to keep w >= 0
        double step = 1e-2;
        for (int l = 0; l < 5; l++) {
            double gmax = 0;
            for (double v : g[l]) {
                gmax = Math.max(gmax, Math.abs(v));
            }
            assertTrue(gmax > 0, "lin" + l);
            for (int c : new int[]{0, 7, g[l].length - 1}) {
                double fd = (sumAt(m, a, b, l, c, 2 * step) - sumAt(m, a, b, l, c, 0)) / (2 * step);
                assertEquals(fd, g[l][c], 2e-3 * gmax + 1e-7, "d/dlin" + l + "[" + c + "]");
            }
        }
    }

    private static double sumAt(LPIPSMetric m, INDArray[] a, INDArray[] b, int l, int c, double delta) {
        INDArray w = Nd4j.create(m.linearWeights()[l]).castTo(DataType.FLOAT);
        float orig = w.getFloat(c);
        INDArray moved = w.dup();
        moved.putScalar(c, orig + delta);
        m.setParameters(Map.of("lin" + l, moved));
        double s = 0;
        for (double d : m.distances(a, b).distance()) {
            s += d;
        }
        m.setParameters(Map.of("lin" + l, w));
        return s;
    }

    @Test
    void sameDiffMetricListenerEvaluatesEveryNEpochsAndKeepsHistory() {
        LPIPSMetric m = LPIPSMetric.builder().linearInit(LPIPSMetric.LinearInit.RANDOM).seed(3).build();
        List<MultiDataSet> data = twoAfcSet(m);
        INDArray[] va = Synthetic.features(31, 2, 2);
        INDArray[] vb = Synthetic.features(32, 2, 2);
        LPIPSMetric probe = LPIPSMetric.builder().linearInit(LPIPSMetric.LinearInit.UNIFORM).build();
        List<Integer> seen = new ArrayList<>();
        SameDiffMetricListener<LPIPSMetric> listener = SameDiffMetricListener.of(probe, (sd, metric) -> {
            // the probe follows the weights being trained
            Map<String, INDArray> w = new java.util.HashMap<>();
            for (int l = 0; l < 5; l++) {
                w.put("lin" + l, sd.getVariable("lin" + l).getArr());
            }
            metric.setParameters(w);
            metric.update(va, vb);
        }, 2, e -> seen.add(e.epoch()));
        m.fit(data, new Adam(0.05), 6, listener);
        assertEquals(List.of(2, 4, 6), seen);
        assertEquals(3, listener.history().size());
        double last = listener.history().get(2).result().get("lpips");
        assertEquals(m.distances(va, vb).distance()[0] / 2 + m.distances(va, vb).distance()[1] / 2, last, 1e-6);
        assertNotEquals(listener.history().get(0).result().get("lpips"), last);
        assertEquals(0, probe.pairCount(), "the listener leaves the metric reset");
        assertThrows(IllegalArgumentException.class, () -> SameDiffMetricListener.of(probe, (s, x) -> { }, 0));
    }

    @Test
    void rejectsJudgementsOutsideUnitInterval() {
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        INDArray[] f = Synthetic.features(1, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.twoAfcBatch(f, f, f, Nd4j.create(new float[]{0.5f, 1.5f}, new long[]{2}, DataType.FLOAT)));
        assertTrue(e.getMessage().contains("judge[1] = 1.5"), e.getMessage());
    }
}
