package org.calibrax4j.metriclearning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.calibrax4j.testing.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Every case of reference/metric_learning/cases.json (pytorch-metric-learning 2.8.1 in float64 and
 * calibrax's formulas evaluated in numpy): each variant's loss and gradients within the case's
 * tolerance, the miners' index sets and the ArcFace θ grid. A variant this test cannot map to a
 * configuration fails.
 */
class MetricLearningReferenceTest {
    static final String DIR = "metric_learning";

    @Test
    void fixtureHasAllThirtyEightCases() {
        assertEquals(38, Reference.cases(DIR).size());
    }

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return Reference.cases(DIR).stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
    }

    static void run(JsonNode c) {
        switch (c.get("kind").asText()) {
            case "loss" -> loss(c);
            case "miner" -> miner(c);
            case "arcface_theta_grid" -> thetaGrid(c);
            default -> fail("unknown case kind " + c.get("kind"));
        }
    }

    static double[][] matrix(String rel) {
        INDArray a = Reference.npy(rel).castTo(DataType.DOUBLE);
        return a.toDoubleMatrix();
    }

    static int[] labels(String rel) {
        return Reference.npy(rel).toIntVector();
    }

    static double[][] slice(INDArray stack, int k) {
        return stack.castTo(DataType.DOUBLE).slice(k).toDoubleMatrix();
    }

    static void loss(JsonNode c) {
        String name = c.get("name").asText();
        JsonNode in = c.get("inputs");
        double[][] e = matrix(in.get("embeddings").asText());
        int[] y = labels(in.get("labels").asText());
        double[][] w = null;
        if (in.has("class_weights")) {
            w = matrix(in.get("class_weights").asText());
        } else if (in.has("proxies")) {
            w = matrix(in.get("proxies").asText());
        }
        INDArray gradE = Reference.npy(c.get("grad_embeddings").asText());
        INDArray gradW = c.has("grad_weights") ? Reference.npy(c.get("grad_weights").asText()) : null;
        JsonNode tol = c.get("tolerance");
        String lossName = c.get("loss").asText();
        int classes = w == null ? 0 : (lossName.equals("arcface") || lossName.equals("cosface") ? w[0].length : w.length);
        int dim = e[0].length;
        boolean primarySeen = false;
        List<String> failures = new ArrayList<>();
        for (JsonNode v : c.get("variants")) {
            String variant = v.get("name").asText();
            String what = name + " [" + variant + "]";
            LossEvaluation got = evaluate(lossName, variant, e, y, w, classes, dim);
            double expected = v.get("loss").asDouble();
            try {
                Reference.assertWithin(expected, got.loss(), tol.get("loss"), what + " loss");
                int k = v.get("grad_index").asInt();
                assertGrad(slice(gradE, k), got.embeddingGradient(), tol.get("grad"), what + " d/d embeddings");
                if (gradW != null) {
                    assertGrad(slice(gradW, k), got.weightGradient(), tol.get("grad"), what + " d/d weights");
                }
            } catch (AssertionError err) {
                failures.add(err.getMessage());
            }
            if (variant.equals(c.get("primary_variant").asText())) {
                primarySeen = true;
                Reference.assertWithin(c.get("expected").get("loss").asDouble(), got.loss(), tol.get("loss"),
                        what + " expected.loss");
            }
            if (c.get("expected").has("plain_mean_variant")
                    && variant.equals(c.get("expected").get("plain_mean_variant").asText())) {
                Reference.assertWithin(c.get("expected").get("plain_mean_over_valid_tuples").asDouble(), got.loss(),
                        tol.get("loss"), what + " plain mean");
            }
        }
        if (c.get("expected").has("movshovitz_attias_2017_as_written")) {
            double got = ProxyNcaLoss.builder().numClasses(classes).embeddingSize(dim).distancePower(2).excludePositive(true).build().evaluate(e, y, w).loss();
            Reference.assertWithin(c.get("expected").get("movshovitz_attias_2017_as_written").asDouble(), got,
                    tol.get("loss"), name + " movshovitz-attias as written");
        }
        assertTrue(primarySeen, name + ": primary variant not among the variants");
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    static void assertGrad(double[][] expected, double[][] got, JsonNode tol, String what) {
        assertEquals(expected.length, got.length, what + " rows");
        double maxAbs = 0;
        double maxDev = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, got[i].length, what + " columns");
            for (int k = 0; k < expected[i].length; k++) {
                assertTrue(Double.isFinite(got[i][k]), what + " is not finite at [" + i + "][" + k + "]");
                maxAbs = Math.max(maxAbs, Math.abs(expected[i][k]));
                maxDev = Math.max(maxDev, Math.abs(expected[i][k] - got[i][k]));
            }
        }
        double bound = tol.get("rel_to_max_abs").asDouble() * maxAbs + tol.get("abs").asDouble();
        if (!(maxDev <= bound)) {
            throw new AssertionError(String.format("%s: max |diff| %.3g > %.3g (max |expected| %.3g)", what, maxDev,
                    bound, maxAbs));
        }
    }

    /** Evaluates a reference variant with the exact float64 path. */
    static LossEvaluation evaluate(String loss, String variant, double[][] e, int[] y, double[][] w, int classes,
            int dim) {
        Object cfg = configure(loss, variant, classes, dim);
        return cfg instanceof ClassWeightLoss cw ? cw.evaluate(e, y, w) : ((EmbeddingLoss) cfg).evaluate(e, y);
    }

    /**
     * Maps a reference variant to a configuration (an {@link EmbeddingLoss} or a
     * {@link ClassWeightLoss}); an unknown variant fails the case.
     */
    static Object configure(String loss, String variant, int classes, int dim) {
        String key = loss + "/" + variant;
        return switch (key) {
            case "contrastive/pml" -> ContrastiveLoss.defaults();
            case "contrastive/pml_mean_reducer" -> ContrastiveLoss.builder().reduction(Reduction.MEAN).build();
            case "contrastive/pml_plain_mean" -> ContrastiveLoss.builder().reduction(Reduction.PLAIN_MEAN).build();
            case "contrastive/pml_normalized" -> ContrastiveLoss.builder().distance(Distance.EUCLIDEAN_NORMALIZED)
                    .build();
            case "contrastive/calibrax" -> ContrastiveLoss.calibrax();
            case "contrastive/hadsell_no_eps" -> ContrastiveLoss.builder().form(ContrastiveLoss.Form.SQUARED)
                    .reduction(Reduction.PLAIN_MEAN).build();
            case "triplet/pml" -> TripletMarginLoss.defaults();
            case "triplet/pml_mean_reducer" -> TripletMarginLoss.builder().reduction(Reduction.MEAN).build();
            case "triplet/pml_normalized" -> TripletMarginLoss.builder().distance(Distance.EUCLIDEAN_NORMALIZED).build();
            case "triplet/calibrax" -> TripletMarginLoss.calibrax();
            case "ntxent/pml_supcon", "ntxent/pml_supcon_plain" -> NtXentLoss.defaults();
            case "ntxent/pml_supcon_mean_reducer" -> NtXentLoss.builder().reduction(Reduction.MEAN).build();
            case "ntxent/pml_ntxent" -> NtXentLoss.ntXent(0.5);
            case "ntxent/calibrax" -> NtXentLoss.calibrax(0.5);
            case "ntxent/calibrax_no_eps" -> NtXentLoss.builder().formulation(NtXentLoss.Formulation.CALIBRAX)
                    .epsilon(0).build();
            case "arcface/pml" -> ArcFaceLoss.of(classes, dim);
            case "arcface/calibrax" -> ArcFaceLoss.builder().numClasses(classes).embeddingSize(dim)
                    .convention(Convention.CALIBRAX).build();
            case "cosface/pml" -> CosFaceLoss.of(classes, dim);
            case "cosface/calibrax" -> CosFaceLoss.builder().numClasses(classes).embeddingSize(dim)
                    .convention(Convention.CALIBRAX).build();
            case "proxynca/pml" -> ProxyNcaLoss.of(classes, dim);
            case "proxynca/pml_default_distance" -> ProxyNcaLoss.builder().numClasses(classes).embeddingSize(dim)
                    .distancePower(2).build();
            case "proxynca/calibrax" -> ProxyNcaLoss.builder().numClasses(classes).embeddingSize(dim)
                    .convention(Convention.CALIBRAX).build();
            case "proxyanchor/pml" -> ProxyAnchorLoss.of(classes, dim);
            case "proxyanchor/calibrax" -> ProxyAnchorLoss.builder().numClasses(classes).embeddingSize(dim)
                    .convention(Convention.CALIBRAX).build();
            case "proxyanchor/calibrax_no_eps" -> ProxyAnchorLoss.builder().numClasses(classes).embeddingSize(dim)
                    .convention(Convention.CALIBRAX).epsilon(0).build();
            default -> throw new AssertionError("variant not implemented: " + key);
        };
    }

    static void miner(JsonNode c) {
        String name = c.get("name").asText();
        double[][] e = matrix(c.get("inputs").get("embeddings").asText());
        int[] y = labels(c.get("inputs").get("labels").asText());
        double mu = c.get("semihard_margin").asDouble();
        JsonNode files = c.get("files");
        int checked = 0;
        for (var it = files.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String[] parts = key.split("/");
            Distance d = switch (parts[0]) {
                case "raw" -> Distance.EUCLIDEAN;
                case "normalized" -> Distance.EUCLIDEAN_NORMALIZED;
                default -> throw new AssertionError("unknown distance " + parts[0]);
            };
            int[][] got = switch (parts[1]) {
                case "batch_hard" -> Miners.batchHard(e, y, d);
                case "hard_negative_pairs" -> Miners.hardNegativePairs(e, y, d);
                case "hard_negative_triplets" -> Miners.hardNegativeTriplets(e, y, d);
                case "semihard_all" -> Miners.semiHardAll(e, y, d, mu);
                case "semihard_closest" -> Miners.semiHardClosest(e, y, d, mu);
                default -> throw new AssertionError("miner output not implemented: " + parts[1]);
            };
            INDArray exp = Reference.npy(files.get(key).asText());
            int width = parts[1].equals("hard_negative_pairs") ? 2 : 3;
            int rows = (int) exp.size(0);
            long[] flat = rows == 0 ? new long[0] : exp.reshape(-1).toLongVector();
            int[][] expected = new int[rows][width];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < width; k++) {
                    expected[r][k] = (int) flat[r * width + k];
                }
            }
            assertArrayEquals(expected, got, name + " " + key);
            JsonNode inline = c.get("expected").get(parts[0]);
            assertEquals(rows, inline.get("counts").get(parts[1]).asInt(), name + " " + key + " count");
            checked++;
        }
        assertTrue(checked >= 5, name + ": expected at least 5 miner outputs, checked " + checked);
    }

    static void thetaGrid(JsonNode c) {
        double[][] table = matrix(c.get("inputs").get("table").asText());
        JsonNode tol = c.get("tolerance");
        double m = c.get("margin").asDouble();
        JsonNode exp = c.get("expected");
        int naiveIncreasing = 0;
        boolean nonIncreasing = true;
        double firstIncrease = Double.NaN;
        for (int k = 0; k < table[0].length; k++) {
            double theta = table[0][k];
            double c0 = Math.cos(theta);
            Reference.assertWithin(table[1][k], ArcFaceLoss.targetLogitPml(c0, m), tol, "PML rule at θ=" + theta);
            Reference.assertWithin(table[2][k], Math.cos(theta + m), tol, "naive at θ=" + theta);
            Reference.assertWithin(table[3][k], ArcFaceLoss.targetLogitCalibrax(c0, m), tol, "calibrax at θ=" + theta);
            if (k > 0) {
                double prev = ArcFaceLoss.targetLogitPml(Math.cos(table[0][k - 1]), m);
                nonIncreasing &= ArcFaceLoss.targetLogitPml(c0, m) <= prev;
                if (Math.cos(theta + m) > Math.cos(table[0][k - 1] + m)) {
                    if (naiveIncreasing == 0) {
                        firstIncrease = theta;
                    }
                    naiveIncreasing++;
                }
            }
        }
        assertEquals(exp.get("pml_rule_non_increasing").asBoolean(), nonIncreasing, "PML rule non-increasing");
        assertEquals(exp.get("naive_increasing_steps").asInt(), naiveIncreasing, "naive increasing steps");
        Reference.assertWithin(exp.get("first_theta_where_naive_increases").asDouble(), firstIncrease, tol,
                "first θ where naive increases");
        Reference.assertWithin(exp.get("pml_rule_at_pi").asDouble(), ArcFaceLoss.targetLogitPml(-1, m), tol, "at π");
        Reference.assertWithin(exp.get("pml_rule_at_0").asDouble(), ArcFaceLoss.targetLogitPml(1, m), tol, "at 0");
        for (var it = exp.get("br19_values").fields(); it.hasNext(); ) {
            var f = it.next();
            double theta = Double.parseDouble(f.getKey());
            Reference.assertWithin(f.getValue().get("pml_rule").asDouble(),
                    ArcFaceLoss.targetLogitPml(Math.cos(theta), m), tol, "PML rule at θ=" + theta);
            Reference.assertWithin(f.getValue().get("naive").asDouble(), Math.cos(theta + m), tol,
                    "naive at θ=" + theta);
        }
    }
}
