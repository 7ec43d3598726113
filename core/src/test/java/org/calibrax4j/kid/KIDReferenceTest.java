package org.calibrax4j.kid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.calibrax4j.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Every case of reference/kid (torchmetrics 1.9.0 {@code KernelInceptionDistance} draws, float64
 * numpy values) and the KID of reference/fashion_mnist.
 */
class KIDReferenceTest {

    static Stream<JsonNode> cases() {
        return Reference.cases("kid").stream();
    }

    static int[][] indices(String file) {
        INDArray a = Reference.npy(file);
        long[][] l = a.toLongMatrix();
        int[][] out = new int[l.length][];
        for (int i = 0; i < l.length; i++) {
            out[i] = new int[l[i].length];
            for (int j = 0; j < l[i].length; j++) {
                out[i][j] = Math.toIntExact(l[i][j]);
            }
        }
        return out;
    }

    private static KIDMetric metricFor(JsonNode c, boolean full) {
        KIDConfig config = KIDConfig.builder().subsets(c.get("subsets").asInt()).subsetSize(c.get("subset_size").asInt())
                .degree(c.get("degree").asInt()).coef(c.get("coef").asDouble()).fullSet(full).build();
        KIDMetric m = new KIDMetric(c.get("d").asInt(), config);
        assertEquals(c.get("gamma").asDouble(), m.kernel().gamma(), 0.0, "default gamma = 1/d");
        INDArray real = Reference.npy(c.get("inputs").get("real").asText());
        INDArray fake = Reference.npy(c.get("inputs").get("fake").asText());
        // stream in uneven batches: storage must keep arrival order for the indices to apply
        int n = (int) real.size(0);
        m.update(real.get(NDArrayIndex.interval(0, n / 3)), fake.get(NDArrayIndex.interval(0, 7)));
        m.update(real.get(NDArrayIndex.interval(n / 3, n)), null);
        m.updateGenerated(fake.get(NDArrayIndex.interval(7, fake.size(0))));
        return m;
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("cases")
    void givenTorchmetricsSubsetsReproducePerSubsetValues(JsonNode c) {
        KIDMetric m = metricFor(c, true);
        KIDEstimate e = m.estimate(indices(c.get("inputs").get("subset_idx_real").asText()),
                indices(c.get("inputs").get("subset_idx_fake").asText()));
        JsonNode x = c.get("expected");
        JsonNode tol = c.get("tolerance");
        String name = c.get("name").asText();
        double[] got = e.perSubset();
        assertEquals(x.get("per_subset_mmd2").size(), got.length);
        for (int s = 0; s < got.length; s++) {
            Reference.assertWithin(x.get("per_subset_mmd2").get(s).asDouble(), got[s], tol, name + " subset " + s);
        }
        Reference.assertWithin(x.get("kid_mean").asDouble(), e.mean(), tol, name + " kid_mean");
        Reference.assertWithin(x.get("kid_std").asDouble(), e.std(), tol, name + " kid_std (population)");
        Reference.assertWithin(x.get("full_set_unbiased_mmd2").asDouble(), e.full(), tol, name + " full set");
        Reference.assertWithin(x.get("full_set_unbiased_mmd2").asDouble(), m.fullSetValue(), tol, name + " fullSetValue()");
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("cases")
    void inlineIndicesInCasesJsonEqualTheNpyFiles(JsonNode c) {
        int[][] fromNpy = indices(c.get("inputs").get("subset_idx_real").asText());
        JsonNode inline = c.get("subset_idx_real");
        assertEquals(fromNpy.length, inline.size());
        for (int s = 0; s < fromNpy.length; s++) {
            for (int j = 0; j < fromNpy[s].length; j++) {
                assertEquals(inline.get(s).get(j).asInt(), fromNpy[s][j]);
            }
        }
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("cases")
    void fullSetFunctionalFormMatchesReference(JsonNode c) {
        INDArray real = Reference.npy(c.get("inputs").get("real").asText());
        INDArray fake = Reference.npy(c.get("inputs").get("fake").asText());
        double got = KIDMetric.unbiasedMmd2(real, fake, PolynomialKernel.kidDefault(c.get("d").asInt()));
        Reference.assertWithin(c.get("expected").get("full_set_unbiased_mmd2").asDouble(), got, c.get("tolerance"),
                c.get("name").asText());
    }

    @Test
    void fashionMnistFullSetKidMatchesReference() {
        JsonNode c = Reference.cases("fashion_mnist").get(0);
        INDArray test = Reference.npy(c.get("inputs").get("features_test").asText());
        INDArray train = Reference.npy(c.get("inputs").get("features_train").asText());
        KIDMetric m = new KIDMetric(49, KIDConfig.builder().fullSet(true).build());
        m.update(test, train);
        double expected = c.get("expected").get("kid_full_set_unbiased_mmd2").asDouble();
        Reference.assertWithin(expected, m.fullSetValue(), c.get("tolerance"), "fashion_mnist kid full set");
        // 1000 rows per side and subsetSize 1000: every subset is a permutation of all rows
        MetricResultCheck.assertClose(expected, m.compute().get(KIDMetric.KID_MEAN), 1e-7);
        Reference.assertWithin(expected, m.compute().get(KIDMetric.KID_FULL), c.get("tolerance"), "kid_full");
    }

    /** Local helper for a relative check. */
    static final class MetricResultCheck {
        static void assertClose(double expected, double got, double rel) {
            Reference.assertWithin(expected, got, 1e-12, rel, "value");
        }
    }
}
