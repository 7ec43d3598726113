package org.calibrax4j.learned.lpips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.calibrax4j.metric.MetricResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** Properties, lifecycle and error paths of {@link LPIPSMetric} on the features path. */
class LPIPSMetricTest {
    private final INDArray[] a = Synthetic.features(1, 4, 3);
    private final INDArray[] b = Synthetic.features(2, 4, 3);

    @Test
    void distanceOfFeaturesWithThemselvesIsZero() {
        double[] d = LPIPSMetric.vggFeatures().distances(a, a).distance();
        for (double v : d) {
            assertEquals(0.0, v, 0.0);
        }
    }

    @Test
    void distanceIsSymmetricAndPositive() {
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        double[] ab = m.distances(a, b).distance();
        double[] ba = m.distances(b, a).distance();
        for (int i = 0; i < ab.length; i++) {
            assertTrue(ab[i] > 0.01, "pair " + i + ": " + ab[i]);
            assertEquals(ab[i], ba[i], 1e-7 * ab[i]);
        }
    }

    @Test
    void distanceIsInvariantToPerPositionFeatureScale() {
        // unit normalisation along channels: scaling a map by a positive constant changes nothing
        INDArray[] scaled = new INDArray[5];
        for (int l = 0; l < 5; l++) {
            scaled[l] = a[l].mul(7.5);
        }
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        assertArrayEquals(m.distances(a, b).distance(), m.distances(scaled, b).distance(), 1e-6);
    }

    @Test
    void vectorFeaturesAreOneByOneMaps() {
        INDArray[] va = new INDArray[5];
        INDArray[] vb = new INDArray[5];
        INDArray[] ma = new INDArray[5];
        INDArray[] mb = new INDArray[5];
        for (int l = 0; l < 5; l++) {
            va[l] = a[l].get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup();
            vb[l] = b[l].get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup();
            ma[l] = va[l].reshape(4, va[l].size(1), 1, 1);
            mb[l] = vb[l].reshape(4, vb[l].size(1), 1, 1);
        }
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        assertArrayEquals(m.distances(ma, mb).distance(), m.distances(va, vb).distance(), 0.0);
    }

    @Test
    void batchedUpdatesAndMergedShardsEqualOnePass() {
        LPIPSMetric one = LPIPSMetric.vggFeatures();
        one.update(a, b);
        LPIPSMetric s1 = LPIPSMetric.vggFeatures();
        LPIPSMetric s2 = LPIPSMetric.vggFeatures();
        s1.update(Synthetic.slice(a, 0, 1), Synthetic.slice(b, 0, 1));
        s1.update(Synthetic.slice(a, 1, 2), Synthetic.slice(b, 1, 2));
        s2.update(Synthetic.slice(a, 2, 4), Synthetic.slice(b, 2, 4));
        s1.merge(s2);
        MetricResult r1 = one.compute();
        MetricResult r2 = s1.compute();
        assertEquals(r1.names(), r2.names());
        for (String k : r1.names()) {
            assertEquals(r1.get(k), r2.get(k), 1e-6 * Math.abs(r1.get(k)), k);
        }
        assertArrayEquals(one.pairDistances(), s1.pairDistances(), 1e-7);
        assertEquals(4, s2.pairCount() + 2);
        double perLayer = 0;
        for (String t : LPIPSMetric.VGG_TAPS) {
            perLayer += r1.get("lpips_" + t);
        }
        assertEquals(r1.get("lpips"), perLayer, 1e-6);
    }

    @Test
    void resetEmptiesAndComputeBeforeUpdateIsLifecycleError() {
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        assertThrows(IllegalStateException.class, m::compute);
        m.update(a, b);
        m.reset();
        assertEquals(0, m.pairCount());
        assertThrows(IllegalStateException.class, m::compute);
    }

