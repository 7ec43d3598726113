package org.calibrax4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.calibrax4j.io.NpyFormat;
import org.calibrax4j.learned.lpips.LPIPSMetric;
import org.calibrax4j.zoo.vgg.VGG16Trunk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * LPIPS's full image → distance path (ScalingLayer → VGG16 trunk → normalised, weighted differences)
 * against {@code reference/lpips} case {@code vgg_det} (lpips v0.1 with torchvision 0.14.1 VGG16
 * filled by the deterministic SplittableRandom rule, v0.1 linear weights), layer by layer; and the
 * image-path properties. It lives in the cli module, the first that sees both {@code learned} and
 * {@code zoo}.
 */
class LpipsImagePathReferenceTest {
    private static final JsonNode CASE = Cli.referenceCase("lpips", "vgg_det");
    private static VGG16Trunk trunk;
    private static LPIPSMetric lpips;

    @BeforeAll
    static void build() {
        trunk = VGG16Trunk.fromStateDict(VGG16Trunk.deterministicWeights(), "deterministic rule");
        lpips = LPIPSMetric.builder().trunk(trunk).build();
    }

    private static INDArray fixture(String key) throws IOException {
        JsonNode n = CASE.get("inputs").has(key) ? CASE.get("inputs").get(key) : CASE.get("intermediates").get(key);
        return NpyFormat.read(Cli.reference(n.asText()));
    }

    @Test
    void imageDistancesAndLayerTermsMatchReference() throws IOException {
        LPIPSMetric.Distances d = lpips.imageDistances(fixture("in0"), fixture("in1"));
        JsonNode exp = CASE.get("expected");
        JsonNode tol = CASE.get("tolerance");
        for (int i = 0; i < 3; i++) {
            Cli.assertWithin(exp.get("distance").get(i).asDouble(), d.distance()[i], tol, "distance " + i);
            for (int l = 0; l < 5; l++) {
                Cli.assertWithin(exp.get("per_layer").get(l).get(i).asDouble(), d.perLayer()[l][i], tol,
                        "layer " + l + " pair " + i);
            }
        }
        assertEquals(0.0, d.distance()[2], 0.0, "identical pair");
        lpips.update(fixture("in0"), fixture("in1"));
        double mean = (exp.get("distance").get(0).asDouble() + exp.get("distance").get(1).asDouble()) / 3;
        Cli.assertWithin(mean, lpips.compute().get("lpips"), tol, "mean");
        lpips.reset();
    }

    @Test
    void scalingLayerAndEveryTapMatchReference() throws IOException {
        double rel = CASE.get("tolerance").get("features_rel_to_layer_max").asDouble();
        for (int side = 0; side < 2; side++) {
            INDArray x = fixture("in" + side);
            INDArray scaled = lpips.scaled(x);
            INDArray want = fixture("scaled_in" + side);
            assertTrue(maxDiff(want, scaled) <= 1e-6 * want.amaxNumber().doubleValue(), "scaled_in" + side);
            INDArray[] taps = lpips.tapFeatures(x);
            for (int l = 0; l < 5; l++) {
                String tap = LPIPSMetric.VGG_TAPS.get(l);
                INDArray w = fixture("feats" + side + "_" + tap);
                assertArrayEquals(w.shape(), taps[l].shape(), tap);
                double diff = maxDiff(w, taps[l]);
                assertTrue(diff <= rel * w.amaxNumber().doubleValue(), side + " " + tap + ": " + diff);
            }
        }
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @Test
    void normalizeOnXEqualsPlainOnTwoXMinusOneAndDistanceIsSymmetric() throws IOException {
        INDArray x0 = fixture("in0").get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).dup();
        INDArray x1 = fixture("in1").get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).dup();
        INDArray u0 = x0.add(1).div(2);
        INDArray u1 = x1.add(1).div(2);
        LPIPSMetric unit = LPIPSMetric.builder().trunk(trunk).normalize(true).build();
        double[] a = unit.imageDistances(u0, u1).distance();
        double[] b = lpips.imageDistances(u0.mul(2).sub(1), u1.mul(2).sub(1)).distance();
        assertArrayEquals(b, a, 1e-6);
        assertArrayEquals(lpips.imageDistances(x0, x1).distance(), lpips.imageDistances(x1, x0).distance(), 1e-6);
        for (double v : lpips.imageDistances(x0, x0).distance()) {
            assertEquals(0.0, v, 0.0);
        }
    }

    @Test
    void rejectsOutOfRangeMismatchedAndTooSmallImages() throws IOException {
        INDArray x = fixture("in0");
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> lpips.update(x.mul(1.5), x));
        assertTrue(range.getMessage().contains("images0") && range.getMessage().contains("[-1, 1]")
                && range.getMessage().contains("normalize"), range.getMessage());
        LPIPSMetric unit = LPIPSMetric.builder().trunk(trunk).normalize(true).build();
        IllegalArgumentException unitRange = assertThrows(IllegalArgumentException.class, () -> unit.update(x, x));
        assertTrue(unitRange.getMessage().contains("[0, 1]"), unitRange.getMessage());
        INDArray small = Nd4j.zeros(DataType.FLOAT, 1, 3, 12, 12);
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class, () -> lpips.update(small, small));
        assertTrue(tiny.getMessage().contains("too small") && tiny.getMessage().contains("16x16"), tiny.getMessage());
        INDArray other = Nd4j.zeros(DataType.FLOAT, 3, 3, 32, 16);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> lpips.update(x, other));
        assertTrue(size.getMessage().contains("same shape"), size.getMessage());
        INDArray grey = Nd4j.zeros(DataType.FLOAT, 1, 1, 32, 32);
        assertThrows(IllegalArgumentException.class, () -> lpips.update(grey, grey));
        assertEquals(0, lpips.pairCount(), "failed updates leave the state untouched");
    }
}
