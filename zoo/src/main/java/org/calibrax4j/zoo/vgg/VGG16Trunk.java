package org.calibrax4j.zoo.vgg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.calibrax4j.backbone.TapExtractor;
import org.calibrax4j.zoo.weights.StrictWeights;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The convolutional trunk of VGG16 (Simonyan &amp; Zisserman 2015), i.e. the DL4J zoo's {@code VGG16}
 * up to its 13th convolution ({@code relu5_3}; the zoo's vertex "16"), without the dense head: 13
 * 3×3 convolutions (stride 1, padding 1, fused ReLU) in five blocks of 2, 2, 3, 3, 3 separated by
 * 2×2/2 max-pools, as torchvision's {@code vgg16().features[0:30]} and {@code lpips.pretrained_networks.vgg16}.
 *
 * <p>Taps carry real names: {@code relu1_2} (64 channels, H×W), {@code relu2_2} (128, H/2),
 * {@code relu3_3} (256, H/4), {@code relu4_3} (512, H/8), {@code relu5_3} (512, H/16); images must be
 * at least 16×16. All taps come out of one forward pass.
 *
 * <p><b>Input convention</b>: N×3×H×W float, <b>RGB</b> channel order, already normalised the way the
 * weights were trained (for torchvision/LPIPS weights: LPIPS's ScalingLayer, which
 * {@code LPIPSMetric} applies itself). The DL4J zoo's own ImageNet weights expect caffe-style BGR
 * minus the mean pixel; they are not used here.
 *
 * <p><b>Weights</b> are keyed by torchvision {@code state_dict} names ({@code features.0.weight},
 * {@code features.0.bias}, ..., {@code features.28.bias}; see {@link #expectedShapes()}), conv weights
 * in PyTorch's (out, in, kH, kW) layout. DL4J's {@code ConvolutionLayer} keeps W as (out, in, kH, kW)
 * too and b as (1, out), so the import copies weights as they are and reshapes the biases. Import is
 * strict ({@link StrictWeights}): every missing, unexpected or wrongly shaped tensor is reported at once;
 * only the classifier head ({@code classifier.*}) of a full torchvision state_dict is ignored.
 */
public final class VGG16Trunk implements TapExtractor {
    /** Tap names, in network order. */
    public static final List<String> TAPS = List.of("relu1_2", "relu2_2", "relu3_3", "relu4_3", "relu5_3");
    /** Channels of each tap. */
    public static final int[] TAP_CHANNELS = {64, 128, 256, 512, 512};
    /** torchvision {@code features} indices of the 13 convolutions. */
    static final int[] TORCH_INDEX = {0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28};
    /** Output channels of the 13 convolutions. */
    static final int[] OUT = {64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};
    /** Convolutions per block. */
    private static final int[] BLOCKS = {2, 2, 3, 3, 3};
    /** Model name used in weight-import messages. */
    public static final String NAME = "vgg16";

    /** How the trunk runs: DL4J layers (a ComputationGraph) or SameDiff conv ops; same weights, same taps. */
    public enum Backend {
        /** A DL4J {@code ComputationGraph} of {@code ConvolutionLayer}/{@code SubsamplingLayer}. */
        DL4J_LAYERS,
        /** A SameDiff graph of {@code conv2d} (OIHW weights, as torch) and {@code maxPooling2d} ops. */
        SAMEDIFF
    }

    /**
     * The backend {@link #fromStateDict(Map, String)} uses: SameDiff, measured 0.74–0.80× the time of
     * the DL4J layers for 16 images of 64×64 on 2 cores (see the README's benchmark figures).
     */
    public static final Backend DEFAULT_BACKEND = Backend.SAMEDIFF;

    private final Backend backend;
    private ComputationGraph graph;
    private SameDiff sd;
    private final String[] convNames = new String[13];

    private VGG16Trunk(Map<String, INDArray> checked, Backend backend) {
        this.backend = backend;
        if (backend == Backend.SAMEDIFF) {
            buildSameDiff(checked);
            return;
        }
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT);
        ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder().addInputs("in");
        String prev = "in";
        int k = 0;
        int in = 3;
        for (int block = 0; block < BLOCKS.length; block++) {
            if (block > 0) {
                String pool = "pool" + block;
                g.addLayer(pool, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).convolutionMode(ConvolutionMode.Truncate).build(), prev);
                prev = pool;
            }
            for (int j = 0; j < BLOCKS[block]; j++) {
                // the last conv of each block is the tap: name the vertex after its ReLU output
                String name = j == BLOCKS[block] - 1 ? TAPS.get(block) : "conv" + (block + 1) + "_" + (j + 1);
                g.addLayer(name, new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).nIn(in).nOut(OUT[k])
                        .activation(Activation.RELU).build(), prev);
                convNames[k] = name;
                prev = name;
                in = OUT[k];
                k++;
            }
        }
        g.setOutputs(TAPS.toArray(new String[0]));
        g.setInputTypes(InputType.convolutional(224, 224, 3));
        graph = new ComputationGraph(g.build());
        graph.init();
        for (int i = 0; i < 13; i++) {
            var layer = graph.getLayer(convNames[i]);
            INDArray w = checked.get("features." + TORCH_INDEX[i] + ".weight");
            INDArray b = checked.get("features." + TORCH_INDEX[i] + ".bias");
            INDArray wp = layer.getParam("W");
            INDArray bp = layer.getParam("b");
            wp.assign(w.castTo(DataType.FLOAT).reshape(wp.shape()));
            bp.assign(b.castTo(DataType.FLOAT).reshape(bp.shape()));
        }
    }

    private void buildSameDiff(Map<String, INDArray> checked) {
        sd = SameDiff.create();
        SDVariable x = sd.placeHolder("in", DataType.FLOAT, -1, 3, -1, -1);
        Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).dH(1).dW(1)
                .dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX).build();
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).pH(0).pW(0).dH(1).dW(1)
                .type(Pooling2D.Pooling2DType.MAX).isNHWC(false).build();
        int k = 0;
        for (int block = 0; block < BLOCKS.length; block++) {
            if (block > 0) {
                x = sd.cnn.maxPooling2d("pool" + block, x, pool);
            }
            for (int j = 0; j < BLOCKS[block]; j++) {
                SDVariable w = sd.constant("w" + k, checked.get("features." + TORCH_INDEX[k] + ".weight").castTo(DataType.FLOAT).dup('c'));
                SDVariable b = sd.constant("b" + k, checked.get("features." + TORCH_INDEX[k] + ".bias").castTo(DataType.FLOAT).reshape(OUT[k]).dup('c'));
                String name = j == BLOCKS[block] - 1 ? TAPS.get(block) : "conv" + (block + 1) + "_" + (j + 1);
                x = sd.nn.relu(name, sd.cnn.conv2d(x, w, b, conv), 0);
                convNames[k] = name;
                k++;
            }
        }
    }

    /** The expected torchvision tensor names and shapes, in network order. */
    public static Map<String, long[]> expectedShapes() {
        Map<String, long[]> m = new LinkedHashMap<>();
        int in = 3;
        for (int i = 0; i < 13; i++) {
            m.put("features." + TORCH_INDEX[i] + ".weight", new long[]{OUT[i], in, 3, 3});
            m.put("features." + TORCH_INDEX[i] + ".bias", new long[]{OUT[i]});
            in = OUT[i];
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The trunk with the given weights (strict, see the class comment).
     *
     * @param source where the tensors came from, for messages
     * @throws org.calibrax4j.zoo.weights.WeightMismatchException listing every missing, unexpected
     *         and wrongly shaped tensor
     */
    public static VGG16Trunk fromStateDict(Map<String, INDArray> tensors, String source) {
        return fromStateDict(tensors, source, DEFAULT_BACKEND);
    }

    /** As {@link #fromStateDict(Map, String)} with a chosen backend. */
    public static VGG16Trunk fromStateDict(Map<String, INDArray> tensors, String source, Backend backend) {
        Map<String, INDArray> trunkOnly = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (!k.startsWith("classifier.")) {
                trunkOnly.put(k, v);
            }
        });
        return new VGG16Trunk(StrictWeights.check(NAME, source, trunkOnly, expectedShapes()), backend);
    }

    /**
     * The trunk with weights from a {@code .npz} or {@code .safetensors} file of a torchvision VGG16
     * {@code state_dict} (e.g. written by {@code numpy.savez(f, **{k: v.numpy() for k, v in sd.items()})}).
     *
     * @param sha256 expected SHA-256 of the file, or {@code null} to skip the check
     */
    public static VGG16Trunk fromFile(Path file, String sha256) throws IOException {
        return fromStateDict(StrictWeights.read(file, sha256), file.toString());
    }

    /**
     * The deterministic, untrained weights of the reference fixtures ({@code reference/lpips}, case
     * {@code vgg_det}): conv k (k = 0..12) has W[i] = (float)(√(6/(9·C_in))·(2u_i − 1)) with u_i the i-th
     * {@code nextDouble()} of {@code new SplittableRandom(1000 + k)} in C order over (out, in, kH, kW),
     * and b[j] = (float)(0.1·(2u_j − 1)) from {@code SplittableRandom(2000 + k)}. For tests, benchmarks
     * and examples where no trained weights may be downloaded; it is not a perceptual network.
     */
    public static Map<String, INDArray> deterministicWeights() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, long[]> e : expectedShapes().entrySet()) {
            long[] s = e.getValue();
            boolean weight = e.getKey().endsWith(".weight");
            int conv = k / 2;
            int n = (int) Arrays.stream(s).reduce(1, (x, y) -> x * y);
            SplittableRandom r = new SplittableRandom((weight ? 1000 : 2000) + conv);
            double scale = weight ? Math.sqrt(6.0 / (s[1] * 9)) : 0.1;
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (scale * (2.0 * r.nextDouble() - 1.0));
            }
            m.put(e.getKey(), Nd4j.create(v, s, 'c'));
            k++;
        }
        return m;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tapNames() {
        return TAPS;
    }

    @Override
    public int[] tapChannels() {
        return TAP_CHANNELS.clone();
    }

    @Override
    public int inputChannels() {
        return 3;
    }

    /** 16: four 2×2 pools before {@code relu5_3}. */
    @Override
    public int minInputSize() {
        return 16;
    }

    /**
     * @throws IllegalArgumentException unless images are finite N×3×H×W floats with H, W ≥ 16
     */
    @Override
    public Map<String, INDArray> taps(INDArray images) {
        if (images == null || images.rank() != 4 || images.size(1) != 3) {
            throw new IllegalArgumentException(NAME + ": images must be N x 3 x H x W (RGB), got "
                    + (images == null ? "null" : Arrays.toString(images.shape())));
        }
        if (images.size(0) == 0 || images.size(2) < 16 || images.size(3) < 16) {
            throw new IllegalArgumentException(NAME + ": images must be at least 16x16 (four 2x2 pools), got shape "
                    + Arrays.toString(images.shape()));
        }
        if (!images.dataType().isFPType() || !Double.isFinite(images.sumNumber().doubleValue())) {
            throw new IllegalArgumentException(NAME + ": images must be finite floats, got " + images.dataType()
                    + (images.dataType().isFPType() ? " with NaN/Inf" : ""));
        }
        Map<String, INDArray> m = new LinkedHashMap<>();
        if (backend == Backend.SAMEDIFF) {
            Map<String, INDArray> r = sd.output(Map.of("in", images.castTo(DataType.FLOAT)), TAPS.toArray(new String[0]));
            for (String t : TAPS) {
                m.put(t, r.get(t));
            }
            return m;
        }
        INDArray[] out = graph.output(false, images.castTo(DataType.FLOAT));
        for (int i = 0; i < TAPS.size(); i++) {
            m.put(TAPS.get(i), out[i]);
        }
        return m;
    }

    /** The backend this trunk runs on. */
    public Backend backend() {
        return backend;
    }
}
