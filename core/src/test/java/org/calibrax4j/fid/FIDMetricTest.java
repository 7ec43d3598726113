package org.calibrax4j.fid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.calibrax4j.io.NpzArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Properties, known traps and bad input of {@link FIDMetric}. */
class FIDMetricTest {

    private static INDArray m(double[][] rows) {
        return Nd4j.createFromArray(rows);
    }

    private static INDArray gaussian(long seed, int n, int d, double shift) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextGaussian() * (1 + j % 3) + shift;
            }
        }
        return m(x);
    }

    private static double fid(INDArray a, INDArray b) {
        FIDMetric metric = new FIDMetric((int) a.size(1));
        metric.update(a, b);
        return metric.compute().get(FIDMetric.FID);
    }

    @Test
    void rankOneCovariancesGiveExactValueNotNaN() {
        // Both covariances have rank 1: a complex square root, or Cholesky without fallback, fails here.
        double v = fid(m(new double[][] {{-1, 1, 1}, {1, 0, 0}}), m(new double[][] {{2, 1, -2}, {-2, -1, 0}}));
        assertEquals(9.5, v, 1e-6);
    }

    @Test
    void fidOfSingularSetWithItselfIsTinyAndNeverNegative() {
        INDArray x = m(new double[][] {{2, 1, 0}, {-2, -1, -3}, {-3, -3, -2}});
        double v = fid(x, x);
        assertTrue(v >= 0 && v <= 1e-9, "FID(x, x) = " + v);
    }

    @Test
    void fidOfSetWithItselfIsZero() {
        INDArray x = gaussian(1, 200, 16, 0.5);
        assertEquals(0.0, fid(x, x), 1e-9);
    }

    @Test
    void fidIsSymmetric() {
        INDArray a = gaussian(2, 150, 12, 0);
        INDArray b = gaussian(3, 90, 12, 0.7);
        assertEquals(fid(a, b), fid(b, a), 1e-10 * fid(a, b));
    }

    @Test
    void shiftOnlyGivesSquaredShift() {
        INDArray a = gaussian(4, 100, 8, 0);
        INDArray b = a.add(0.5);
        assertEquals(8 * 0.25, fid(a, b), 1e-9);
    }

    @Test
    void anyBatchSplitGivesTheSameResult() {
        INDArray a = gaussian(5, 97, 10, 0);
        INDArray b = gaussian(6, 83, 10, 0.3);
        double expected = fid(a, b);
        Random r = new Random(7);
        for (int trial = 0; trial < 5; trial++) {
            FIDMetric metric = new FIDMetric(10);
            int start = 0;
            while (start < 97) {
                int end = Math.min(97, start + 1 + r.nextInt(30));
                metric.updateReal(a.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()));
                start = end;
            }
            start = 0;
            while (start < 83) {
                int end = Math.min(83, start + 1 + r.nextInt(30));
                metric.updateGenerated(b.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()));
                start = end;
            }
            assertEquals(expected, metric.compute().get("fid"), 1e-10 * expected);
        }
    }

    @Test
    void float32InputIsAccumulatedInFloat64() {
        INDArray a = gaussian(8, 300, 16, 1000.0).castTo(DataType.FLOAT); // large mean: float32 sums would lose digits
        INDArray b = gaussian(9, 300, 16, 1000.5).castTo(DataType.FLOAT);
        double fromFloat = fid(a, b);
        double fromDouble = fid(a.castTo(DataType.DOUBLE), b.castTo(DataType.DOUBLE));
        assertEquals(fromDouble, fromFloat, 1e-12 * fromDouble);
    }

    @Test
    void resetGeneratedKeepsRealStatistics() {
        INDArray a = gaussian(10, 50, 4, 0);
        INDArray b = gaussian(11, 50, 4, 1);
        FIDMetric metric = new FIDMetric(4);
        metric.update(a, gaussian(12, 30, 4, 5));
        metric.resetGenerated();
        assertEquals(50, metric.realCount());
        assertEquals(0, metric.generatedCount());
        metric.updateGenerated(b);
        assertEquals(fid(a, b), metric.compute().get("fid"), 1e-12);
    }

    @Test
    void resultIsNamedFidAndLowerIsBetter() {
        FIDMetric metric = new FIDMetric(3);
        metric.update(gaussian(13, 10, 3, 0), gaussian(14, 10, 3, 0));
        assertEquals(java.util.List.of("fid"), java.util.List.copyOf(metric.compute().names()));
        assertEquals("fid", metric.descriptor().name());
        assertTrue(!metric.descriptor().higherIsBetter());
    }

    // ---- bad input ----

    @Test
    void rejectsSingleSamplePerSideNamingBothCounts() {
        FIDMetric metric = new FIDMetric(3);
        metric.update(m(new double[][] {{1, 2, 3}}), m(new double[][] {{4, 5, 6}}));
        IllegalStateException e = assertThrows(IllegalStateException.class, metric::compute);
        assertTrue(e.getMessage().contains("real=1") && e.getMessage().contains("generated=1"), e.getMessage());
    }

    @Test
    void rejectsComputeBeforeUpdate() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FIDMetric(3).compute());
        assertTrue(e.getMessage().contains("FIDMetric"), e.getMessage());
    }

    @Test
    void rejectsWrongFeatureWidthNamingShape() {
        FIDMetric metric = new FIDMetric(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metric.updateReal(Nd4j.zeros(DataType.DOUBLE, 5, 3)));
        assertTrue(e.getMessage().contains("FIDMetric") && e.getMessage().contains("real")
                && e.getMessage().contains("[5, 3]") && e.getMessage().contains("expected 4"), e.getMessage());
    }

    @Test
    void rejectsOneAndThreeDimensionalArrays() {
        FIDMetric metric = new FIDMetric(4);
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                () -> metric.updateReal(Nd4j.zeros(DataType.DOUBLE, 4)));
        assertTrue(e1.getMessage().contains("rank 1"), e1.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> metric.updateGenerated(Nd4j.zeros(DataType.DOUBLE, 2, 2, 4)));
        assertTrue(e3.getMessage().contains("rank 3") && e3.getMessage().contains("generated"), e3.getMessage());
    }

    @Test
    void rejectsNaNAndInfinityNamingTheCell() {
        FIDMetric metric = new FIDMetric(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metric.updateReal(m(new double[][] {{1, 2}, {Double.NaN, 0}})));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> metric.updateGenerated(m(new double[][] {{1, Double.POSITIVE_INFINITY}})));
        assertEquals(0, metric.realCount());
        assertEquals(0, metric.generatedCount());
    }

    @Test
    void badGeneratedBatchLeavesRealSideUntouchedToo() {
        FIDMetric metric = new FIDMetric(2);
        assertThrows(IllegalArgumentException.class,
                () -> metric.update(m(new double[][] {{1, 2}, {3, 4}}), m(new double[][] {{Double.NaN, 1}})));
        assertEquals(0, metric.realCount());
    }

    @Test
    void rejectsIntegerFeatures() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FIDMetric(2).updateReal(Nd4j.zeros(DataType.INT, 3, 2)));
        assertTrue(e.getMessage().contains("float"), e.getMessage());
    }

    @Test
    void rejectsNonPositiveFeatureDim() {
        assertThrows(IllegalArgumentException.class, () -> new FIDMetric(0));
    }

    @Test
    void rejectsMergeOfDifferentWidths() {
        assertThrows(IllegalArgumentException.class, () -> new FIDMetric(2).merge(new FIDMetric(3)));
    }

    @Test
    void fromStatisticsRejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> FIDMetric.fromStatistics(new double[2], new double[4], new double[3], new double[9]));
        assertThrows(IllegalArgumentException.class,
                () -> FIDMetric.fromStatistics(new double[2], new double[3], new double[2], new double[4]));
    }

    @Test
    void emptyBatchesAreAccepted() {
        FIDMetric metric = new FIDMetric(2);
        metric.update(Nd4j.create(DataType.DOUBLE, 0, 2), Nd4j.create(DataType.FLOAT, 0, 2));
        assertEquals(0, metric.realCount());
    }

    @Test
    void savedStateIsAnNpzOfMeanAndScatterThatAnotherWidthRejects(@TempDir Path dir) throws Exception {
        FIDMetric fid = new FIDMetric(3);
        INDArray x = gaussian(1, 20, 3, 0);
        fid.update(x, gaussian(2, 15, 3, 1));
        Path file = dir.resolve("fid-state.npz");
        fid.saveState(file);
        NpzArchive npz = NpzArchive.read(file);
        assertEquals(20, npz.get("real_count").getLong(0));
        assertEquals(15, npz.get("generated_count").getLong(0));
        assertEquals(x.mean(0).getDouble(1), npz.get("real_mean").getDouble(1), 1e-12);
        double[] cov = fid.realStatistics().covariance();
        assertEquals(cov[1] * 19, npz.get("real_scatter").getDouble(0, 1), 1e-9);
        assertEquals(npz.get("real_scatter").getDouble(0, 1), npz.get("real_scatter").getDouble(1, 0));

        FIDMetric wider = new FIDMetric(4);
        wider.updateReal(gaussian(3, 5, 4, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wider.restoreState(file));
        assertTrue(e.getMessage().contains("featureDim 4"), e.getMessage());
        assertEquals(5, wider.realCount()); // state untouched
    }

    @Test
    void fromStatisticsRejectsWhatIsNotACovariance() {
        double[] mu = {0, 0};
        double[] ok = {2, 0.5, 0.5, 1};
        IllegalArgumentException asym = assertThrows(IllegalArgumentException.class,
                () -> FIDMetric.fromStatistics(mu, new double[] {2, 1.0, 0.5, 1}, mu, ok));
        assertTrue(asym.getMessage().contains("sigma1 is not symmetric"), asym.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> FIDMetric.fromStatistics(mu, ok, mu, new double[] {-1, 0, 0, -1}));
        assertTrue(neg.getMessage().contains("sigma2") && neg.getMessage().contains("< 0"), neg.getMessage());
        assertEquals(0.0, FIDMetric.fromStatistics(mu, ok, mu, ok), 1e-12);
    }

    @Test
    void overflowingCovariancesAreAnErrorNamingTheCause() {
        double[] mu = {0, 0};
        double[] huge = {1e200, 0, 0, 1e200};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FIDMetric.fromStatistics(mu, huge, mu, huge));
        assertTrue(e.getMessage().contains("overflows"), e.getMessage());
    }
}
