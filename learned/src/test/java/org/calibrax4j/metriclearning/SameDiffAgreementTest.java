package org.calibrax4j.metriclearning;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.calibrax4j.testing.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The SameDiff graph of every loss variant, run in float64 on every reference batch, agrees with
 * the exact path (value and gradients, SameDiff's own autodiff); in float32 it agrees with the
 * reference values within the float32 tolerance (primary variants).
 */
class SameDiffAgreementTest {

    @TestFactory
    Stream<DynamicTest> graphMatchesExactPathOnEveryLossCase() {
        return Reference.cases(MetricLearningReferenceTest.DIR).stream()
                .filter(c -> c.get("kind").asText().equals("loss"))
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    record Graph(double loss, double[][] gradE, double[][] gradW) {
    }

    static Graph runGraph(Object cfg, double[][] e, int[] y, double[][] w, DataType dt) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.create(e).castTo(dt));
        INDArray labels = Nd4j.createFromArray(y).castTo(DataType.INT64);
        SDVariable lab = sd.placeHolder("labels", DataType.INT64, -1);
        SDVariable loss;
        if (cfg instanceof ClassWeightLoss cw) {
            loss = cw.defineWithTrainableWeights(sd, "loss", x, lab, Nd4j.create(w));
        } else {
            loss = ((EmbeddingLoss) cfg).define(sd, "loss", x, lab);
        }
        sd.setLossVariables(loss);
        Map<String, INDArray> ph = Map.of("labels", labels);
        double value = sd.outputSingle(ph, "loss").getDouble(0);
        List<String> wrt = new ArrayList<>(List.of("x"));
        if (cfg instanceof ClassWeightLoss) {
            wrt.add("loss_weights");
        }
        Map<String, INDArray> g = sd.calculateGradients(ph, wrt);
        double[][] gw = cfg instanceof ClassWeightLoss ? g.get("loss_weights").castTo(DataType.DOUBLE).toDoubleMatrix()
                : null;
        return new Graph(value, g.get("x").castTo(DataType.DOUBLE).toDoubleMatrix(), gw);
    }

    static void check(JsonNode c) {
        JsonNode in = c.get("inputs");
        double[][] e = MetricLearningReferenceTest.matrix(in.get("embeddings").asText());
        int[] y = MetricLearningReferenceTest.labels(in.get("labels").asText());
        double[][] w = in.has("class_weights") ? MetricLearningReferenceTest.matrix(in.get("class_weights").asText())
                : in.has("proxies") ? MetricLearningReferenceTest.matrix(in.get("proxies").asText()) : null;
        String lossName = c.get("loss").asText();
        int classes = w == null ? 0 : (lossName.equals("arcface") || lossName.equals("cosface") ? w[0].length : w.length);
        boolean boundary = c.get("name").asText().startsWith("edge_arcface");
        List<String> failures = new ArrayList<>();
        for (JsonNode v : c.get("variants")) {
            String what = c.get("name").asText() + " [" + v.get("name").asText() + "]";
            Object cfg = MetricLearningReferenceTest.configure(lossName, v.get("name").asText(), classes, e[0].length);
            LossEvaluation exact = cfg instanceof ClassWeightLoss cw ? cw.evaluate(e, y, w)
                    : ((EmbeddingLoss) cfg).evaluate(e, y);
            Graph g64 = runGraph(cfg, e, y, w, DataType.DOUBLE);
            try {
                // The graph takes distances through the Gram matrix and sin θ through √(1 − c²):
                // float64 rounding differs from the exact path by far less than 1e-8. At θ = 0 a
                // one-ulp cosine moves the ArcFace logit by s·sin m·√(2 ulp), hence 1e-6 there.
                Reference.assertWithin(exact.loss(), g64.loss(), boundary ? 1e-6 : 1e-12, 1e-9, what + " f64 loss");
                assertClose(exact.embeddingGradient(), g64.gradE(), boundary ? 1e-5 : 1e-8, what + " f64 d/dx");
                if (w != null) {
                    assertClose(exact.weightGradient(), g64.gradW(), boundary ? 1e-5 : 1e-8, what + " f64 d/dW");
                }
                if (!v.get("name").asText().equals(c.get("primary_variant").asText())) {
                    continue;
                }
                Graph g32 = runGraph(cfg, e, y, w, DataType.FLOAT);
                Reference.assertWithin(v.get("loss").asDouble(), g32.loss(), 1e-5, 1e-5, what + " f32 loss");
                assertClose(exact.embeddingGradient(), g32.gradE(), boundary ? 1e-3 : 1e-4, what + " f32 d/dx");
            } catch (AssertionError err) {
                failures.add(err.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    static void assertClose(double[][] expected, double[][] got, double relToMax, String what) {
        double maxAbs = 0;
        double maxDev = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int k = 0; k < expected[i].length; k++) {
                assertTrue(Double.isFinite(got[i][k]), what + " not finite at [" + i + "][" + k + "]");
                maxAbs = Math.max(maxAbs, Math.abs(expected[i][k]));
                maxDev = Math.max(maxDev, Math.abs(expected[i][k] - got[i][k]));
            }
        }
        if (!(maxDev <= relToMax * maxAbs + 1e-12)) {
            throw new AssertionError(String.format("%s: max |diff| %.3g > %.3g·%.3g", what, maxDev, relToMax, maxAbs));
        }
    }

    @Test
    void proxyAnchorGraphStaysFiniteInFloat32WithALargeAlpha() {
        // α(s + δ) reaches 220 here: e^220 overflows float32, the shifted log-sum-exp does not.
        ProxyAnchorLoss loss = ProxyAnchorLoss.builder().numClasses(3).embeddingSize(3).alpha(200).build();
        double[][] e = GradientCheckTest.gaussian(31, 9, 3);
        double[][] p = GradientCheckTest.gaussian(32, 3, 3);
        int[] y = GradientCheckTest.LABELS;
        LossEvaluation exact = loss.evaluate(e, y, p);
        Graph g32 = runGraph(loss, e, y, p, DataType.FLOAT);
        Reference.assertWithin(exact.loss(), g32.loss(), 1e-4, 1e-5, "float32 loss, alpha 200");
        assertClose(exact.embeddingGradient(), g32.gradE(), 1e-3, "float32 d/dx, alpha 200");
        assertClose(exact.weightGradient(), g32.gradW(), 1e-3, "float32 d/dW, alpha 200");
    }
}
