package org.calibrax4j.functional;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every bad input is refused with an IllegalArgumentException whose message names the function,
 * the argument and the offending shape or value.
 */
class FunctionalErrorPathTest {

    private static INDArray d(double... v) {
        return Nd4j.createFromArray(v);
    }

    private static INDArray l(long... v) {
        return Nd4j.createFromArray(v);
    }

    private static INDArray m(int rows, int cols, double... v) {
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }

    private static Arguments bad(String what, Executable call, String... fragments) {
        return Arguments.of(what, call, fragments);
    }

    static Stream<Arguments> badInputs() {
        INDArray img = Nd4j.rand(DataType.DOUBLE, 12, 12);
        return Stream.of(
                bad("mse length mismatch", () -> Regression.meanSquaredError(d(1, 2, 3), d(1, 2)),
                        "meanSquaredError", "yTrue", "yPred", "[3]", "[2]"),
                bad("mse NaN", () -> Regression.meanSquaredError(d(1, Double.NaN), d(1, 2)),
                        "meanSquaredError", "yTrue", "NaN"),
                bad("mae null", () -> Regression.meanAbsoluteError(null, d(1)), "meanAbsoluteError", "yTrue", "null"),
                bad("rmse rank 3", () -> Regression.rootMeanSquaredError(Nd4j.zeros(2, 2, 2), Nd4j.zeros(2, 2, 2)),
                        "rootMeanSquaredError", "yTrue", "[2, 2, 2]"),
                bad("mape empty", () -> Regression.meanAbsolutePercentageError(Nd4j.empty(DataType.DOUBLE), d(1)),
                        "meanAbsolutePercentageError", "yTrue", "empty"),
                bad("max error multi-output", () -> Regression.maxError(m(2, 2, 1, 2, 3, 4), m(2, 2, 1, 2, 3, 4)),
                        "maxError", "multi-output", "[2, 2]"),
                bad("r2 one sample", () -> Regression.r2(d(1), d(1)), "r2", "2 samples", "[1]"),
                bad("pearson infinite", () -> Regression.pearson(d(1, Double.POSITIVE_INFINITY), d(1, 2)),
                        "pearson", "x", "Infinity"),
                bad("spearman matrix", () -> Regression.spearman(m(2, 1, 1, 2), m(2, 1, 1, 2)), "spearman", "a", "[2, 1]"),
                bad("accuracy non-integral labels", () -> Classification.accuracy(d(0, 1.5), d(0, 1)),
                        "accuracy", "yTrue", "1.5"),
                bad("precision binary on multiclass", () -> Classification.precision(l(0, 1, 2), l(0, 1, 2), Average.BINARY),
                        "precision", "BINARY", "[0, 1, 2]"),
                bad("recall pos label absent", () -> Classification.recall(l(2, 3), l(2, 3), Average.BINARY,
                        ZeroDivision.WARN, 1), "recall", "posLabel", "[2, 3]"),
                bad("f1 null average", () -> Classification.f1(l(0, 1), l(0, 1), null), "f1", "average"),
                bad("confusion matrix shape", () -> Classification.confusionMatrix(l(0, 1), l(0, 1, 1)),
                        "confusionMatrix", "yTrue", "yPred", "[2]", "[3]"),
                bad("log loss probability > 1", () -> Classification.logLoss(l(0, 1), d(0.2, 1.2)),
                        "logLoss", "yProb", "1.2"),
                bad("log loss label out of range", () -> Classification.logLoss(l(0, 3), m(2, 2, 0.5, 0.5, 0.5, 0.5)),
                        "logLoss", "yTrue", "3"),
                bad("roc auc one class", () -> Classification.rocAuc(l(1, 1, 1), d(0.1, 0.5, 0.9)),
                        "rocAuc", "one class"),
                bad("roc auc rows not summing to 1", () -> Classification.rocAuc(l(0, 1), m(2, 2, 0.9, 0.9, 0.1, 0.1)),
                        "rocAuc", "row 0", "1.8"),
                bad("roc auc class missing", () -> Classification.rocAuc(l(0, 0, 1),
                        m(3, 3, 0.2, 0.3, 0.5, 0.2, 0.3, 0.5, 0.2, 0.3, 0.5)), "rocAuc", "class 2"),
                bad("average precision no positive", () -> Classification.averagePrecision(l(0, 0), d(0.2, 0.7)),
                        "averagePrecision", "positive"),
                bad("top-k k = 0", () -> Classification.topKAccuracy(l(0), m(1, 2, 0.5, 0.5), 0), "topKAccuracy", "k", "0"),
                bad("calibration target not binary", () -> Calibration.expectedCalibrationError(d(0.2, 0.9), l(0, 2)),
                        "calibrationError", "target", "2"),
                bad("calibration negative probability", () -> Calibration.maximumCalibrationError(d(-0.1, 0.9), l(0, 1)),
                        "calibrationError", "preds", "-0.1"),
                bad("calibration zero bins", () -> Calibration.calibrationError(d(0.5), l(1), 0, Calibration.Norm.L1),
                        "calibrationError", "nBins", "0"),
                bad("brier length", () -> Calibration.brierScore(l(0, 1, 1), d(0.5, 0.5)), "brierScore", "yTrue", "yProb"),
                bad("iou label >= numClasses", () -> Segmentation.iouPerClass(Nd4j.zeros(DataType.INT64, 1, 2, 2).addi(5),
                        Nd4j.zeros(DataType.INT64, 1, 2, 2), 3), "iouPerClass", "pred", "5"),
                bad("dice shape", () -> Segmentation.dicePerClass(Nd4j.zeros(DataType.INT64, 1, 2, 2),
                        Nd4j.zeros(DataType.INT64, 1, 2, 3), 2), "dicePerClass", "pred", "target", "[1, 2, 3]"),
                bad("dice rank 1", () -> Segmentation.diceDataset(l(0, 1), l(0, 1), 2), "diceDataset", "pred", "[2]"),
                bad("psnr zero range", () -> ImageQuality.psnr(img, img, 0), "psnr", "dataRange", "0"),
                bad("ssim too small", () -> ImageQuality.ssim(Nd4j.rand(DataType.DOUBLE, 8, 8), Nd4j.rand(DataType.DOUBLE, 8, 8),
                        1.0), "ssim", "11x11", "[8, 8]"),
                bad("ssim shape", () -> ImageQuality.ssim(img, Nd4j.rand(DataType.DOUBLE, 12, 13), 1.0),
                        "ssim", "im1", "im2", "[12, 13]"),
                bad("ssim sigma", () -> new ImageQuality.SsimConfig(0, 0.01, 0.03), "ssim", "sigma"),
                bad("cosine length", () -> Distances.cosine(d(1, 2), d(1, 2, 3)), "cosine", "u", "v"),
                bad("kl negative", () -> Distances.klDivergence(d(0.5, -0.5), d(0.5, 0.5)), "klDivergence", "p", "-0.5"),
                bad("js all-zero", () -> Distances.jensenShannonDistance(d(0, 0), d(0.5, 0.5)),
                        "jensenShannonDistance", "p", "sums to 0"),
                bad("js base 1", () -> Distances.jensenShannonDivergence(d(0.5, 0.5), d(0.5, 0.5), 1.0),
                        "jensenShannonDivergence", "base", "1.0"),
                bad("wasserstein weights length", () -> Distances.wasserstein1d(d(1, 2), d(1), d(1), null),
                        "wasserstein1d", "uWeights", "length 2", "[1]"),
                bad("wasserstein zero weights", () -> Distances.wasserstein1d(d(1, 2), d(1), d(0, 0), null),
                        "wasserstein1d", "uWeights", "positive sum"),
                bad("ndcg negative relevance", () -> Ranking.ndcg(m(1, 2, -1, 1), m(1, 2, 0.1, 0.2)),
                        "ndcg", "relevance", "-1"),
                bad("ndcg k = 0", () -> Ranking.ndcg(m(1, 2, 1, 1), m(1, 2, 0.1, 0.2), 0), "ndcg", "k", "0"),
                bad("mrr shape", () -> Ranking.meanReciprocalRank(m(1, 2, 1, 0), m(2, 1, 0.1, 0.2)),
                        "meanReciprocalRank", "relevance", "score", "[1, 2]", "[2, 1]"),
                bad("recall@k vector", () -> Ranking.recallAtK(d(1, 0), d(0.1, 0.2), 1), "recallAtK", "relevance", "[2]"),
                bad("bleu corpus sizes", () -> Text.corpusBleu(List.of(), List.of(List.of("a"))),
                        "corpusBleu", "0 reference lists", "1 hypotheses"),
                bad("bleu no reference", () -> Text.corpusBleu(List.of(List.of()), List.of(List.of("a"))),
                        "corpusBleu", "hypothesis 0", "no reference"),
                bad("bleu negative weight", () -> Text.corpusBleu(List.of(List.of(List.of("a"))), List.of(List.of("a")),
                        new double[] {1, -1}, Text.Smoothing.NONE), "corpusBleu", "weights", "-1.0"),
                bad("wer empty references", () -> Text.wordErrorRate(List.of(List.of()), List.of(List.of("a"))),
                        "wordErrorRate", "references", "no words"),
                bad("wer null token", () -> Text.wordErrorRate(List.of(java.util.Arrays.asList("a", null)),
                        List.of(List.of("a"))), "wordErrorRate", "references[0]", "position 1"),
                bad("ari shape", () -> Clustering.adjustedRandIndex(l(0, 1), l(0, 1, 2)),
                        "adjustedRandIndex", "labelsTrue", "labelsPred"),
                bad("nmi non-integral", () -> Clustering.normalizedMutualInformation(d(0, 0.5), l(0, 1)),
                        "normalizedMutualInformation", "labelsTrue", "0.5"),
                bad("silhouette one cluster", () -> Clustering.silhouetteScore(m(3, 1, 0, 1, 2), l(0, 0, 0)),
                        "silhouetteScore", "clusters is 1", "2 to n_samples - 1"),
                bad("silhouette every point its own cluster", () -> Clustering.silhouetteScore(m(3, 1, 0, 1, 2), l(0, 1, 2)),
                        "silhouetteScore", "clusters is 3"),
                bad("silhouette length", () -> Clustering.silhouetteScore(m(3, 1, 0, 1, 2), l(0, 1)),
                        "silhouetteScore", "x", "labels", "[3, 1]", "[2]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusesWithAMessageNamingFunctionArgumentAndValue(String what, Executable call, String[] fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), what + ": message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }
}
