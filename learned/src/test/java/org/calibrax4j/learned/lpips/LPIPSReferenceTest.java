package org.calibrax4j.learned.lpips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.calibrax4j.testing.Reference;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Reference values of {@code reference/lpips} (PerceptualSimilarity @ 082bb24, lpips v0.1):
 * (a) distances and per-layer terms from given features with the real v0.1 weights,
 * (c) the BCE ranking loss of the 2AFC objective.
 */
class LPIPSReferenceTest {

    private static JsonNode named(String name) {
        return Reference.cases("lpips").stream().filter(c -> c.get("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static INDArray[] feats(JsonNode c, int side) {
        INDArray[] f = new INDArray[5];
        for (int l = 0; l < 5; l++) {
            f[l] = Reference.npy(c.get("inputs").get("feats" + side + "_" + l).asText());
        }
        return f;
    }

    private static void checkFeatureCase(String name) {
        JsonNode c = named(name);
        LPIPSMetric m = LPIPSMetric.vggFeatures();
        LPIPSMetric.Distances d = m.distances(feats(c, 0), feats(c, 1));
        JsonNode exp = c.get("expected");
        JsonNode tol = c.get("tolerance");
        assertEquals(exp.get("distance").size(), d.distance().length);
        for (int i = 0; i < d.distance().length; i++) {
            Reference.assertWithin(exp.get("distance").get(i).asDouble(), d.distance()[i], tol, name + " distance " + i);
            for (int l = 0; l < 5; l++) {
                Reference.assertWithin(exp.get("per_layer").get(l).get(i).asDouble(), d.perLayer()[l][i], tol,
                        name + " layer " + l + " pair " + i);
            }
        }
        m.update(feats(c, 0), feats(c, 1));
        double mean = 0;
        for (JsonNode v : exp.get("distance")) {
            mean += v.asDouble() / exp.get("distance").size();
        }
        Reference.assertWithin(mean, m.compute().get("lpips"), tol, name + " mean");
    }

    @Test
    void featuresPathMatchesReferenceWithV01Weights() {
        checkFeatureCase("feat_a");
    }

    @Test
    void featuresPathMatchesReferenceOnSquareMaps() {
        checkFeatureCase("feat_b");
    }

    @Test
    void bundledWeightsAreThePublishedV01Weights() {
        for (int l = 0; l < 5; l++) {
            double[] want = Reference.doubles("lpips/lin" + l + "_vgg_v0.1.npy");
            double[] got = LPIPSMetric.vggFeatures().linearWeights()[l];
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 0.0, "lin" + l + "[" + i + "]");
            }
        }
    }

    @Test
    void rankingLossMatchesReference() {
        JsonNode c = named("rankloss");
        JsonNode in = c.get("inputs");
        SameDiff sd = SameDiff.create();
        SDVariable d0 = sd.placeHolder("d0", DataType.DOUBLE, -1);
        SDVariable d1 = sd.placeHolder("d1", DataType.DOUBLE, -1);
        SDVariable judge = sd.placeHolder("judge", DataType.DOUBLE, -1);
        RankingNet.Outputs out = RankingNet.build(sd, "rank", d0, d1, judge);
        // the fixture weights were generated with the same deterministic rule that RankingNet uses
        Map<String, INDArray> init = RankingNet.initialValues(DataType.DOUBLE);
        for (int j = 0; j < 3; j++) {
            INDArray w = Reference.npy(in.get("conv" + j + "_weight").asText()).castTo(DataType.DOUBLE);
            INDArray b = Reference.npy(in.get("conv" + j + "_bias").asText()).castTo(DataType.DOUBLE);
            INDArray w2 = w.reshape(w.size(0), w.size(1));
            assertEquals(w2, init.get("rank_w" + j), "rank_w" + j + " rule");
            assertEquals(b, init.get("rank_b" + j), "rank_b" + j + " rule");
            sd.getVariable("rank_w" + j).getArr().assign(w2);
            sd.getVariable("rank_b" + j).getArr().assign(b);
        }
        Map<String, INDArray> ph = Map.of("d0", Reference.npy(in.get("d0").asText()),
                "d1", Reference.npy(in.get("d1").asText()), "judge", Reference.npy(in.get("judge").asText()));
        Map<String, INDArray> r = sd.output(ph, out.loss().name(), out.probability().name());
        JsonNode exp = c.get("expected");
        Reference.assertWithin(exp.get("loss").asDouble(), r.get(out.loss().name()).getDouble(0), c.get("tolerance"), "loss");
        double[] p = r.get(out.probability().name()).toDoubleVector();
        for (int i = 0; i < p.length; i++) {
            Reference.assertWithin(exp.get("sigmoid_output").get(i).asDouble(), p[i], c.get("tolerance"), "p" + i);
        }
        double[] dd0 = Reference.doubles(in.get("d0").asText());
        double[] dd1 = Reference.doubles(in.get("d1").asText());
        double[] h = Reference.doubles(in.get("judge").asText());
        double mean = 0;
        for (int i = 0; i < h.length; i++) {
            double s = TwoAfc.score(dd0[i], dd1[i], h[i]);
            Reference.assertWithin(exp.get("score_2afc_per_sample").get(i).asDouble(), s, 1e-12, 1e-9, "2afc " + i);
            mean += s / h.length;
        }
        Reference.assertWithin(exp.get("score_2afc_mean").asDouble(), mean, 1e-12, 1e-9, "2afc mean");
    }
}
