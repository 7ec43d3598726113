package org.calibrax4j.bertscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.calibrax4j.metric.MetricResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BERTScoreMetricTest {

    private static INDArray tokens(long seed, int l, int d) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, l, d);
    }

    private static void assertFiniteZero(PairScore s) {
        assertEquals(0.0, s.precision(), 0.0);
        assertEquals(0.0, s.recall(), 0.0);
        assertEquals(0.0, s.f1(), 0.0);
    }

    @Test
    void emptyCandidateOrReferenceGivesZeroNotNaN() {
        BERTScoreMetric m = new BERTScoreMetric();
        m.update(Nd4j.create(DataType.FLOAT, 0, 8), tokens(1, 3, 8));
        m.update(tokens(2, 4, 8), Nd4j.create(DataType.FLOAT, 0, 8));
        m.update(Nd4j.create(DataType.FLOAT, 0, 8), Nd4j.create(DataType.FLOAT, 0, 8));
        m.perPair().forEach(BERTScoreMetricTest::assertFiniteZero);
        MetricResult r = m.compute();
        assertEquals(0.0, r.get(BERTScoreMetric.F1), 0.0);
        // rescaled: (0 - b)/(1 - b), finite
        BERTScoreMetric scaled = BERTScoreMetric.withBaseline(Baseline.ROBERTA_LARGE_L17);
        scaled.update(Nd4j.create(DataType.FLOAT, 0, 8), tokens(1, 3, 8));
        assertEquals(-0.83150584 / (1 - 0.83150584), scaled.compute().get(BERTScoreMetric.PRECISION), 1e-12);
    }

    @Test
    void allZeroIdfWeightsGiveZeroForThatSideNeverNaN() {
        INDArray c = tokens(3, 4, 6);
        INDArray r = tokens(4, 5, 6);
        BERTScoreMetric m = new BERTScoreMetric();
        m.update(c, r, Nd4j.zeros(DataType.DOUBLE, 4), Nd4j.ones(DataType.DOUBLE, 5));
        PairScore s = m.perPair().get(0);
        assertEquals(0.0, s.precision(), 0.0);
        BERTScoreMetric plain = new BERTScoreMetric();
        plain.update(c, r);
        assertEquals(plain.perPair().get(0).recall(), s.recall(), 1e-15, "R is unaffected by candidate weights");
        assertEquals(0.0, s.f1(), 0.0);
        m.update(c, r, Nd4j.zeros(DataType.DOUBLE, 4), Nd4j.zeros(DataType.DOUBLE, 5));
        assertFiniteZero(m.perPair().get(1));
    }

    @Test
    void zeroWeightTokensStayMatchTargets() {
        // candidate token 1 matches reference token 0 exactly; giving token 0 weight 0 on the
        // reference side must not remove it as the candidate's best match
        INDArray r = tokens(5, 3, 4);
        INDArray c = r.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup();
        BERTScoreMetric m = new BERTScoreMetric();
        m.update(c, r, null, Nd4j.createFromArray(0.0, 1.0, 1.0));
        assertEquals(1.0, m.perPair().get(0).precision(), 1e-6);
    }

    @Test
    void identicalSequencesScoreOneAndNegationScoresMinusOne() {
        INDArray x = tokens(6, 7, 16);
        BERTScoreMetric m = new BERTScoreMetric();
        m.update(x, x.mul(3));
        assertEquals(1.0, m.perPair().get(0).f1(), 1e-6);
        BERTScoreMetric neg = new BERTScoreMetric();
        INDArray one = tokens(7, 1, 16);
        neg.update(one, one.neg());
        assertEquals(-1.0, neg.perPair().get(0).precision(), 1e-6);
        assertEquals(-1.0, neg.perPair().get(0).f1(), 1e-6, "negative cosines count as they are");
    }

    @Test
    void rejectsBadInputNamingTheArgumentAndLeavesStateUntouched() {
        BERTScoreMetric m = new BERTScoreMetric();
        m.update(tokens(1, 3, 8), tokens(2, 4, 8));
        MetricResult before = m.compute();
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class, () -> m.update(tokens(1, 3, 8), tokens(2, 4, 9)));
        assertTrue(wide.getMessage().contains("BERTScoreMetric") && wide.getMessage().contains("reference")
                && wide.getMessage().contains("9 columns"), wide.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> m.update(tokens(1, 3, 5), tokens(2, 4, 5)));
        assertTrue(width.getMessage().contains("D=5") && width.getMessage().contains("D=8"), width.getMessage());
        INDArray zeroRow = tokens(3, 3, 8);
        zeroRow.getRow(1).assign(0);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> m.update(zeroRow, tokens(2, 4, 8)));
        assertTrue(zero.getMessage().contains("candidate token 1") && zero.getMessage().contains("norm"), zero.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> m.update(tokens(1, 3, 8), tokens(2, 4, 8), Nd4j.createFromArray(1.0, -1.0, 1.0), null));
        assertTrue(neg.getMessage().contains("candidate idf weight 1") && neg.getMessage().contains("-1.0"), neg.getMessage());
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> m.update(tokens(1, 3, 8), tokens(2, 4, 8), null, Nd4j.createFromArray(1.0, 1.0)));
        assertTrue(len.getMessage().contains("reference idf") && len.getMessage().contains("(4)"), len.getMessage());
        INDArray nan = tokens(1, 3, 8);
        nan.putScalar(2, 3, Float.NaN);
        assertThrows(IllegalArgumentException.class, () -> m.update(nan, tokens(2, 4, 8)));
        // a batch with one bad pair stores nothing
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> m.update(
                List.of(tokens(1, 3, 8), zeroRow), List.of(tokens(2, 4, 8), tokens(2, 4, 8)), null, null));
        assertTrue(batch.getMessage().contains("pair 1"), batch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.update(List.of(tokens(1, 3, 8)), List.of(), null, null));
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class, () -> m.updatePadded(
                Nd4j.rand(DataType.FLOAT, 2, 3, 8), Nd4j.ones(DataType.FLOAT, 2, 3).muli(0.5),
                Nd4j.rand(DataType.FLOAT, 2, 4, 8), Nd4j.ones(DataType.FLOAT, 2, 4), null, null));
        assertTrue(mask.getMessage().contains("mask") && mask.getMessage().contains("0.5"), mask.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.updatePadded(Nd4j.rand(DataType.FLOAT, 2, 3, 8),
                Nd4j.ones(DataType.FLOAT, 2, 4), Nd4j.rand(DataType.FLOAT, 2, 4, 8), Nd4j.ones(DataType.FLOAT, 2, 4), null, null));
        assertEquals(1, m.pairCount());
        assertEquals(before, m.compute());
        assertThrows(IllegalArgumentException.class, () -> new Baseline(1.0, 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> m.merge(BERTScoreMetric.withBaseline(Baseline.ROBERTA_LARGE_L17)));
    }

    @Test
    void idfTableFollowsBertScore() {
        IdfTable t = IdfTable.fromDocuments(List.of(List.of("a", "b", "a"), List.of("b", "c"), List.of("b")));
        assertEquals(Math.log(4.0 / 2), t.idf("a"), 1e-15, "df counted once per document");
        assertEquals(Math.log(4.0 / 4), t.idf("b"), 1e-15);
        assertEquals(Math.log(4.0), t.idf("unseen"), 1e-15);
        double[] w = t.weights(List.of("[CLS]", "a", "c", "[SEP]"), new boolean[] {true, false, false, true});
        assertEquals(0.0, w[0]);
        assertEquals(Math.log(2), w[1], 1e-15);
        assertEquals(Math.log(4.0 / 2), w[2], 1e-15);
        assertEquals(0.0, w[3]);
    }
}
