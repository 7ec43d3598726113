package org.calibrax4j.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Properties that hold for any input: symmetry, x vs x, invariances, identities between metrics. */
class FunctionalPropertiesTest {
    private static final double EPS = 1e-12;
    private final Random rnd = new Random(20261204);

    private INDArray gaussian(long... shape) {
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextGaussian();
        }
        return Nd4j.create(d, shape, DataType.DOUBLE);
    }

    private INDArray labels(int n, int classes) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextInt(classes);
        }
        return Nd4j.createFromArray(v);
    }

    private INDArray simplex(int k) {
        double[] d = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            d[i] = -Math.log(1 - rnd.nextDouble());
            s += d[i];
        }
        for (int i = 0; i < k; i++) {
            d[i] /= s;
        }
        return Nd4j.createFromArray(d);
    }

    private INDArray softmaxRows(int n, int c) {
        INDArray x = gaussian(n, c);
        double[] d = x.data().asDouble();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                d[i * c + j] = Math.exp(d[i * c + j]);
                s += d[i * c + j];
            }
            for (int j = 0; j < c; j++) {
                d[i * c + j] /= s;
            }
        }
        return Nd4j.create(d, new long[] {n, c}, DataType.DOUBLE);
    }

    @Test
    void regressionOfTargetsWithThemselvesIsPerfect() {
        INDArray y = gaussian(30, 3);
        assertEquals(0.0, Regression.meanSquaredError(y, y));
        assertEquals(0.0, Regression.rootMeanSquaredError(y, y));
        assertEquals(0.0, Regression.meanAbsoluteError(y, y));
        assertEquals(0.0, Regression.meanAbsolutePercentageError(y, y));
        assertEquals(0.0, Regression.medianAbsoluteError(y, y));
        assertEquals(1.0, Regression.r2(y, y));
        assertEquals(1.0, Regression.explainedVariance(y, y));
        INDArray v = gaussian(30);
        assertEquals(1.0, Regression.pearson(v, v), EPS);
        assertEquals(1.0, Regression.spearman(v, v), EPS);
        assertEquals(0.0, Regression.maxError(v, v));
    }

    @Test
    void singleOutputRmseIsSquareRootOfMseAndMultiOutputAveragesPerOutput() {
        INDArray t = gaussian(25);
        INDArray p = gaussian(25);
        assertEquals(Math.sqrt(Regression.meanSquaredError(t, p)), Regression.rootMeanSquaredError(t, p), EPS);
        INDArray tm = gaussian(25, 4);
        INDArray pm = gaussian(25, 4);
        double[] per = Regression.meanSquaredErrorPerOutput(tm, pm);
        double rmse = 0;
        for (double m : per) {
            rmse += Math.sqrt(m) / per.length;
        }
        assertEquals(rmse, Regression.rootMeanSquaredError(tm, pm), EPS);
        // column 2 alone equals output 2 of the multi-output call
        INDArray c2t = tm.getColumn(2).dup();
        INDArray c2p = pm.getColumn(2).dup();
        assertEquals(per[2], Regression.meanSquaredError(c2t, c2p), EPS);
        assertEquals(Regression.r2PerOutput(tm, pm, true)[2], Regression.r2(c2t, c2p), EPS);
    }

    @Test
    void correlationsAreSymmetricAndSpearmanIsRankInvariant() {
        INDArray x = gaussian(40);
        INDArray y = gaussian(40);
        assertEquals(Regression.pearson(x, y), Regression.pearson(y, x), EPS);
        assertEquals(Regression.spearman(x, y), Regression.spearman(y, x), EPS);
        INDArray monotone = Nd4j.createFromArray(java.util.Arrays.stream(x.data().asDouble()).map(Math::exp).toArray());
        assertEquals(Regression.spearman(x, y), Regression.spearman(monotone, y), EPS);
        assertEquals(-Regression.pearson(x, y), Regression.pearson(x.neg(), y), EPS);
    }

    @Test
    void float32AndIntegerInputsAreReadAsTheirFloat64Values() {
        INDArray t = gaussian(20);
        INDArray p = gaussian(20);
        INDArray t32 = t.castTo(DataType.FLOAT);
        INDArray p32 = p.castTo(DataType.FLOAT);
        assertEquals(Regression.meanSquaredError(t32.castTo(DataType.DOUBLE), p32.castTo(DataType.DOUBLE)),
                Regression.meanSquaredError(t32, p32));
        INDArray y = labels(50, 3);
        INDArray yp = labels(50, 3);
        assertEquals(Classification.accuracy(y, yp),
                Classification.accuracy(y.castTo(DataType.INT32), yp.castTo(DataType.DOUBLE)));
    }

    @Test
    void inputsAreNotModified() {
        INDArray t = gaussian(20);
        INDArray p = gaussian(20);
        INDArray t0 = t.dup();
        INDArray p0 = p.dup();
        Regression.spearman(t, p);
        Regression.medianAbsoluteError(t, p);
        Distances.wasserstein1d(t, p);
        assertEquals(t0, t);
        assertEquals(p0, p);
    }

    @Test
    void classificationIdentities() {
        INDArray y = labels(200, 4);
        INDArray p = labels(200, 4);
        double acc = Classification.accuracy(y, p);
        assertEquals(acc, Classification.precision(y, p, Average.MICRO), EPS);
        assertEquals(acc, Classification.recall(y, p, Average.MICRO), EPS);
        assertEquals(acc, Classification.f1(y, p, Average.MICRO), EPS);
        assertEquals(acc, Classification.recall(y, p, Average.WEIGHTED), EPS);
        assertEquals(1 - acc, Classification.hammingLoss(y, p), EPS);
        assertEquals(Classification.balancedAccuracy(y, p), Classification.recall(y, p, Average.MACRO), EPS);
        double[] perClass = Classification.f1PerClass(y, p, ZeroDivision.WARN);
        double mean = 0;
        for (double v : perClass) {
            mean += v / perClass.length;
        }
        assertEquals(mean, Classification.f1(y, p, Average.MACRO), EPS);
        ConfusionMatrix cm = Classification.confusionMatrix(y, p);
        assertEquals(200, cm.total());
        assertArrayEquals(new int[] {0, 1, 2, 3}, cm.labels());
        // F1 = 2TP/(2TP + FP + FN) per class
        long[] tc = cm.trueCounts();
        long[] pc = cm.predictedCounts();
        for (int c = 0; c < 4; c++) {
            assertEquals(2.0 * cm.count(c, c) / (tc[c] + pc[c]), perClass[c], EPS);
        }
    }

    @Test
    void agreementOfLabelsWithThemselvesIsPerfect() {
        INDArray y = labels(100, 5);
        assertEquals(1.0, Classification.accuracy(y, y));
        assertEquals(1.0, Classification.matthewsCorrcoef(y, y), EPS);
        assertEquals(1.0, Classification.cohenKappa(y, y), EPS);
        assertEquals(1.0, Classification.cohenKappa(y, y, Classification.KappaWeights.QUADRATIC), EPS);
        assertEquals(1.0, Classification.f1(y, y, Average.MACRO), EPS);
        assertEquals(1.0, Classification.jaccard(y, y, Average.WEIGHTED), EPS);
    }

    @Test
    void kappaAndMccAreSymmetricInTheirArguments() {
        INDArray a = labels(120, 3);
        INDArray b = labels(120, 3);
        assertEquals(Classification.cohenKappa(a, b), Classification.cohenKappa(b, a), EPS);
        assertEquals(Classification.matthewsCorrcoef(a, b), Classification.matthewsCorrcoef(b, a), EPS);
    }

    @Test
    void rocAucDependsOnlyOnTheOrderOfScores() {
        INDArray y = labels(80, 2);
        INDArray s = gaussian(80);
        double auc = Classification.rocAuc(y, s);
        INDArray monotone = Nd4j.createFromArray(java.util.Arrays.stream(s.data().asDouble()).map(v -> 3 * v + 1).toArray());
        assertEquals(auc, Classification.rocAuc(y, monotone), EPS);
        assertEquals(1 - auc, Classification.rocAuc(y, s.neg()), EPS);
        assertEquals(1.0, Classification.rocAuc(y, y.castTo(DataType.DOUBLE)), EPS);
        assertEquals(1.0, Classification.averagePrecision(y, y.castTo(DataType.DOUBLE)), EPS);
    }

    @Test
    void topKWithAllClassesIsOneAndTopOneIsArgmaxAccuracy() {
        INDArray y = labels(60, 4);
        INDArray prob = softmaxRows(60, 4);
        assertEquals(1.0, Classification.topKAccuracy(y, prob, 4));
        INDArray argmax = prob.argMax(1);
        assertEquals(Classification.accuracy(y, argmax), Classification.topKAccuracy(y, prob, 1), EPS);
    }

    @Test
    void logLossOfBinaryColumnEqualsTwoColumnForm() {
        INDArray y = labels(50, 2);
        double[] p = new double[50];
        double[] two = new double[100];
        for (int i = 0; i < 50; i++) {
            p[i] = rnd.nextDouble();
            two[2 * i] = 1 - p[i];
            two[2 * i + 1] = p[i];
        }
        assertEquals(Classification.logLoss(y, Nd4j.createFromArray(p)),
                Classification.logLoss(y, Nd4j.create(two, new long[] {50, 2}, DataType.DOUBLE)), 1e-12);
    }

    @Test
    void calibration() {
        INDArray y = labels(100, 3);
        INDArray prob = softmaxRows(100, 3);
        double ece = Calibration.expectedCalibrationError(prob, y);
        double mce = Calibration.maximumCalibrationError(prob, y);
        assertTrue(ece >= 0 && ece <= mce + EPS, ece + " vs " + mce);
        // confident and always right: perfectly calibrated
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 10);
        INDArray allOne = Nd4j.ones(DataType.INT64, 10);
        assertEquals(0.0, Calibration.expectedCalibrationError(ones, allOne));
        // multiclass Brier of 2 classes is twice the binary one
        INDArray yb = labels(40, 2);
        double[] p = new double[40];
        double[] two = new double[80];
        for (int i = 0; i < 40; i++) {
            p[i] = rnd.nextDouble();
            two[2 * i] = 1 - p[i];
            two[2 * i + 1] = p[i];
        }
        assertEquals(2 * Calibration.brierScore(yb, Nd4j.createFromArray(p)),
                Calibration.brierScore(yb, Nd4j.create(two, new long[] {40, 2}, DataType.DOUBLE)), 1e-12);
    }

    @Test
    void segmentationOfTargetWithItselfIsOneOnPresentClassesAndDiceFollowsIou() {
        INDArray target = labels(2 * 8 * 8, 3).reshape(2, 8, 8);
        double[][] iou = Segmentation.iouPerClass(target, target, 4);
        for (double[] row : iou) {
            assertEquals(1.0, row[0]);
            assertTrue(Double.isNaN(row[3]), "class 3 never occurs");
        }
        INDArray pred = labels(2 * 8 * 8, 4).reshape(2, 8, 8);
        double[][] i2 = Segmentation.iouPerClass(pred, target, 4);
        double[][] d2 = Segmentation.dicePerClass(pred, target, 4);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(2 * i2[b][c] / (1 + i2[b][c]), d2[b][c], EPS);
            }
        }
        // dataset-level of one image equals that image's per-class value
        INDArray first = pred.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup();
        INDArray firstT = target.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup();
        assertArrayEquals(i2[0], Segmentation.iouDataset(first, firstT, 4), EPS);
    }

    @Test
    void imageQualityIsSymmetricAndPerfectOnIdenticalImages() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 20, 24);
        INDArray b = Nd4j.rand(DataType.DOUBLE, 20, 24);
        assertEquals(ImageQuality.psnr(a, b, 1.0), ImageQuality.psnr(b, a, 1.0), EPS);
        assertEquals(ImageQuality.ssim(a, b, 1.0), ImageQuality.ssim(b, a, 1.0), EPS);
        assertEquals(1.0, ImageQuality.ssim(a, a, 1.0), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, ImageQuality.psnr(a, a, 1.0));
        // RGB = mean of the channel SSIMs
        INDArray rgbA = Nd4j.rand(DataType.DOUBLE, 16, 16, 3);
        INDArray rgbB = Nd4j.rand(DataType.DOUBLE, 16, 16, 3);
        double mean = 0;
        for (int c = 0; c < 3; c++) {
            INDArray ca = rgbA.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup();
            INDArray cb = rgbB.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup();
            mean += ImageQuality.ssim(ca, cb, 1.0) / 3;
        }
        assertEquals(mean, ImageQuality.ssim(rgbA, rgbB, 1.0), 1e-12);
    }

    @Test
    void distancesAreSymmetricAndZeroOnIdenticalInputs() {
        INDArray u = gaussian(12);
        INDArray v = gaussian(12);
        assertEquals(Distances.euclidean(u, v), Distances.euclidean(v, u), EPS);
        assertEquals(Distances.cosine(u, v), Distances.cosine(v, u), EPS);
        assertEquals(0.0, Distances.euclidean(u, u));
        assertEquals(0.0, Distances.cosine(u, u), 1e-12);
        assertEquals(2.0, Distances.cosine(u, u.neg()), 1e-12);
        INDArray p = simplex(8);
        INDArray q = simplex(8);
        assertEquals(Distances.jensenShannonDistance(p, q), Distances.jensenShannonDistance(q, p), EPS);
        assertEquals(0.0, Distances.jensenShannonDistance(p, p), 1e-12);
        assertEquals(0.0, Distances.klDivergence(p, p), 1e-15);
        assertTrue(Distances.klDivergence(p, q) > 0);
        double js2 = Distances.jensenShannonDistance(p, q, 2.0);
        assertTrue(js2 > 0 && js2 <= 1);
        assertEquals(Distances.jensenShannonDivergence(p, q) / Math.log(2), Distances.jensenShannonDivergence(p, q, 2.0),
                1e-12);
        // JS normalises its inputs; scaling p changes nothing
        assertEquals(Distances.jensenShannonDistance(p, q), Distances.jensenShannonDistance(p.mul(7), q), 1e-12);
        INDArray w1 = gaussian(15);
        INDArray w2 = gaussian(23);
        assertEquals(Distances.wasserstein1d(w1, w2), Distances.wasserstein1d(w2, w1), EPS);
        assertEquals(0.0, Distances.wasserstein1d(w1, w1), 1e-15);
        // a shift by c moves the distribution by exactly |c|
        assertEquals(1.5, Distances.wasserstein1d(w1, w1.add(1.5)), 1e-12);
        // equal integer weights = repeated samples
        INDArray twice = Nd4j.concat(0, w1, w1);
        assertEquals(Distances.wasserstein1d(twice, w2),
                Distances.wasserstein1d(w1, w2, Nd4j.ones(DataType.DOUBLE, 15).mul(2), null), 1e-12);
    }

    @Test
    void rankingOfTheIdealOrderIsPerfect() {
        INDArray rel = labels(4 * 9, 4).reshape(4, 9).castTo(DataType.DOUBLE);
        rel.putScalar(new long[] {0, 0}, 3); // every query has a relevant item
        rel.putScalar(new long[] {1, 0}, 3);
        rel.putScalar(new long[] {2, 0}, 3);
        rel.putScalar(new long[] {3, 0}, 3);
        INDArray noise = gaussian(4, 9).mul(1e-3);
        INDArray ideal = rel.add(noise);
        assertEquals(1.0, Ranking.ndcg(rel, rel), 1e-12); // ties only among equal gains
        assertEquals(1.0, Ranking.ndcg(rel, ideal, 3), 1e-12);
        assertEquals(1.0, Ranking.meanReciprocalRank(rel, ideal), 1e-12);
        // recall at k = all items is 1; precision at all items = fraction relevant
        assertEquals(1.0, Ranking.recallAtK(rel, gaussian(4, 9), 9), 1e-12);
        double frac = 0;
        double[] r = rel.data().asDouble();
        for (double x : r) {
            frac += x > 0 ? 1.0 / r.length : 0;
        }
        assertEquals(frac, Ranking.precisionAtK(rel, gaussian(4, 9), 9), 1e-12);
    }

    @Test
    void textOfAHypothesisEqualToItsReference() {
        List<String> s = List.of("a", "small", "test", "of", "corpus", "bleu");
        assertEquals(1.0, Text.corpusBleu(List.of(List.of(s)), List.of(s)), 1e-15);
        assertEquals(0.0, Text.wordErrorRate(List.of(s), List.of(s)));
        assertEquals(0.0, Text.corpusBleu(List.of(List.of(s)), List.of(List.of("x", "y", "z", "w"))));
        assertEquals(2, Text.levenshtein(List.of("a", "b", "c"), List.of("b", "c", "d")));
        assertEquals(1.0, Text.wordErrorRate(List.of(s), List.of(new ArrayList<>())));
    }

    @Test
    void clusteringScoresIgnoreLabelNamesAndAreSymmetric() {
        INDArray a = labels(90, 4);
        INDArray b = labels(90, 3);
        INDArray renamed = a.mul(-7).add(100); // a bijection on the label values
        assertEquals(Clustering.adjustedRandIndex(a, b), Clustering.adjustedRandIndex(renamed, b), EPS);
        assertEquals(Clustering.adjustedRandIndex(a, b), Clustering.adjustedRandIndex(b, a), EPS);
        assertEquals(Clustering.normalizedMutualInformation(a, b), Clustering.normalizedMutualInformation(renamed, b), EPS);
        assertEquals(Clustering.normalizedMutualInformation(a, b), Clustering.normalizedMutualInformation(b, a), EPS);
        assertEquals(1.0, Clustering.adjustedRandIndex(a, renamed), EPS);
        assertEquals(1.0, Clustering.normalizedMutualInformation(a, renamed), EPS);
        INDArray x = gaussian(90, 2);
        double s = Clustering.silhouetteScore(x, a);
        assertEquals(s, Clustering.silhouetteScore(x, renamed), EPS);
        assertTrue(s >= -1 && s <= 1);
        // two far-apart tight blobs: silhouette close to 1
        INDArray blobs = Nd4j.create(new double[] {0, 0, 0.1, 0, 0, 0.1, 100, 100, 100.1, 100, 100, 100.1},
                new long[] {6, 2}, DataType.DOUBLE);
        assertTrue(Clustering.silhouetteScore(blobs, Nd4j.createFromArray(0L, 0L, 0L, 1L, 1L, 1L)) > 0.99);
    }
}