    @Test
    void rejectsWrongTapCountNamingTheArgument() {
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        INDArray[] three = {a[0], a[1], a[2]};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.update(three, b));
        assertTrue(e.getMessage().contains("lpips") && e.getMessage().contains("featuresA has 3 taps"), e.getMessage());
    }

    @Test
    void rejectsWrongChannelCountNamingTheTapAndLeavesStateUntouched() {
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        m.update(a, b);
        INDArray[] bad = a.clone();
        bad[2] = Nd4j.rand(DataType.FLOAT, 4, 255, 3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.update(bad, b));
        assertTrue(e.getMessage().contains("relu3_3") && e.getMessage().contains("255 channels")
                && e.getMessage().contains("expected 256"), e.getMessage());
        assertEquals(4, m.pairCount());
    }

    @Test
    void rejectsMismatchedShapesNaNAndWrongRank() {
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        INDArray[] small = a.clone();
        small[4] = Nd4j.rand(DataType.FLOAT, 4, 512, 2, 2);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> m.update(small, b));
        assertTrue(shape.getMessage().contains("relu5_3") && shape.getMessage().contains("[4, 512, 2, 2]"), shape.getMessage());
        INDArray[] nan = a.clone();
        nan[0] = a[0].dup();
        nan[0].putScalar(0, Float.NaN);
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> m.update(nan, b));
        assertTrue(n.getMessage().contains("relu1_2") && n.getMessage().contains("NaN"), n.getMessage());
        INDArray[] rank3 = a.clone();
        rank3[1] = Nd4j.rand(DataType.FLOAT, 4, 128, 9);
        assertThrows(IllegalArgumentException.class, () -> m.update(rank3, b));
        assertEquals(0, m.pairCount());
    }

    @Test
    void imagesWithoutTrunkAreALifecycleError() {
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 3, 32, 32);
        assertThrows(IllegalStateException.class, () -> m.update(x, x));
    }

    @Test
    void parametersAreStrictAndLinearWeightsNonNegative() {
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        assertEquals(List.of("lin0", "lin1", "lin2", "lin3", "lin4", "rank_w0", "rank_b0", "rank_w1", "rank_b1",
                "rank_w2", "rank_b2"), m.trainableVariables());
        INDArray neg = Nd4j.valueArrayOf(new long[]{64}, -0.5f, DataType.FLOAT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.setParameters(
                Map.of("lin0", neg, "lin9", neg, "lin1", Nd4j.ones(DataType.FLOAT, 3))));
        assertTrue(e.getMessage().contains("lin0") && e.getMessage().contains(">= 0")
                && e.getMessage().contains("unexpected 'lin9'") && e.getMessage().contains("[3]"), e.getMessage());
        assertArrayEquals(LPIPSMetric.bundledV01(0).toDoubleVector(), m.linearWeights()[0], 0.0);
        assertThrows(IllegalArgumentException.class, () -> LPIPSMetric.builder().taps(List.of("a"), 7).build());
    }

    @Test
    void saveAndLoadRoundTripsTheParameters(@TempDir Path dir) {
        LPIPSMetric trained = LPIPSMetric.builder().linearInit(LPIPSMetric.LinearInit.RANDOM).seed(5).build();
        Path f = dir.resolve("lpips.sd");
        trained.save(f);
        LPIPSMetric loaded = LPIPSMetric.builder().linearInit(LPIPSMetric.LinearInit.UNIFORM).build();
        assertFalse(java.util.Arrays.equals(trained.distances(a, b).distance(), loaded.distances(a, b).distance()));
        loaded.loadParameters(f);
        assertArrayEquals(trained.distances(a, b).distance(), loaded.distances(a, b).distance(), 0.0);
        assertEquals(trained.parameters().get("rank_w1"), loaded.parameters().get("rank_w1"));
    }

    @Test
    void frozenMetricKeepsValuesAndRefusesToFit() {
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        double[] before = m.distances(a, b).distance();
        m.freeze();
        assertTrue(m.isFrozen());
        assertEquals(List.of(), m.trainableVariables());
        assertArrayEquals(before, m.distances(a, b).distance(), 0.0);
        var batch = m.twoAfcBatch(a, b, a, Nd4j.zeros(DataType.FLOAT, 4));
        assertThrows(IllegalStateException.class, () -> m.fit(List.of(batch), new Adam(1e-3), 1));
        m.unfreeze();
        assertEquals(11, m.trainableVariables().size());
        assertEquals(1, m.fit(List.of(batch), new Adam(1e-3), 1).size());
    }

    @Test
    void uniformWeightsMakeEachLayerAMeanSquaredDifference() {
        LPIPSMetric m = LPIPSMetric.builder().linearInit(LPIPSMetric.LinearInit.UNIFORM).build();
        for (double[] w : m.linearWeights()) {
            for (double v : w) {
                assertEquals(1.0 / w.length, v, 1e-9);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> LPIPSMetric.builder().taps(List.of("x", "y"), 4, 8).build());
        assertEquals(2, LPIPSMetric.builder().taps(List.of("x", "y"), 4, 8)
                .linearInit(LPIPSMetric.LinearInit.UNIFORM).build().tapNames().size());
    }
}
