package org.calibrax4j.fid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.calibrax4j.testing.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;

/** Every case of reference/fid (pytorch-fid, torchmetrics and an exact nuclear-norm evaluation). */
class FIDReferenceTest {

    static Stream<JsonNode> cases() {
        return Reference.cases("fid").stream();
    }

    private static void updateInBatches(FIDMetric m, INDArray x, JsonNode sizes, boolean real) {
        int start = 0;
        for (JsonNode s : sizes) {
            INDArray batch = x.get(NDArrayIndex.interval(start, start + s.asInt()), NDArrayIndex.all());
            if (real) {
                m.updateReal(batch);
            } else {
                m.updateGenerated(batch);
            }
            start += s.asInt();
        }
        assertEquals(x.size(0), start);
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("cases")
    void streamedFeaturesMatchReference(JsonNode c) {
        INDArray real = Reference.npy(c.get("inputs").get("real").asText());
        INDArray fake = Reference.npy(c.get("inputs").get("fake").asText());
        FIDMetric m = new FIDMetric(c.get("d").asInt());
        updateInBatches(m, real, c.get("real_batch_sizes"), true);
        updateInBatches(m, fake, c.get("fake_batch_sizes"), false);
        JsonNode e = c.get("expected");
        Reference.assertWithin(e.get("fid").asDouble(), m.compute().get("fid"), c.get("tolerance"), c.get("name").asText());
        // The implementations agree with each other to the same tolerance.
        Reference.assertWithin(e.get("fid_pytorch_fid").asDouble(), m.compute().get("fid"), c.get("tolerance"), "vs pytorch-fid");
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("cases")
    void statisticsMatchNumpyMeanAndCov(JsonNode c) {
        JsonNode in = c.get("inputs");
        if (!in.has("mu_real")) {
            return; // d=2048 ships no statistics; covered by the streamed test
        }
        int d = c.get("d").asInt();
        FIDMetric m = new FIDMetric(d);
        m.update(Reference.npy(in.get("real").asText()), Reference.npy(in.get("fake").asText()));
        assertArrayClose(Reference.doubles(in.get("mu_real").asText()), m.realStatistics().mean(), 1e-12);
        assertArrayClose(Reference.doubles(in.get("sigma_real").asText()), m.realStatistics().covariance(), 1e-12);
        assertArrayClose(Reference.doubles(in.get("mu_fake").asText()), m.generatedStatistics().mean(), 1e-12);
        assertArrayClose(Reference.doubles(in.get("sigma_fake").asText()), m.generatedStatistics().covariance(), 1e-12);
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("cases")
    void fromStatisticsMatchesReference(JsonNode c) {
        JsonNode in = c.get("inputs");
        if (!in.has("mu_real")) {
            return;
        }
        double fid = FIDMetric.fromStatistics(Reference.doubles(in.get("mu_real").asText()),
                Reference.doubles(in.get("sigma_real").asText()), Reference.doubles(in.get("mu_fake").asText()),
                Reference.doubles(in.get("sigma_fake").asText()));
        Reference.assertWithin(c.get("expected").get("fid_exact_from_stats_eigh").asDouble(), fid, c.get("tolerance"),
                c.get("name").asText());
    }

    static void assertArrayClose(double[] expected, double[] got, double rel) {
        assertEquals(expected.length, got.length);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], rel * scale, "index " + i);
        }
    }
}
