package org.calibrax4j.metriclearning;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Every bad argument is an IllegalArgumentException naming the loss, the argument and the value. */
class MetricLearningErrorTest {
    static final double[][] E = {{1, 0}, {0, 1}, {1, 1}};
    static final int[] Y = {0, 0, 1};

    static void rejects(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void rejectsBadConfigurations() {
        rejects(() -> ContrastiveLoss.builder().negMargin(0.5).posMargin(0.5).build(), "ContrastiveLoss", "negMargin",
                "0.5");
        rejects(() -> ContrastiveLoss.builder().negMargin(-1).build(), "ContrastiveLoss", "negMargin", "-1");
        rejects(() -> ContrastiveLoss.builder().distanceEpsilon(Double.NaN).build(), "distanceEpsilon", "NaN");
        rejects(() -> new TripletMarginLoss(-0.1, Distance.EUCLIDEAN, Reduction.MEAN, 0), "TripletMarginLoss",
                "margin", "-0.1");
        rejects(() -> new TripletMarginLoss(0.2, Distance.EUCLIDEAN, Reduction.PLAIN_MEAN, 0), "reduction",
                "PLAIN_MEAN");
        rejects(() -> new NtXentLoss(0, NtXentLoss.Formulation.SUPCON, Reduction.MEAN, 0), "NtXentLoss",
                "temperature", "0.0");
        rejects(() -> new NtXentLoss(0.5, NtXentLoss.Formulation.NTXENT, Reduction.AVG_NON_ZERO, 0), "reduction");
        rejects(() -> new ArcFaceLoss(3, 2, 2.0, 64, Convention.PML, 0), "ArcFaceLoss", "margin", "2.0");
        rejects(() -> new ArcFaceLoss(0, 2, 0.5, 64, Convention.PML, 0), "ArcFaceLoss", "numClasses", "0");
        rejects(() -> new CosFaceLoss(3, 2, 0.35, -1, Convention.PML, 0), "CosFaceLoss", "scale", "-1");
        rejects(() -> new ProxyNcaLoss(3, 2, 1, 3, Convention.PML, 0, false), "ProxyNcaLoss", "distancePower", "3");
        rejects(() -> new ProxyAnchorLoss(3, 2, 0.1, 0, Convention.PML, 0), "ProxyAnchorLoss", "alpha", "0.0");
        rejects(() -> Miners.semiHardAll(E, Y, Distance.EUCLIDEAN, 0), "SemiHardMiner", "margin", "0.0");
        rejects(() -> ArcFaceLoss.builder().embeddingSize(4).build(), "ArcFaceLoss", "numClasses", "got 0");
        rejects(() -> ProxyNcaLoss.builder().numClasses(3).build(), "ProxyNcaLoss", "embeddingSize", "got 0");
    }

    @Test
    void rejectsBadBatches() {
        EmbeddingLoss l = TripletMarginLoss.defaults();
        rejects(() -> l.evaluate(E, new int[] {0, 1}), "TripletMarginLoss", "labels", "length 2", "3 rows");
        rejects(() -> l.evaluate(E, new int[] {0, -1, 1}), "labels[1] = -1");
        rejects(() -> l.evaluate(new double[][] {{1, 0}, {Double.NaN, 1}}, new int[] {0, 0}), "embeddings", "NaN",
                "row 1");
        rejects(() -> l.evaluate(new double[][] {{1, 0}, {1}}, new int[] {0, 0}), "embeddings", "ragged", "row 1");
        rejects(() -> l.evaluate(new double[0][], new int[0]), "embeddings", "rows, got 0");
        rejects(() -> l.evaluate(null, Y), "embeddings", "null");
        rejects(() -> NtXentLoss.defaults().evaluate(E, null), "NtXentLoss", "labels", "null");
        rejects(() -> Miners.batchHard(E, new int[] {0}, Distance.EUCLIDEAN), "BatchHardMiner", "labels",
                "length 1");
    }

    @Test
    void rejectsBadClassWeights() {
        ArcFaceLoss arc = ArcFaceLoss.of(2, 2);
        rejects(() -> arc.evaluate(E, new int[] {0, 2, 1}, new double[][] {{1, 0}, {0, 1}}), "ArcFaceLoss",
                "labels[1] = 2", "[0, 2)");
        rejects(() -> arc.evaluate(E, Y, new double[][] {{1, 0, 0}, {0, 1, 0}}), "ArcFaceLoss", "weights",
                "must have 2 columns, got 3");
        rejects(() -> arc.evaluate(new double[][] {{1, 0, 0}}, new int[] {0}, new double[][] {{1, 0}, {0, 1}}),
                "embeddings", "2 columns, got 3");
        rejects(() -> ProxyAnchorLoss.of(2, 2).evaluate(E, Y, new double[][] {{1, 0}}), "ProxyAnchorLoss", "proxies",
                "2 rows, got 1");
    }

    @Test
    void rejectsBadGraphInputs() {
        SameDiff sd = SameDiff.create();
        SDVariable x3 = sd.placeHolder("x3", DataType.FLOAT, -1, 3);
        SDVariable labels = sd.placeHolder("y", DataType.FLOAT, -1);
        SDVariable rank3 = sd.placeHolder("r3", DataType.FLOAT, -1, 2, 2);
        rejects(() -> TripletMarginLoss.defaults().define(sd, "a", rank3, labels), "TripletMarginLoss", "rank 2");
        rejects(() -> TripletMarginLoss.defaults().define(sd, "b", x3, x3), "labels", "rank 1");
        rejects(() -> ArcFaceLoss.of(4, 2).define(sd, "c", x3, labels, sd.var("w", Nd4j.zeros(DataType.FLOAT, 2, 4))),
                "ArcFaceLoss", "3 columns", "embeddingSize 2");
        rejects(() -> CosFaceLoss.of(4, 3).define(sd, "d", x3, labels, sd.var("w2", Nd4j.zeros(DataType.FLOAT, 4, 3))),
                "CosFaceLoss", "weights", "[4, 3]", "[3, 4]");
        rejects(() -> ProxyNcaLoss.of(4, 3).defineWithTrainableWeights(sd, "e", x3, labels,
                Nd4j.zeros(DataType.FLOAT, 3, 4)), "ProxyNcaLoss", "initial weights", "[3, 4]", "[4, 3]");
    }

    @Test
    void strictEvaluationRejectsBatchesWithoutPositiveOrNegativePairs() {
        rejects(() -> TripletMarginLoss.defaults().evaluateStrict(E, new int[] {0, 1, 2}), "TripletMarginLoss",
                "no positive pair", "all 3 labels are distinct");
        rejects(() -> NtXentLoss.defaults().evaluateStrict(E, new int[] {4, 4, 4}), "NtXentLoss", "no negative pair",
                "are 4");
        assertTrue(TripletMarginLoss.defaults().evaluateStrict(E, Y).loss() >= 0);
    }

    @Test
    void ndArrayInputsAreCheckedAndAgreeWithArrays() {
        var x = Nd4j.create(E);
        var y = Nd4j.createFromArray(0f, 0f, 1f);
        double direct = ContrastiveLoss.defaults().evaluate(E, Y).loss();
        assertTrue(direct == ContrastiveLoss.defaults().evaluate(x, y).loss());
        rejects(() -> ContrastiveLoss.defaults().evaluate(x, Nd4j.createFromArray(0f, 0.5f, 1f)), "ContrastiveLoss",
                "labels[1] = 0.5");
        rejects(() -> ContrastiveLoss.defaults().evaluate(x, Nd4j.zeros(3, 2)), "labels", "shape [3, 2]");
        rejects(() -> ContrastiveLoss.defaults().evaluate(Nd4j.zeros(3), y), "ContrastiveLoss", "embeddings",
                "rank 1");
        rejects(() -> CosFaceLoss.of(2, 2).evaluate(x, y, Nd4j.zeros(3, 2)), "CosFaceLoss", "weights", "2 rows, got 3");
        rejects(() -> CosFaceLoss.of(2, 2).evaluate(x, y, Nd4j.createFromArray(new double[][] {{1, Double.NaN}, {0, 1}})),
                "CosFaceLoss", "weights contains NaN");
    }
}
