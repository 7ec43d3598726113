package org.calibrax4j.zoo.vgg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calibrax4j.io.NpzArchive;
import org.calibrax4j.testing.Reference;
import org.calibrax4j.zoo.weights.WeightMismatchException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The VGG16 trunk against {@code reference/lpips} case {@code vgg_det} (torchvision 0.14.1 VGG16
 * features filled by the deterministic SplittableRandom rule): the rule itself, and the activations of
 * every tap (tolerance: 1e-4 of each layer's maximum).
 */
class VGG16TrunkTest {
    private static VGG16Trunk trunk;
    private static JsonNode vggCase;

    @BeforeAll
    static void build() {
        trunk = VGG16Trunk.fromStateDict(VGG16Trunk.deterministicWeights(), "deterministic rule");
        vggCase = Reference.cases("lpips").stream().filter(c -> c.get("name").asText().equals("vgg_det"))
                .findFirst().orElseThrow();
    }

    @Test
    void deterministicWeightsFollowTheDocumentedRule() {
        Map<String, INDArray> w = VGG16Trunk.deterministicWeights();
        for (JsonNode conv : vggCase.get("vgg_conv_weights")) {
            int k = conv.get("conv_index").asInt();
            INDArray wk = w.get("features." + VGG16Trunk.TORCH_INDEX[k] + ".weight").castTo(DataType.DOUBLE);
            INDArray bk = w.get("features." + VGG16Trunk.TORCH_INDEX[k] + ".bias").castTo(DataType.DOUBLE);
            long[] shape = new long[4];
            for (int i = 0; i < 4; i++) {
                shape[i] = conv.get("shape").get(i).asLong();
            }
            assertArrayEquals(shape, wk.shape(), "conv " + k);
            double[] flat = wk.reshape(-1).toDoubleVector();
            for (int i = 0; i < 5; i++) {
                assertEquals(conv.get("weight_first5").get(i).asDouble(), flat[i], 0.0, "conv " + k + " w[" + i + "]");
                assertEquals(conv.get("bias_first5").get(i).asDouble(), bk.getDouble(i), 0.0, "conv " + k + " b[" + i + "]");
            }
            assertEquals(conv.get("weight_last").asDouble(), flat[flat.length - 1], 0.0);
            Reference.assertWithin(conv.get("weight_sum_f64").asDouble(), wk.sumNumber().doubleValue(), 1e-9, 1e-9, "sum " + k);
            Reference.assertWithin(conv.get("weight_abs_sum_f64").asDouble(), wk.norm1Number().doubleValue(), 1e-9, 1e-9, "abs " + k);
            Reference.assertWithin(conv.get("bias_sum_f64").asDouble(), bk.sumNumber().doubleValue(), 1e-9, 1e-9, "bias " + k);
        }
    }

    @Test
    void tapActivationsMatchTorchvision() {
        double tol = vggCase.get("tolerance").get("features_rel_to_layer_max").asDouble();
        for (int side = 0; side < 2; side++) {
            INDArray x = Reference.npy(vggCase.get("intermediates").get("scaled_in" + side).asText());
            Map<String, INDArray> taps = trunk.taps(x);
            assertEquals(VGG16Trunk.TAPS, List.copyOf(taps.keySet()));
            for (String tap : VGG16Trunk.TAPS) {
                INDArray want = Reference.npy(vggCase.get("intermediates").get("feats" + side + "_" + tap).asText());
                INDArray got = taps.get(tap);
                assertArrayEquals(want.shape(), got.shape(), tap);
                double max = want.amaxNumber().doubleValue();
                double diff = want.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
                assertTrue(max > 0, tap);
                assertTrue(diff <= tol * max, String.format("side %d %s: max |diff| %.3g > %.3g", side, tap, diff, tol * max));
            }
        }
    }

    @Test
    void dl4jLayersBackendGivesTheSameTaps() {
        VGG16Trunk sdTrunk = VGG16Trunk.fromStateDict(VGG16Trunk.deterministicWeights(), "det", VGG16Trunk.Backend.DL4J_LAYERS);
        INDArray x = Reference.npy(vggCase.get("intermediates").get("scaled_in0").asText());
        Map<String, INDArray> a = trunk.taps(x);
        Map<String, INDArray> b = sdTrunk.taps(x);
        for (String tap : VGG16Trunk.TAPS) {
            double max = a.get(tap).amaxNumber().doubleValue();
            double diff = a.get(tap).sub(b.get(tap)).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-5 * max, tap + ": " + diff);
        }
        assertEquals(VGG16Trunk.Backend.DL4J_LAYERS, sdTrunk.backend());
        assertEquals(VGG16Trunk.Backend.SAMEDIFF, trunk.backend());
    }

    @Test
    void importIsStrictAndReportsEveryProblemAtOnce() {
        Map<String, INDArray> w = new LinkedHashMap<>(VGG16Trunk.deterministicWeights());
        w.remove("features.5.weight");
        w.put("features.2.bias", Nd4j.zeros(DataType.FLOAT, 63));
        w.put("features.99.weight", Nd4j.zeros(DataType.FLOAT, 1));
        WeightMismatchException e = assertThrows(WeightMismatchException.class,
                () -> VGG16Trunk.fromStateDict(w, "test map"));
        String msg = e.getMessage();
        assertTrue(msg.contains("features.5.weight") && msg.contains("features.2.bias") && msg.contains("features.99.weight"), msg);
    }

    @Test
    void classifierHeadOfAFullStateDictIsIgnoredAndNpzFilesLoad(@TempDir Path dir) throws Exception {
        Map<String, INDArray> w = new LinkedHashMap<>(VGG16Trunk.deterministicWeights());
        w.put("classifier.6.bias", Nd4j.zeros(DataType.FLOAT, 1000));
        Path f = dir.resolve("vgg16.npz");
        NpzArchive.write(f, w);
        VGG16Trunk loaded = VGG16Trunk.fromFile(f, null);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 16, 16);
        assertEquals(trunk.taps(x).get("relu5_3"), loaded.taps(x).get("relu5_3"));
        assertArrayEquals(new long[]{1, 512, 1, 1}, loaded.taps(x).get("relu5_3").shape());
    }

    @Test
    void rejectsImagesTooSmallOrNotRgb() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> trunk.taps(Nd4j.zeros(DataType.FLOAT, 1, 3, 15, 32)));
        assertTrue(small.getMessage().contains("16x16") && small.getMessage().contains("15"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> trunk.taps(Nd4j.zeros(DataType.FLOAT, 1, 1, 32, 32)));
        INDArray nan = Nd4j.zeros(DataType.FLOAT, 1, 3, 16, 16);
        nan.putScalar(3, Float.NaN);
        assertThrows(IllegalArgumentException.class, () -> trunk.taps(nan));
        assertEquals(16, trunk.minInputSize());
        assertEquals(26, VGG16Trunk.expectedShapes().size());
    }
}
