package org.calibrax4j.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The mergeable states (ConfusionMatrix, RegressionStatistics): shards merged == one pass. */
class FunctionalStreamingTest {
    private final Random rnd = new Random(7);

    private INDArray labels(int n, int lo, int hi) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + rnd.nextInt(hi - lo);
        }
        return Nd4j.createFromArray(v);
    }

    private static INDArray rows(INDArray a, int from, int to) {
        return a.rank() == 1 ? a.get(NDArrayIndex.interval(from, to)).dup()
                : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    @Test
    void confusionMatrixOfShardsWithDifferentLabelSetsEqualsOnePass() {
        // shard 1 only sees labels 0..2, shard 2 only 1..4: merge must align on the label union
        INDArray t = Nd4j.concat(0, labels(40, 0, 3), labels(50, 1, 5));
        INDArray p = Nd4j.concat(0, labels(40, 0, 3), labels(50, 1, 5));
        ConfusionMatrix whole = ConfusionMatrix.of(t, p);
        ConfusionMatrix a = ConfusionMatrix.of(rows(t, 0, 40), rows(p, 0, 40));
        ConfusionMatrix b = ConfusionMatrix.of(rows(t, 40, 90), rows(p, 40, 90));
        assertEquals(whole, a.merge(b));
        assertEquals(whole, b.merge(a));
        assertEquals(whole, ConfusionMatrix.empty().update(rows(t, 0, 40), rows(p, 0, 40))
                .update(rows(t, 40, 70), rows(p, 40, 70)).update(rows(t, 70, 90), rows(p, 70, 90)));
        assertEquals(whole, whole.merge(ConfusionMatrix.empty()));
        ConfusionMatrix merged = a.merge(b);
        for (Average avg : new Average[] {Average.MACRO, Average.MICRO, Average.WEIGHTED}) {
            assertEquals(Classification.precision(t, p, avg), Classification.precision(merged, avg, ZeroDivision.WARN, 1));
            assertEquals(Classification.recall(t, p, avg), Classification.recall(merged, avg, ZeroDivision.WARN, 1));
            assertEquals(Classification.f1(t, p, avg), Classification.f1(merged, avg, ZeroDivision.WARN, 1));
            assertEquals(Classification.jaccard(t, p, avg), Classification.jaccard(merged, avg, ZeroDivision.WARN, 1));
        }
        assertEquals(Classification.accuracy(t, p), Classification.accuracy(merged));
        assertEquals(Classification.balancedAccuracy(t, p), Classification.balancedAccuracy(merged));
        assertEquals(Classification.matthewsCorrcoef(t, p), Classification.matthewsCorrcoef(merged));
        assertEquals(Classification.cohenKappa(t, p), Classification.cohenKappa(merged, Classification.KappaWeights.NONE));
    }

    @Test
    void confusionMatrixRefusesBadBatchesAndEmptyState() {
        ConfusionMatrix a = ConfusionMatrix.of(labels(10, 0, 2), labels(10, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> a.update(labels(3, 0, 2), labels(4, 0, 2)));
        assertEquals(10, a.total()); // immutable: a refused batch changes nothing
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Classification.accuracy(ConfusionMatrix.empty()));
        assertTrue(e.getMessage().contains("accuracy"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Classification.f1(ConfusionMatrix.empty(), Average.MACRO, ZeroDivision.WARN, 1));
        assertThrows(IllegalArgumentException.class, () -> a.merge(null));
        long[][] copy = a.counts();
        copy[0][0] = -99;
        assertTrue(a.count(0, 0) >= 0, "counts() returns a copy");
    }

    @Test
    void regressionStatisticsOfShardsEqualOnePass() {
        int n = 97;
        INDArray t = Nd4j.rand(DataType.DOUBLE, n, 3).mul(Nd4j.createFromArray(1.0, 100.0, 0.01)).add(5);
        INDArray p = t.add(Nd4j.randn(DataType.DOUBLE, n, 3).mul(0.3));
        RegressionStatistics folded = RegressionStatistics.empty();
        for (int start = 0; start < n; start += 13) {
            folded = folded.update(rows(t, start, Math.min(n, start + 13)), rows(p, start, Math.min(n, start + 13)));
        }
        RegressionStatistics tree = RegressionStatistics.of(rows(t, 0, 50), rows(p, 0, 50))
                .merge(RegressionStatistics.of(rows(t, 50, 60), rows(p, 50, 60))
                        .merge(RegressionStatistics.of(rows(t, 60, n), rows(p, 60, n))));
        for (RegressionStatistics s : new RegressionStatistics[] {folded, tree, RegressionStatistics.of(t, p)}) {
            assertEquals(n, s.count());
            assertEquals(3, s.outputs());
            assertClose(Regression.meanSquaredError(t, p), s.meanSquaredError());
            assertClose(Regression.rootMeanSquaredError(t, p), s.rootMeanSquaredError());
            assertClose(Regression.meanAbsoluteError(t, p), s.meanAbsoluteError());
            assertClose(Regression.meanAbsolutePercentageError(t, p), s.meanAbsolutePercentageError());
            assertClose(Regression.r2(t, p), s.r2());
            assertClose(Regression.explainedVariance(t, p), s.explainedVariance());
        }
        INDArray t1 = t.getColumn(0).dup();
        INDArray p1 = p.getColumn(0).dup();
        RegressionStatistics one = RegressionStatistics.of(rows(t1, 0, 40), rows(p1, 0, 40))
                .merge(RegressionStatistics.of(rows(t1, 40, n), rows(p1, 40, n)));
        assertEquals(Regression.maxError(t1, p1), one.maxError());
    }

    @Test
    void regressionStatisticsKeepTheConstantTargetConvention() {
        INDArray c = Nd4j.valueArrayOf(new long[] {6}, 2.5, DataType.DOUBLE);
        RegressionStatistics s = RegressionStatistics.of(rows(c, 0, 3), rows(c, 0, 3)).merge(
                RegressionStatistics.of(rows(c, 3, 6), rows(c, 3, 6)));
        assertEquals(1.0, s.r2());
        assertTrue(Double.isNaN(s.r2(false)));
        RegressionStatistics off = s.update(Nd4j.createFromArray(2.5), Nd4j.createFromArray(3.0));
        assertEquals(0.0, off.r2());
        assertEquals(Double.NEGATIVE_INFINITY, off.r2(false));
    }

    @Test
    void regressionStatisticsRefuseMisuse() {
        assertThrows(IllegalStateException.class, () -> RegressionStatistics.empty().meanSquaredError());
        RegressionStatistics one = RegressionStatistics.of(Nd4j.createFromArray(1.0), Nd4j.createFromArray(2.0));
        assertThrows(IllegalStateException.class, one::r2);
        RegressionStatistics two = RegressionStatistics.of(Nd4j.rand(DataType.DOUBLE, 4, 2), Nd4j.rand(DataType.DOUBLE, 4, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> two.merge(one));
        assertTrue(e.getMessage().contains("outputs"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> two.update(Nd4j.rand(DataType.DOUBLE, 4, 2), Nd4j.rand(DataType.DOUBLE, 3, 2)));
        assertEquals(4, two.count()); // immutable: the refused batch left it as it was
        assertSame(two, two.merge(RegressionStatistics.empty()));
    }

    private static void assertClose(double expected, double got) {
        assertEquals(expected, got, 1e-12 * Math.max(1, Math.abs(expected)));
    }
}
