package org.calibrax4j.inception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.calibrax4j.metric.MetricContractTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class InceptionScoreMetricTest extends MetricContractTest<InceptionScoreMetric> {
    private final INDArray logits = Nd4j.randn(DataType.DOUBLE, 30, 5).muli(2);

    @Override
    protected InceptionScoreMetric create() {
        return new InceptionScoreMetric(3);
    }

    @Override
    protected List<Consumer<InceptionScoreMetric>> batches() {
        return List.of(m -> m.updateLogits(logits.get(NDArrayIndex.interval(0, 7), NDArrayIndex.all())),
                m -> m.updateLogits(logits.get(NDArrayIndex.interval(7, 19), NDArrayIndex.all())),
                m -> m.updateLogits(logits.get(NDArrayIndex.interval(19, 30), NDArrayIndex.all())));
    }

    @Override
    protected Consumer<InceptionScoreMetric> allAtOnce() {
        return m -> m.updateLogits(logits);
    }

    @Override
    protected Consumer<InceptionScoreMetric> badUpdate() {
        return m -> m.update(Nd4j.createFromArray(new double[][] {{0.7, 0.7, 0, 0, 0}}));
    }

    private static double is(double[][] probs, int splits) {
        InceptionScoreMetric m = new InceptionScoreMetric(splits);
        m.update(Nd4j.createFromArray(probs));
        return m.compute().get(InceptionScoreMetric.INCEPTION_SCORE);
    }

    @Test
    void oneHotRowsOfTwoClassesScoreExactlyTwo() {
        assertEquals(2.0, is(new double[][] {{1, 0}, {1, 0}, {0, 1}, {0, 1}}, 1), 0.0);
    }

    @Test
    void halfMassRowsScoreOneAndAHalfNeverNaN() {
        assertEquals(1.5, is(new double[][] {{.5, .5, 0}, {0, .5, .5}, {.5, 0, .5}}, 1), 1e-15);
    }

    @Test
    void identicalRowsScoreOne() {
        assertEquals(1.0, is(new double[][] {{.2, .8}, {.2, .8}, {.2, .8}}, 1), 1e-15);
    }

    @Test
    void splitBoundariesAreFloorOfKNOverS() {
        // N = 5, s = 2: chunks [0, 2) and [2, 5). Rows 0-1 are identical (score 1); rows 2-4 are one-hot
        // over three classes (score 3). Ceil-sized chunks ([0, 3), [3, 5)) would give other values.
        InceptionScoreMetric m = new InceptionScoreMetric(2);
        m.update(Nd4j.createFromArray(new double[][] {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
        double[] chunks = m.splitScores();
        assertEquals(1.0, chunks[0], 1e-15);
        assertEquals(3.0, chunks[1], 1e-12);
        assertEquals(2.0, m.compute().get("inception_score"), 1e-12);
        assertEquals(1.0, m.compute().get("inception_score_std"), 1e-12); // population std of {1, 3}
    }

    @Test
    void rejectsFewerSamplesThanSplits() {
        InceptionScoreMetric m = new InceptionScoreMetric(10);
        m.update(Nd4j.createFromArray(new double[][] {{.5, .5}, {.5, .5}}));
        IllegalStateException e = assertThrows(IllegalStateException.class, m::compute);
        assertTrue(e.getMessage().contains("splits=10") && e.getMessage().contains("have 2"), e.getMessage());
    }

    @Test
    void rejectsProbabilitiesOutsideUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InceptionScoreMetric(1).update(Nd4j.createFromArray(new double[][] {{1.5, -0.5}})));
        assertTrue(e.getMessage().contains("InceptionScoreMetric") && e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    @Test
    void rejectsRowsNotSummingToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InceptionScoreMetric(1).update(Nd4j.createFromArray(new double[][] {{.5, .5}, {.3, .3}})));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("0.6"), e.getMessage());
    }

    @Test
    void acceptsFloat32SoftmaxRounding() {
        INDArray p = Nd4j.createFromArray(new float[][] {{0.1f, 0.2f, 0.7f}, {0.3333333f, 0.3333333f, 0.3333333f}});
        InceptionScoreMetric m = new InceptionScoreMetric(1);
        m.update(p);
        assertEquals(2, m.generatedCount());
    }

    @Test
    void rejectsNaNLogitsAndChangedClassCount() {
        InceptionScoreMetric m = new InceptionScoreMetric(1);
        assertThrows(IllegalArgumentException.class, () -> m.updateLogits(Nd4j.createFromArray(new double[][] {{Double.NaN, 1}})));
        m.updateLogits(Nd4j.createFromArray(new double[][] {{0, 1}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.updateLogits(Nd4j.createFromArray(new double[][] {{0, 1, 2}})));
        assertTrue(e.getMessage().contains("expected 2"), e.getMessage());
        assertEquals(1, m.generatedCount());
    }

    @Test
    void rejectsRealData() {
        assertThrows(UnsupportedOperationException.class, () -> new InceptionScoreMetric().updateReal(Nd4j.zeros(2, 2)));
    }

    @Test
    void rejectsNonPositiveSplits() {
        assertThrows(IllegalArgumentException.class, () -> new InceptionScoreMetric(0));
    }
}
