package org.calibrax4j.kid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.calibrax4j.metric.MetricResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KIDMetricTest {

    private static INDArray column(double... v) {
        return Nd4j.create(v, new long[] {v.length, 1}, 'c');
    }

    private static INDArray gaussian(long seed, int n, int d, double shift) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, n, d).addi(shift);
    }

    @Test
    void kidMayBeNegativeAndIsNeverClamped() {
        // X = Y = {[0],[1]}, gamma = 1, c = 1, degree 3: 2/2 + 2/2 - 2*(1+1+1+8)/4 = -3.5 exactly
        KIDConfig config = KIDConfig.builder().subsets(3).subsetSize(2).gamma(1).coef(1).degree(3).fullSet(true).build();
        KIDMetric m = new KIDMetric(1, config);
        m.update(column(0, 1), column(0, 1));
        assertEquals(-3.5, m.fullSetValue(), 0.0);
        MetricResult r = m.compute();
        assertEquals(-3.5, r.get(KIDMetric.KID_FULL), 0.0);
        assertEquals(-3.5, r.get(KIDMetric.KID_MEAN), 0.0, "each subset is all rows");
        assertEquals(0.0, r.get(KIDMetric.KID_STD), 0.0);
        assertEquals(-3.5, KIDMetric.unbiasedMmd2(column(0, 1), column(0, 1), new PolynomialKernel(3, 1, 1)), 0.0);
    }

    @Test
    void defaultsAreTorchmetrics() {
        KIDConfig c = KIDConfig.defaults();
        assertEquals(100, c.subsets());
        assertEquals(1000, c.subsetSize());
        assertEquals(3, c.degree());
        assertTrue(Double.isNaN(c.gamma()));
        assertEquals(1.0, c.coef());
        assertEquals(0, c.maxSamples());
        assertFalse(c.fullSet());
        assertEquals(new PolynomialKernel(3, 1.0 / 2048, 1), c.kernel(2048));
        assertEquals(new org.calibrax4j.metric.MetricDescriptor("kid_mean", false), new KIDMetric(4).descriptor());
    }

    @Test
    void kidOfASetAgainstItselfIsZeroInExpectation() {
        // two independent draws of one distribution: KID ~ 0 (either sign), far below a real shift
        INDArray x = gaussian(3, 400, 8, 0);
        KIDMetric same = new KIDMetric(8, KIDConfig.builder().subsets(50).subsetSize(100).seed(5).build());
        same.update(x, gaussian(4, 400, 8, 0));
        KIDMetric shifted = new KIDMetric(8, KIDConfig.builder().subsets(50).subsetSize(100).seed(5).build());
        shifted.update(x, gaussian(4, 400, 8, 0.5));
        double kSame = same.compute().get(KIDMetric.KID_MEAN);
        double stdSame = same.compute().get(KIDMetric.KID_STD);
        double kShift = shifted.compute().get(KIDMetric.KID_MEAN);
        assertTrue(Math.abs(kSame) < 3 * stdSame / Math.sqrt(50) + 1e-3, "same distribution: " + kSame + " ± " + stdSame);
        assertTrue(kShift > 20 * Math.abs(kSame), kShift + " vs " + kSame);
        // the very same rows on both sides: not 0, because the diagonal is excluded within a set but
        // not across sets; MMD² = 2 Σ_{i≠j} k/(n(n-1)) - 2 Σ_{i,j} k/n², checked by direct summation
        KIDMetric self = new KIDMetric(8, KIDConfig.builder().subsets(1).subsetSize(400).build());
        self.update(x, x);
        double[] a = x.data().asDouble();
        PolynomialKernel k = PolynomialKernel.kidDefault(8);
        double diag = 0;
        double all = 0;
        for (int i = 0; i < 400; i++) {
            for (int j = 0; j < 400; j++) {
                double dot = 0;
                for (int t = 0; t < 8; t++) {
                    dot += a[i * 8 + t] * a[j * 8 + t];
                }
                all += k.apply(dot);
                if (i == j) {
                    diag += k.apply(dot);
                }
            }
        }
        double expected = 2 * (all - diag) / (400.0 * 399) - 2 * all / (400.0 * 400);
        assertEquals(expected, self.compute().get(KIDMetric.KID_MEAN), 1e-12 * Math.abs(all / 160000));
    }

    @Test
    void seededDrawsAreReproducibleAndTheSeedMatters() {
        INDArray x = gaussian(1, 120, 5, 0);
        INDArray y = gaussian(2, 90, 5, 0.2);
        KIDConfig c7 = KIDConfig.builder().subsets(10).subsetSize(30).seed(7).build();
        KIDMetric a = new KIDMetric(5, c7);
        KIDMetric b = new KIDMetric(5, c7);
        a.update(x, y);
        b.update(x, y);
        assertArrayEquals(a.estimate().perSubset(), b.estimate().perSubset(), 0.0);
        assertArrayEquals(a.estimate().perSubset(), a.estimate().perSubset(), 0.0, "compute() restarts the stream");
        KIDMetric other = new KIDMetric(5, KIDConfig.builder().subsets(10).subsetSize(30).seed(8).build());
        other.update(x, y);
        assertNotEquals(a.compute().get(KIDMetric.KID_MEAN), other.compute().get(KIDMetric.KID_MEAN));
    }

    @Test
    void rejectsSubsetSizeLargerThanASide() {
        KIDMetric m = new KIDMetric(3, KIDConfig.builder().subsetSize(50).build());
        m.update(gaussian(1, 60, 3, 0), gaussian(2, 40, 3, 0));
        IllegalStateException e = assertThrows(IllegalStateException.class, m::compute);
        assertTrue(e.getMessage().contains("KIDMetric") && e.getMessage().contains("subsetSize=50")
                && e.getMessage().contains("real=60") && e.getMessage().contains("generated=40"), e.getMessage());
    }

    @Test
    void rejectsBadConfiguration() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> KIDConfig.builder().subsetSize(1).build());
        assertTrue(small.getMessage().contains("KIDMetric") && small.getMessage().contains("subsetSize")
                && small.getMessage().contains("1"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KIDConfig.builder().subsets(0).build());
        assertThrows(IllegalArgumentException.class, () -> KIDConfig.builder().degree(0).build());
        assertThrows(IllegalArgumentException.class, () -> KIDConfig.builder().gamma(-1).build());
        assertThrows(IllegalArgumentException.class, () -> KIDConfig.builder().coef(Double.POSITIVE_INFINITY).build());
        IllegalArgumentException cap = assertThrows(IllegalArgumentException.class,
                () -> KIDConfig.builder().subsetSize(100).maxSamples(50).build());
        assertTrue(cap.getMessage().contains("maxSamples") && cap.getMessage().contains("50"), cap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KIDMetric(0));
    }

    @Test
    void rejectsBadInputAndLeavesStateUntouched() {
        KIDMetric m = new KIDMetric(3, KIDConfig.builder().subsets(2).subsetSize(5).build());
        m.update(gaussian(1, 10, 3, 0), gaussian(2, 10, 3, 0));
        INDArray nan = gaussian(3, 4, 3, 0);
        nan.putScalar(2, 1, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.update(gaussian(4, 5, 3, 0), nan));
        assertTrue(e.getMessage().contains("KIDMetric") && e.getMessage().contains("generated")
                && e.getMessage().contains("NaN") && e.getMessage().contains("row 2"), e.getMessage());
        assertEquals(10, m.realCount(), "the valid real batch was not stored either");
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> m.updateReal(Nd4j.zeros(DataType.DOUBLE, 4, 5)));
        assertTrue(w.getMessage().contains("real") && w.getMessage().contains("5 columns") && w.getMessage().contains("expected 3"),
                w.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.updateReal(Nd4j.zeros(DataType.INT, 4, 3)));
        assertThrows(IllegalArgumentException.class, () -> m.updateReal(Nd4j.zeros(DataType.DOUBLE, 4, 3, 1)));
        assertEquals(10, m.realCount());
        assertEquals(10, m.generatedCount());
    }

    @Test
    void rejectsBadSubsetIndices() {
        KIDMetric m = new KIDMetric(2, KIDConfig.builder().subsets(2).subsetSize(3).build());
        m.update(gaussian(1, 6, 2, 0), gaussian(2, 5, 2, 0));
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> m.estimate(new int[][] {{0, 1, 2}}, new int[][] {{0, 1, 5}}));
        assertTrue(out.getMessage().contains("generated") && out.getMessage().contains("5")
                && out.getMessage().contains("[0, 5)"), out.getMessage());
        IllegalArgumentException rep = assertThrows(IllegalArgumentException.class,
                () -> m.estimate(new int[][] {{0, 1, 1}}, new int[][] {{0, 1, 2}}));
        assertTrue(rep.getMessage().contains("repeats index 1"), rep.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> m.estimate(new int[][] {{0, 1, 2}, {0, 1}}, new int[][] {{0, 1, 2}, {0, 1, 2}}));
        assertTrue(ragged.getMessage().contains("real subset 1 has 2 indices, expected 3"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.estimate(new int[][] {{0, 1, 2}}, new int[][] {}));
        assertThrows(IllegalArgumentException.class, () -> m.estimate(new int[][] {{0}}, new int[][] {{0}}));
    }

    @Test
    void reservoirBoundsTheRowsKeptAndIsSeeded() {
        KIDConfig config = KIDConfig.builder().subsets(5).subsetSize(20).maxSamples(50).seed(3).build();
        KIDMetric a = new KIDMetric(4, config);
        KIDMetric b = new KIDMetric(4, config);
        for (int i = 0; i < 10; i++) {
            INDArray r = gaussian(10 + i, 30, 4, 0);
            INDArray g = gaussian(40 + i, 30, 4, 1);
            a.update(r, g);
            b.update(r, g);
        }
        assertEquals(300, a.realCount());
        assertEquals(50, a.realKept());
        assertEquals(50, a.generatedKept());
        assertEquals(a.compute(), b.compute(), "same stream and seed, same sample");
        assertTrue(a.compute().get(KIDMetric.KID_MEAN) > 0.05, "shift of 1 is detected from the sample");
        // below the cap a reservoir is exactly the unbounded store
        KIDMetric capped = new KIDMetric(4, KIDConfig.builder().subsets(5).subsetSize(20).maxSamples(100).build());
        KIDMetric all = new KIDMetric(4, KIDConfig.builder().subsets(5).subsetSize(20).build());
        INDArray r = gaussian(1, 60, 4, 0);
        INDArray g = gaussian(2, 70, 4, 0);
        capped.update(r, g);
        all.update(r, g);
        assertEquals(all.compute(), capped.compute());
    }

    @Test
    void mergeRequiresTheSameConfiguration() {
        KIDMetric a = new KIDMetric(3, KIDConfig.builder().seed(1).build());
        KIDMetric b = new KIDMetric(3, KIDConfig.builder().seed(2).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(b));
        assertTrue(e.getMessage().contains("KIDMetric") && e.getMessage().contains("seed=2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.merge(new KIDMetric(4, KIDConfig.builder().seed(1).build())));
    }

    @Test
    void blockedKernelSumsEqualOneBlock() {
        // more rows than one BLOCK: the blocked sums must equal a direct O(n²) evaluation
        int n = KernelSums.BLOCK + 37;
        INDArray x = gaussian(9, n, 3, 0.1);
        INDArray y = gaussian(10, 200, 3, 0);
        double[] a = x.data().asDouble();
        double[] b = y.data().asDouble();
        PolynomialKernel k = PolynomialKernel.kidDefault(3);
        double self = 0;
        double cross = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    self += k.apply(a[3 * i] * a[3 * j] + a[3 * i + 1] * a[3 * j + 1] + a[3 * i + 2] * a[3 * j + 2]);
                }
            }
            for (int j = 0; j < 200; j++) {
                cross += k.apply(a[3 * i] * b[3 * j] + a[3 * i + 1] * b[3 * j + 1] + a[3 * i + 2] * b[3 * j + 2]);
            }
        }
        var xs = org.calibrax4j.features.RowSource.of(a, n, 3);
        var ys = org.calibrax4j.features.RowSource.of(b, 200, 3);
        assertEquals(self, KernelSums.offDiagonalSum(xs, k), 1e-11 * self);
        assertEquals(cross, KernelSums.crossSum(xs, ys, k), 1e-11 * cross);
        assertEquals(cross, KernelSums.crossSum(ys, xs, k), 1e-11 * cross);
    }

    @Test
    void cachedKernelMatricesAndPerSubsetProductsAgree() {
        // n = 60 + 60, m = 30: with 4 subsets the per-subset products are cheaper, with 8 the
        // kernel matrices of all rows are computed once ((n_r+n_g)^2 < 4·subsets·m^2)
        KIDMetric m = new KIDMetric(7, KIDConfig.builder().subsets(8).subsetSize(30).build());
        m.update(gaussian(21, 60, 7, 0), gaussian(22, 60, 7, 0.2));
        org.calibrax4j.features.SplitMix64 r = new org.calibrax4j.features.SplitMix64(5);
        int[][] ri = new int[8][];
        int[][] gi = new int[8][];
        for (int i = 0; i < 8; i++) {
            ri[i] = r.sampleWithoutReplacement(60, 30);
            gi[i] = r.sampleWithoutReplacement(60, 30);
        }
        assertTrue(120L * 120 < 4L * 8 * 30 * 30 && 120L * 120 >= 4L * 4 * 30 * 30, "the two paths are taken");
        double[] cached = m.estimate(ri, gi).perSubset();
        double[] direct = m.estimate(java.util.Arrays.copyOf(ri, 4), java.util.Arrays.copyOf(gi, 4)).perSubset();
        for (int i = 0; i < 4; i++) {
            assertEquals(direct[i], cached[i], 1e-12 * Math.max(1, Math.abs(direct[i])), "subset " + i);
        }
    }

    @Test
    void kernelOverflowIsAnErrorNotNaN() {
        KIDMetric kid = new KIDMetric(4, KIDConfig.builder().subsets(3).subsetSize(10).fullSet(true).build());
        kid.update(Nd4j.rand(DataType.DOUBLE, 20, 4).muli(1e110), Nd4j.rand(DataType.DOUBLE, 20, 4).muli(1e110));
        IllegalStateException e = assertThrows(IllegalStateException.class, kid::compute);
        assertTrue(e.getMessage().startsWith("KIDMetric") && e.getMessage().contains("overflow"), e.getMessage());
    }
}
