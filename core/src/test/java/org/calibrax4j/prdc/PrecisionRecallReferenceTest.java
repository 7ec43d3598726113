package org.calibrax4j.prdc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.calibrax4j.testing.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Every case and every k of reference/prdc (clovaai prdc {@code compute_prdc}, float64 recount;
 * Kynkäänniemi's closed-ball variant as {@code kynkaanniemi_2019} / {@code closed_ball_all}).
 */
class PrecisionRecallReferenceTest {

    static Stream<Arguments> casesAndK() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : Reference.cases("prdc")) {
            for (JsonNode k : c.get("nearest_k")) {
                out.add(Arguments.of(c.get("name").asText() + " k=" + k.asInt(), c, k.asInt()));
            }
        }
        return out.stream();
    }

    private static PrecisionRecallMetric fed(JsonNode c, PrecisionRecallConfig config) {
        INDArray real = Reference.npy(c.get("inputs").get("real").asText());
        INDArray fake = Reference.npy(c.get("inputs").get("fake").asText());
        PrecisionRecallMetric m = new PrecisionRecallMetric(c.get("d").asInt(), config);
        long half = real.size(0) / 2;
        m.update(real.get(NDArrayIndex.interval(0, half)), fake);
        m.updateReal(real.get(NDArrayIndex.interval(half, real.size(0))));
        return m;
    }

    private static void assertCounts(JsonNode counts, ManifoldCounts got, String what) {
        assertEquals(counts.get("precision_num").asLong(), got.precisionCount(), what + " precision_num");
        assertEquals(counts.get("recall_num").asLong(), got.recallCount(), what + " recall_num");
        assertEquals(counts.get("density_num").asLong(), got.densityCount(), what + " density_num");
        assertEquals(counts.get("coverage_num").asLong(), got.coverageCount(), what + " coverage_num");
        assertEquals(counts.get("n_real").asInt(), got.realCount());
        assertEquals(counts.get("n_fake").asInt(), got.fakeCount());
    }

    private static void assertValues(JsonNode e, ManifoldCounts got, JsonNode tol, String what) {
        Reference.assertWithin(e.get("precision").asDouble(), got.precision(), tol, what + " precision");
        Reference.assertWithin(e.get("recall").asDouble(), got.recall(), tol, what + " recall");
        Reference.assertWithin(e.get("density").asDouble(), got.density(), tol, what + " density");
        Reference.assertWithin(e.get("coverage").asDouble(), got.coverage(), tol, what + " coverage");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesAndK")
    void openBallsMatchPrdc(String name, JsonNode c, int k) {
        JsonNode e = c.get("expected").get("k" + k);
        PrecisionRecallMetric m = fed(c, PrecisionRecallConfig.withNearestK(k));
        ManifoldCounts got = m.counts();
        assertCounts(e.get("counts"), got, name);
        assertValues(e, got, c.get("tolerance"), name);
        var r = m.compute();
        Reference.assertWithin(e.get("density").asDouble(), r.get(PrecisionRecallMetric.DENSITY), c.get("tolerance"), name);
        // the raw prdc output: precision/recall/coverage identical, density within 1 ulp
        JsonNode raw = e.get("prdc_reference");
        Reference.assertWithin(raw.get("precision").asDouble(), r.get(PrecisionRecallMetric.PRECISION), c.get("tolerance"), name);
        Reference.assertWithin(raw.get("density").asDouble(), r.get(PrecisionRecallMetric.DENSITY), c.get("tolerance"), name);
        Reference.assertWithin(raw.get("recall").asDouble(), r.get(PrecisionRecallMetric.RECALL), c.get("tolerance"), name);
        Reference.assertWithin(raw.get("coverage").asDouble(), r.get(PrecisionRecallMetric.COVERAGE), c.get("tolerance"), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesAndK")
    void perSampleMembershipsAndRadiiMatch(String name, JsonNode c, int k) {
        JsonNode e = c.get("expected").get("k" + k);
        ManifoldCounts got = fed(c, PrecisionRecallConfig.withNearestK(k)).counts();
        JsonNode ps = e.get("per_sample");
        assertIntArray(ps.get("fake_in_real_balls"), got.fakeInRealBalls(), name + " fake_in_real_balls");
        assertIntArray(ps.get("real_ball_fake_count"), got.realBallFakeCount(), name + " real_ball_fake_count");
        assertIntArray(ps.get("real_in_fake_balls"), got.realInFakeBalls(), name + " real_in_fake_balls");
        int row = e.get("radii_row").asInt();
        double rel = c.get("tolerance").get("radii").get("rel").asDouble();
        assertRadii(Reference.npy(c.get("inputs").get("real_radii").asText()), row, got.realRadii(), rel, name + " real radii");
        assertRadii(Reference.npy(c.get("inputs").get("fake_radii").asText()), row, got.fakeRadii(), rel, name + " fake radii");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesAndK")
    void closedBallsMatchKynkaanniemi(String name, JsonNode c, int k) {
        JsonNode e = c.get("expected").get("k" + k);
        ManifoldCounts got = fed(c, new PrecisionRecallConfig(k, true, 0, 0)).counts();
        JsonNode closed = e.get("closed_ball_all");
        assertCounts(closed.get("counts"), got, name + " closed");
        assertValues(closed, got, c.get("tolerance"), name + " closed");
        JsonNode ky = e.get("kynkaanniemi_2019");
        Reference.assertWithin(ky.get("precision").asDouble(), got.precision(), c.get("tolerance"), name + " kynkaanniemi precision");
        Reference.assertWithin(ky.get("recall").asDouble(), got.recall(), c.get("tolerance"), name + " kynkaanniemi recall");
    }

    private static void assertIntArray(JsonNode expected, int[] got, String what) {
        assertEquals(expected.size(), got.length, what);
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected.get(i).asInt(), got[i], what + " [" + i + "]");
        }
    }

    private static void assertRadii(INDArray radii, int row, double[] got, double rel, String what) {
        double[] expected = radii.getRow(row).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup().data().asDouble();
        assertEquals(expected.length, got.length, what);
        for (int i = 0; i < got.length; i++) {
            Reference.assertWithin(expected[i], got[i], 0.0, rel, what + " [" + i + "]");
        }
    }
}
