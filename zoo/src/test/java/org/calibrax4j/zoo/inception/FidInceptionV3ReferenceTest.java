package org.calibrax4j.zoo.inception;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.calibrax4j.inception.InceptionScore;
import org.calibrax4j.io.NpyFormat;
import org.calibrax4j.testing.Reference;
import org.calibrax4j.zoo.weights.WeightMismatchException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * pytorch-fid 0.3.0's InceptionV3 with the reference fixtures' deterministic weights
 * ({@code reference/inception}, torch 1.13 / torchvision 0.14.1): pool3, logits, IS
 * probabilities and the activations block by block, within the README's tolerances.
 */
class FidInceptionV3ReferenceTest {
    private static final double REL = 1e-4;
    private static FidInceptionV3 net;
    private static JsonNode keys;
    private static JsonNode cases;

    @BeforeAll
    static void build() throws IOException {
        keys = new ObjectMapper().readTree(Reference.path("inception/state_dict_keys.json").toFile());
        cases = Reference.cases("inception").get(0);
        net = FidInceptionV3.fromStateDict(ReferenceWeights.stateDict(), "reference weights");
    }

    private static INDArray npy(String rel) {
        try {
            return NpyFormat.read(Reference.path(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** uint8 (3,H,W) → (1,3,H,W) float in [0,1], as ToTensor. */
    private static INDArray image(int i) {
        INDArray u8 = npy("inception/fidinc_img" + i + ".npy");
        return u8.castTo(DataType.FLOAT).divi(255f).reshape(1, u8.size(0), u8.size(1), u8.size(2));
    }

    private static JsonNode entries() {
        JsonNode k = keys.isArray() ? keys : keys.get("keys") != null ? keys.get("keys") : keys.get("entries");
        return k;
    }

    private static void assertClose(INDArray expected, INDArray got, double rel, String what) {
        assertArrayEquals(expected.shape(), got.shape(), what + " shape");
        INDArray e = expected.castTo(DataType.DOUBLE);
        double max = e.amaxNumber().doubleValue();
        double diff = e.sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= rel * max, what + ": max |diff| " + diff + " > " + rel + " * max " + max);
    }

    @Test
    void stateDictNamesAndShapesAreTheReferenceOnesInOrder() {
        JsonNode list = entries();
        List<String> names = new ArrayList<>(FidInceptionV3.stateDictShapes().keySet());
        assertEquals(566, list.size());
        assertEquals(list.size(), names.size());
        Iterator<Map.Entry<String, long[]>> it = FidInceptionV3.stateDictShapes().entrySet().iterator();
        for (JsonNode e : list) {
            Map.Entry<String, long[]> mine = it.next();
            assertEquals(e.get("key").asText(), mine.getKey(), "key " + e.get("k"));
            long[] shape = new long[e.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.get("shape").get(i).asLong();
            }
            assertArrayEquals(shape, mine.getValue(), mine.getKey());
        }
    }

    @Test
    void referenceWeightsMatchTheirChecksums() {
        Map<String, INDArray> sd = ReferenceWeights.stateDict();
        for (JsonNode e : entries()) {
            String key = e.get("key").asText();
            INDArray a = sd.get(key);
            if (e.get("first3") == null) {
                assertEquals(0L, a.getLong(0), key);
                continue;
            }
            float[] v = a.data().asFloat();
            for (int i = 0; i < 3; i++) {
                assertEquals((float) e.get("first3").get(i).asDouble(), v[i], 0f, key + "[" + i + "]");
            }
            assertEquals((float) e.get("last").asDouble(), v[v.length - 1], 0f, key + " last");
            double sum = 0;
            for (float f : v) {
                sum += f;
            }
            Reference.assertWithin(e.get("sum_f64").asDouble(), sum, 0, 1e-9, key + " sum");
        }
    }

    @Test
    void pool3LogitsAndIsProbabilitiesMatchPytorchFid() {
        INDArray pool3 = npy("inception/fidinc_pool3_f64.npy");
        INDArray logits = npy("inception/fidinc_logits_f64.npy");
        INDArray probs = npy("inception/fidinc_is_probs_f64.npy");
        List<INDArray> myProbs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FidInceptionV3.Outputs out = net.outputs(image(i));
            assertClose(pool3.getRow(i).reshape(1, 2048), out.pool3(), REL, "pool3 image " + i);
            assertClose(logits.getRow(i).reshape(1, 1008), out.logits(), REL, "logits image " + i);
            INDArray p = net.probabilitiesFromPool3(out.pool3());
            assertEquals(DataType.DOUBLE, p.dataType());
            assertClose(probs.getRow(i).reshape(1, 1008), p, 1e-5, "IS probabilities image " + i);
            myProbs.add(p);
        }
        double[] p = Nd4j.concat(0, myProbs.toArray(new INDArray[0])).data().asDouble();
        double is = InceptionScore.compute(p, 3, 1008, 1).mean();
        JsonNode isRef = cases.get("expected").get("inception_score");
        Reference.assertWithin(isRef.get("mean_kl").asDouble(), Math.log(is), 0, 1e-5, "mean_kl = ln IS");
    }

    @Test
    void resizedInputAndIntermediateActivationsMatchBlockByBlock() {
        Map<String, INDArray> act = net.activations(image(2));
        INDArray input = npy("inception/fidinc_img2_input299.npy");
        double diff = input.castTo(DataType.DOUBLE).sub(act.get("input").castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-6, "input299 max |diff| " + diff + " (resize weights in double)");
        for (String layer : List.of("Conv2d_1a_3x3", "maxpool1", "maxpool2", "Mixed_5d", "Mixed_6e", "Mixed_7c")) {
            assertClose(npy("inception/fidinc_img2_" + layer + ".npy"), act.get(layer), REL, layer);
        }
        JsonNode stats = cases.get("layer_stats_float64_run");
        for (String layer : List.of("Conv2d_2a_3x3", "Conv2d_2b_3x3", "Conv2d_3b_1x1", "Conv2d_4a_3x3", "Mixed_5b",
                "Mixed_5c", "Mixed_6a", "Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_7a", "Mixed_7b")) {
            JsonNode s = stats.get(layer);
            double sum = act.get(layer).castTo(DataType.DOUBLE).sumNumber().doubleValue();
            Reference.assertWithin(s.get("sum_f64").asDouble(), sum, 0, 1e-4, layer + " sum");
            Reference.assertWithin(s.get("max").asDouble(), act.get(layer).maxNumber().doubleValue(), 0, 1e-4, layer + " max");
        }
    }

    @Test
    void dl4jGraphBackendGivesTheSameActivationsAndFeatures() {
        assertEquals(FidInceptionV3.Backend.DIRECT_OPS, net.backend());
        FidInceptionV3 direct = net.withBackend(FidInceptionV3.Backend.DL4J_GRAPH);
        Map<String, INDArray> act = direct.activations(image(2));
        for (String layer : List.of("Conv2d_1a_3x3", "maxpool1", "maxpool2", "Mixed_5d", "Mixed_6e", "Mixed_7c")) {
            assertClose(npy("inception/fidinc_img2_" + layer + ".npy"), act.get(layer), REL, "graph " + layer);
        }
        FidInceptionV3.Outputs out = direct.outputs(image(0));
        assertClose(npy("inception/fidinc_pool3_f64.npy").getRow(0).reshape(1, 2048), out.pool3(), REL, "graph pool3");
        assertClose(npy("inception/fidinc_logits_f64.npy").getRow(0).reshape(1, 1008), out.logits(), REL, "graph logits");
        FidInceptionV3.Outputs viaGraph = net.outputs(image(0));
        assertClose(viaGraph.pool64(), out.pool64(), 1e-5, "pool_64");
        assertClose(viaGraph.pool192(), out.pool192(), 1e-5, "pool_192");
        assertClose(viaGraph.pool768(), out.pool768(), 1e-5, "pool_768");
    }

    /**
     * The direct backend picks NCHW + conv2d on oneDNN/GPU builds and CNHW + im2col/SGEMM on the
     * plain CPU build: both layouts are checked against pytorch-fid whichever build runs the test.
     */
    @Test
    void bothDirectLayoutsMatchPytorchFid() {
        for (DirectForward.Layout layout : DirectForward.Layout.values()) {
            FidInceptionV3 v = net.withLayout(layout);
            FidInceptionV3.Outputs out = v.outputs(image(0));
            assertClose(npy("inception/fidinc_pool3_f64.npy").getRow(0).reshape(1, 2048), out.pool3(), REL,
                    layout + " pool3 image 0");
            assertClose(npy("inception/fidinc_logits_f64.npy").getRow(0).reshape(1, 1008), out.logits(), REL,
                    layout + " logits image 0");
            Map<String, INDArray> act = v.activations(image(2));
            for (String layer : List.of("Conv2d_1a_3x3", "maxpool1", "maxpool2", "Mixed_5d", "Mixed_6e", "Mixed_7c")) {
                assertClose(npy("inception/fidinc_img2_" + layer + ".npy"), act.get(layer), REL, layout + " " + layer);
            }
            INDArray two = Nd4j.concat(0, image(2), image(2));
            assertClose(v.outputs(image(2)).pool768(), v.outputs(two).pool768().getRow(1, true), 1e-5,
                    layout + " pool_768 batch of 2 vs alone");
        }
    }

    @Test
    void resultsDoNotDependOnBatchingOrChunking() {
        INDArray two = Nd4j.concat(0, image(0), image(1));
        INDArray together = net.features(two);
        INDArray apart = Nd4j.concat(0, net.features(image(0)), net.features(image(1)));
        assertClose(apart, together, 1e-5, "batch of 2 vs one at a time");
    }

    @Test
    void rejectsImagesOutsideTheConvention() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> net.features(Nd4j.ones(DataType.FLOAT, 1, 3, 8, 8).muli(255)));
        assertTrue(range.getMessage().contains("[0, 1]") && range.getMessage().contains("255"), range.getMessage());
        IllegalArgumentException ch = assertThrows(IllegalArgumentException.class,
                () -> net.features(Nd4j.zeros(DataType.FLOAT, 1, 1, 8, 8)));
        assertTrue(ch.getMessage().contains("[1, 1, 8, 8]"), ch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.features(Nd4j.zeros(DataType.FLOAT, 3, 8, 8)));
        INDArray nan = Nd4j.zeros(DataType.FLOAT, 1, 3, 8, 8);
        nan.putScalar(5, Float.NaN);
        assertThrows(IllegalArgumentException.class, () -> net.features(nan));
    }

    @Test
    void strictImportNamesEveryProblem() {
        Map<String, INDArray> sd = ReferenceWeights.stateDict();
        sd.remove("Mixed_6b.branch7x7_2.bn.running_var");
        sd.put("AuxLogits.fc.weight", Nd4j.zeros(DataType.FLOAT, 1000, 768));
        sd.put("fc.bias", Nd4j.zeros(DataType.FLOAT, 1000));
        WeightMismatchException e = assertThrows(WeightMismatchException.class,
                () -> FidInceptionV3.fromStateDict(sd, "bad.npz"));
        assertEquals(List.of("Mixed_6b.branch7x7_2.bn.running_var"), e.missing());
        assertEquals(List.of("AuxLogits.fc.weight"), e.unexpected());
        assertEquals("fc.bias", e.wrongShape().get(0).name());
    }
}
