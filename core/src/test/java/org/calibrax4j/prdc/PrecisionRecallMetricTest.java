package org.calibrax4j.prdc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.calibrax4j.features.RowSource;
import org.calibrax4j.metric.MetricResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PrecisionRecallMetricTest {

    private static INDArray gaussian(long seed, int n, int d, double shift) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, n, d).addi(shift);
    }

    @Test
    void defaultIsPrdcsNearestKFive() {
        assertEquals(5, PrecisionRecallConfig.defaults().nearestK());
        assertEquals(false, PrecisionRecallConfig.defaults().closedBalls());
        assertEquals(new org.calibrax4j.metric.MetricDescriptor("precision", true), new PrecisionRecallMetric(3).descriptor());
    }

    @Test
    void identicalSetsGivePrecisionRecallCoverageOne() {
        INDArray x = gaussian(1, 150, 6, 0);
        PrecisionRecallMetric m = new PrecisionRecallMetric(6);
        m.update(x, x.dup());
        MetricResult r = m.compute();
        assertEquals(1.0, r.get(PrecisionRecallMetric.PRECISION));
        assertEquals(1.0, r.get(PrecisionRecallMetric.RECALL));
        assertEquals(1.0, r.get(PrecisionRecallMetric.COVERAGE));
        // each y_j = x_j is inside its own twin's ball at distance 0; the k-th neighbour sits on the
        // sphere (excluded only when the two rounded distances agree), so density ≈ 1
        assertTrue(Math.abs(r.get(PrecisionRecallMetric.DENSITY) - 1) <= 1.0 / 5, String.valueOf(r));
    }

    @Test
    void blockedDistancesEqualDirectCountsAcrossBlocks() {
        // sizes above one BLOCK so row blocks, column blocks and the symmetric update all run
        int n = KnnManifolds.BLOCK + 60;
        int m = KnnManifolds.BLOCK / 2 + 3;
        INDArray x = gaussian(2, n, 3, 0);
        INDArray y = gaussian(3, m, 3, 0.4);
        double[] a = x.data().asDouble();
        double[] b = y.data().asDouble();
        ManifoldCounts got = KnnManifolds.counts(RowSource.of(a, n, 3), RowSource.of(b, m, 3), 4, false);
        double[] rx = directRadii(a, n, 4);
        double[] ry = directRadii(b, m, 4);
        assertArrayEquals(rx, got.realRadii(), 1e-12);
        assertArrayEquals(ry, got.fakeRadii(), 1e-12);
        int[] fakeIn = new int[m];
        int[] realIn = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double dist = dist(a, i, b, j);
                if (dist < rx[i]) {
                    fakeIn[j]++;
                }
                if (dist < ry[j]) {
                    realIn[i]++;
                }
            }
        }
        assertArrayEquals(fakeIn, got.fakeInRealBalls());
        assertArrayEquals(realIn, got.realInFakeBalls());
    }

    private static double dist(double[] a, int i, double[] b, int j) {
        double s = 0;
        for (int t = 0; t < 3; t++) {
            double d = a[3 * i + t] - b[3 * j + t];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static double[] directRadii(double[] a, int n, int k) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = new double[n];
            for (int j = 0; j < n; j++) {
                row[j] = i == j ? 0 : dist(a, i, a, j);
            }
            java.util.Arrays.sort(row);
            r[i] = row[k];
        }
        return r;
    }

    @Test
    void resultDoesNotDependOnRowOrderOrSharding() {
        INDArray x = gaussian(4, 90, 4, 0);
        INDArray y = gaussian(5, 70, 4, 0.3);
        PrecisionRecallMetric one = new PrecisionRecallMetric(4, PrecisionRecallConfig.withNearestK(3));
        one.update(x, y);
        PrecisionRecallMetric reversed = new PrecisionRecallMetric(4, PrecisionRecallConfig.withNearestK(3));
        long[] rev = new long[90];
        for (int i = 0; i < 90; i++) {
            rev[i] = 89 - i;
        }
        INDArray xr = x.get(org.nd4j.linalg.indexing.NDArrayIndex.indices(rev), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        reversed.update(xr, y);
        assertEquals(one.compute(), reversed.compute());
    }

    @Test
    void rejectsTooFewSamplesAndBadInput() {
        PrecisionRecallMetric m = new PrecisionRecallMetric(3);
        m.update(gaussian(1, 5, 3, 0), gaussian(2, 9, 3, 0));
        IllegalStateException few = assertThrows(IllegalStateException.class, m::compute);
        assertTrue(few.getMessage().contains("nearestK=5") && few.getMessage().contains("real=5")
                && few.getMessage().contains("generated=9"), few.getMessage());
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> m.update(gaussian(1, 5, 3, 0), gaussian(2, 4, 2, 0)));
        assertTrue(wide.getMessage().contains("PrecisionRecallMetric") && wide.getMessage().contains("generated")
                && wide.getMessage().contains("2 columns"), wide.getMessage());
        assertEquals(5, m.realCount(), "nothing stored from the rejected update");
        INDArray inf = gaussian(3, 4, 3, 0);
        inf.putScalar(1, 0, Double.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> m.updateReal(inf));
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecallConfig.withNearestK(0));
        assertThrows(IllegalArgumentException.class, () -> new PrecisionRecallConfig(5, false, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> m.merge(new PrecisionRecallMetric(3, PrecisionRecallConfig.withNearestK(3))));
        assertThrows(IllegalArgumentException.class, () -> m.merge(new PrecisionRecallMetric(4)));
    }

    @Test
    void distanceOverflowIsAnErrorNotZeros() {
        PrecisionRecallMetric m = new PrecisionRecallMetric(4);
        m.update(Nd4j.rand(DataType.DOUBLE, 20, 4).muli(1e160), Nd4j.rand(DataType.DOUBLE, 20, 4).muli(1e160));
        IllegalStateException e = assertThrows(IllegalStateException.class, m::compute);
        assertTrue(e.getMessage().startsWith("PrecisionRecallMetric") && e.getMessage().contains("overflow"), e.getMessage());
    }
}
