package org.calibrax4j.zoo.inception;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.calibrax4j.backbone.BackboneOutput;
import org.calibrax4j.backbone.FeatureExtractor;
import org.calibrax4j.zoo.weights.StrictWeights;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The FID variant of InceptionV3 (pytorch-fid 0.3.0 {@code InceptionV3(resize_input=True,
 * normalize_input=True, use_fid_inception=True)}, the network of TTUR's FID and of
 * torchmetrics/torch-fidelity), as a frozen DL4J {@link ComputationGraph} behind
 * {@link FeatureExtractor}.
 *
 * <p><b>Input</b>: N×3×H×W float RGB images with values in [0, 1] (uint8/255), any H×W. Inside,
 * images are resized to 299×299 ({@link BilinearResize}, align_corners=False, no antialias) and
 * scaled to [−1, 1] by x ↦ 2x − 1, as pytorch-fid does.
 *
 * <p><b>Outputs</b>: {@link #features} = {@code pool3} (2048, the spatial mean of Mixed_7c, what
 * FID uses); {@code logits} = fc(pool3) with bias (1008, torchvision's forward); the 64/192/768-wide
 * taps of torchmetrics' {@code feature=64/192/768} (spatial means of maxpool1, maxpool2, Mixed_6e).
 * {@link #classProbabilities} = softmax over all 1008 columns of pool3·Wᵀ <em>without</em> the fc
 * bias, the Inception Score convention of torchmetrics ({@code feature='logits_unbiased'}),
 * torch-fidelity and the original improved-gan code, computed in double.
 *
 * <p><b>Weights</b>: pytorch-fid's {@code state_dict} names
 * ({@code Mixed_5b.branch1x1.conv.weight}, ..., {@code fc.bias}; convert
 * {@code pt_inception-2015-12-05-6726825d.pth} with the README's one line of Python) in
 * {@code .npz} or {@code .safetensors}, imported strictly ({@link StrictWeights}). BatchNorm
 * (ε = 0.001, running statistics) is folded into each convolution in double: W' = W·γ/√(var+ε),
 * b' = β − mean·γ/√(var+ε), then ReLU.
 */
public final class FidInceptionV3 implements FeatureExtractor {
    /** Model name in errors and reports. */
    public static final String NAME = "InceptionV3-FID";
    /** Tap: 2048-wide pool3 features (FID). */
    public static final String TAP_POOL3 = "pool3";
    /** Tap: fc(pool3) with bias, 1008 wide. */
    public static final String TAP_LOGITS = "logits";
    /** Tap: spatial mean of maxpool1, 64 wide. */
    public static final String TAP_64 = "pool_64";
    /** Tap: spatial mean of maxpool2, 192 wide. */
    public static final String TAP_192 = "pool_192";
    /** Tap: spatial mean of Mixed_6e, 768 wide. */
    public static final String TAP_768 = "pool_768";
    /** Input side after resizing. */
    public static final int INPUT_SIZE = InceptionV3Architecture.SIZE;
    /** Width of {@link #features}. */
    public static final int FEATURE_DIM = 2048;
    /** Number of logits / classes. */
    public static final int NUM_CLASSES = InceptionV3Architecture.NUM_CLASSES;
    /** Images per forward pass unless configured otherwise. */
    public static final int DEFAULT_CHUNK = 32;

    private static final InceptionV3Architecture.Built ARCH = InceptionV3Architecture.build();
    private static final Map<String, long[]> SHAPES =
            Collections.unmodifiableMap(InceptionV3Architecture.stateDictShapes(ARCH.convs()));
    private static final List<String> OUTPUTS = List.of(TAP_POOL3, TAP_LOGITS, TAP_64, TAP_192, TAP_768);

    /** How the frozen forward pass is executed; both give the same numbers (same folded weights). */
    public enum Backend {
        /** DL4J {@link ComputationGraph#output}: layers, vertices, workspaces. */
        DL4J_GRAPH,
        /**
         * The same network as direct libnd4j ops: oneDNN's conv2d on nd4j-native's oneDNN build (and
         * conv2d on a GPU), im2col + SGEMM on channel-major activations on the plain CPU build.
         */
        DIRECT_OPS
    }

    /** The backend used unless chosen otherwise: the faster one in the benchmark (2–3.7× the graph here). */
    public static final Backend DEFAULT_BACKEND = Backend.DIRECT_OPS;

    private final ComputationGraph graph;
    private final Map<String, INDArray> convW;
    private final Map<String, INDArray> convB;
    private final INDArray fcW32T;
    private final INDArray fcB32;
    private final INDArray fcWeightT;
    private final int chunk;
    private final Backend backend;
    private final DirectForward.Layout layout;

    private FidInceptionV3(ComputationGraph graph, Map<String, INDArray> convW, Map<String, INDArray> convB,
            INDArray fcW32T, INDArray fcB32, INDArray fcWeightT, int chunk, Backend backend, DirectForward.Layout layout) {
        this.graph = graph;
        this.convW = convW;
        this.convB = convB;
        this.fcW32T = fcW32T;
        this.fcB32 = fcB32;
        this.fcWeightT = fcWeightT;
        this.chunk = chunk;
        this.backend = backend;
        this.layout = layout;
    }

    /** The same network (shared weights) executed by {@code other}. */
    public FidInceptionV3 withBackend(Backend other) {
        return new FidInceptionV3(graph, convW, convB, fcW32T, fcB32, fcWeightT, chunk, Objects.requireNonNull(other),
                layout);
    }

    /** {@link Backend#DIRECT_OPS} in a given layout (tests run both whatever the native build is). */
    FidInceptionV3 withLayout(DirectForward.Layout other) {
        return new FidInceptionV3(graph, convW, convB, fcW32T, fcB32, fcWeightT, chunk, Backend.DIRECT_OPS,
                Objects.requireNonNull(other));
    }

    /** The backend executing {@link #forward}. */
    public Backend backend() {
        return backend;
    }

    /**
     * pytorch-fid's {@code state_dict} names and shapes in PyTorch's order (566 entries, the
     * {@code num_batches_tracked} counters included with shape []).
     */
    public static Map<String, long[]> stateDictShapes() {
        return SHAPES;
    }

    /**
     * Loads weights from a {@code .npz} or {@code .safetensors} file keyed by pytorch-fid's names.
     *
     * @param expectedSha256 64 hex digits checked before the file is parsed, or {@code null}
     * @throws org.calibrax4j.zoo.weights.ChecksumMismatchException when the hash differs
     * @throws org.calibrax4j.zoo.weights.WeightMismatchException   listing every missing,
     *     unexpected and wrongly shaped tensor
     * @throws IOException when the file cannot be read
     */
    public static FidInceptionV3 load(Path weights, String expectedSha256) throws IOException {
        return fromStateDict(StrictWeights.load(NAME, weights, expectedSha256, SHAPES), weights.toString());
    }

    /**
     * Builds the network from an in-memory {@code state_dict} (checked strictly).
     *
     * @param source names the weights in errors
     * @throws org.calibrax4j.zoo.weights.WeightMismatchException when the tensors do not fit
     */
    public static FidInceptionV3 fromStateDict(Map<String, INDArray> stateDict, String source) {
        return fromStateDict(stateDict, source, DEFAULT_CHUNK);
    }

    /**
     * As {@link #fromStateDict(Map, String)}, forwarding at most {@code chunk} images at a time
     * (bounds native memory; results do not depend on it).
     */
    public static FidInceptionV3 fromStateDict(Map<String, INDArray> stateDict, String source, int chunk) {
        if (chunk <= 0) {
            throw new IllegalArgumentException(NAME + ": chunk must be positive, got " + chunk);
        }
        Map<String, INDArray> sd = StrictWeights.check(NAME, source, stateDict, SHAPES);
        for (Map.Entry<String, INDArray> e : sd.entrySet()) {
            INDArray a = e.getValue();
            if (!a.dataType().isFPType()) {
                throw new IllegalArgumentException(NAME + ": weight '" + e.getKey() + "' in " + source
                        + " must be floating point, got " + a.dataType());
            }
            if (a.castTo(DataType.DOUBLE).isInfinite().any() || a.isNaN().any()) {
                throw new IllegalArgumentException(NAME + ": weight '" + e.getKey() + "' in " + source
                        + " contains NaN or infinity");
            }
        }
        ComputationGraph graph = new ComputationGraph(ARCH.conf());
        graph.init();
        Map<String, INDArray> convW = new LinkedHashMap<>();
        Map<String, INDArray> convB = new LinkedHashMap<>();
        for (InceptionV3Architecture.Conv c : ARCH.convs()) {
            String p = c.name();
            INDArray w = sd.get(p + ".conv.weight").castTo(DataType.DOUBLE);
            INDArray gamma = sd.get(p + ".bn.weight").castTo(DataType.DOUBLE);
            INDArray beta = sd.get(p + ".bn.bias").castTo(DataType.DOUBLE);
            INDArray mean = sd.get(p + ".bn.running_mean").castTo(DataType.DOUBLE);
            INDArray var = sd.get(p + ".bn.running_var").castTo(DataType.DOUBLE);
            INDArray scale = gamma.div(Transforms.sqrt(var.add(InceptionV3Architecture.BN_EPS), false));
            INDArray folded = w.reshape('c', c.out(), (long) c.in() * c.kh() * c.kw()).dup('c')
                    .muliColumnVector(scale.reshape(c.out(), 1)).reshape('c', c.out(), c.in(), c.kh(), c.kw());
            INDArray bias = beta.sub(mean.mul(scale));
            graph.getLayer(p).setParam("W", folded.castTo(DataType.FLOAT));
            graph.getLayer(p).setParam("b", bias.reshape(1, c.out()).castTo(DataType.FLOAT));
            convW.put(p, folded.castTo(DataType.FLOAT));
            convB.put(p, bias.castTo(DataType.FLOAT));
        }
        INDArray fcW = sd.get("fc.weight").castTo(DataType.FLOAT);
        INDArray fcW32T = fcW.transpose().dup('c');
        INDArray fcB32 = sd.get("fc.bias").castTo(DataType.FLOAT).reshape(1, NUM_CLASSES);
        graph.getLayer(TAP_LOGITS).setParam("W", fcW32T);
        graph.getLayer(TAP_LOGITS).setParam("b", fcB32);
        return new FidInceptionV3(graph, convW, convB, fcW32T, fcB32,
                sd.get("fc.weight").castTo(DataType.DOUBLE).transpose().dup('c'), chunk, DEFAULT_BACKEND,
                DirectForward.Layout.best());
    }

    /** The frozen DL4J graph (input {@code input}: 299×299 images in [−1, 1]). */
    public ComputationGraph graph() {
        return graph;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int featureDim() {
        return FEATURE_DIM;
    }

    @Override
    public int numClasses() {
        return NUM_CLASSES;
    }

    /** The named outputs of one forward pass. */
    public record Outputs(INDArray pool3, INDArray logits, INDArray pool64, INDArray pool192, INDArray pool768) {
        /**
         * The features pytorch-fid's {@code --dims} selects: 64, 192, 768 or 2048.
         *
         * @throws IllegalArgumentException for any other width
         */
        public INDArray byDims(int dims) {
            return switch (dims) {
                case 64 -> pool64;
                case 192 -> pool192;
                case 768 -> pool768;
                case 2048 -> pool3;
                default -> throw new IllegalArgumentException(NAME + ": dims must be one of 64, 192, 768, 2048, got " + dims);
            };
        }
    }

    /**
     * Forwards images (see the class comment for the convention) in chunks and returns every tap.
     *
     * @throws IllegalArgumentException when the images are not N×3×H×W floats in [0, 1]
     */
    public Outputs outputs(INDArray images) {
        validate(images);
        long n = images.size(0);
        List<INDArray[]> parts = new ArrayList<>();
        for (long s = 0; s < n; s += chunk) {
            long e = Math.min(n, s + chunk);
            INDArray x = n <= chunk ? images
                    : images.get(NDArrayIndex.interval(s, e), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
            parts.add(backend == Backend.DL4J_GRAPH ? graphForward(preprocess(x)) : directForward(preprocess(x)));
        }
        INDArray[] joined = new INDArray[OUTPUTS.size()];
        for (int i = 0; i < joined.length; i++) {
            INDArray[] col = new INDArray[parts.size()];
            for (int p = 0; p < col.length; p++) {
                col[p] = parts.get(p)[i];
            }
            joined[i] = col.length == 1 ? col[0] : Nd4j.concat(0, col);
        }
        return new Outputs(joined[0], joined[1], joined[2], joined[3], joined[4]);
    }

    /**
     * This network as an extractor of the {@code dims}-wide tap pytorch-fid's {@code --dims}
     * selects (64, 192, 768 or 2048), sharing the weights; class probabilities stay those of
     * {@link #classProbabilities}.
     *
     * @throws IllegalArgumentException for any other width
     */
    public FeatureExtractor withDims(int dims) {
        if (dims == FEATURE_DIM) {
            return this;
        }
        if (dims != 64 && dims != 192 && dims != 768) {
            throw new IllegalArgumentException(NAME + ": dims must be one of 64, 192, 768, 2048, got " + dims);
        }
        FidInceptionV3 self = this;
        return new FeatureExtractor() {
            @Override
            public String name() {
                return NAME + "-" + dims;
            }

            @Override
            public int featureDim() {
                return dims;
            }

            @Override
            public int numClasses() {
                return NUM_CLASSES;
            }

            @Override
            public INDArray features(INDArray images) {
                return self.outputs(images).byDims(dims);
            }

            @Override
            public INDArray classProbabilities(INDArray images) {
                return self.classProbabilities(images);
            }
        };
    }

    private INDArray[] graphForward(INDArray x) {
        INDArray[] out = graph.output(false, x);
        INDArray[] copy = new INDArray[out.length];
        for (int i = 0; i < out.length; i++) {
            copy[i] = out[i].detach();
        }
        return copy;
    }

    private INDArray[] directForward(INDArray x) {
        DirectForward ops = new DirectForward(convW, convB, java.util.Set.of("maxpool1", "maxpool2", "Mixed_6e"), layout);
        INDArray pool3 = ops.spatialMean(ops.trunk(x));
        INDArray logits = pool3.mmul(fcW32T).addiRowVector(fcB32);
        return new INDArray[] {pool3, logits, ops.keptSpatialMean("maxpool1"), ops.keptSpatialMean("maxpool2"),
            ops.keptSpatialMean("Mixed_6e")};
    }

    /** pool3 features, N×2048 float32. */
    @Override
    public INDArray features(INDArray images) {
        return outputs(images).pool3();
    }

    /** pool3 features and the IS probabilities ({@link #probabilitiesFromPool3}) from one pass. */
    @Override
    public BackboneOutput forward(INDArray images) {
        INDArray pool3 = features(images);
        return new BackboneOutput(pool3, probabilitiesFromPool3(pool3));
    }

    /** softmax(pool3·Wᵀ) over all 1008 columns, in double (N×1008, rows sum to 1). */
    @Override
    public INDArray classProbabilities(INDArray images) {
        return probabilitiesFromPool3(features(images));
    }

    /**
     * The IS probabilities from pool3 features: softmax over all 1008 columns of pool3·Wᵀ (fc
     * without bias), computed in double with the row maximum subtracted.
     */
    public INDArray probabilitiesFromPool3(INDArray pool3) {
        if (pool3.rank() != 2 || pool3.size(1) != FEATURE_DIM) {
            throw new IllegalArgumentException(NAME + ": pool3 must be N x " + FEATURE_DIM + ", got shape "
                    + Arrays.toString(pool3.shape()));
        }
        INDArray logits = pool3.castTo(DataType.DOUBLE).mmul(fcWeightT);
        INDArray max = logits.max(true, 1);
        INDArray exp = Transforms.exp(logits.subiColumnVector(max), false);
        return exp.diviColumnVector(exp.sum(true, 1));
    }

    /**
     * Every vertex's activation for a batch (debugging and block-by-block comparison), keyed by
     * vertex name ({@code input}, {@code Conv2d_1a_3x3}, {@code maxpool1}, {@code Mixed_5d}, ...).
     */
    public Map<String, INDArray> activations(INDArray images) {
        validate(images);
        INDArray x = preprocess(images);
        if (backend == Backend.DIRECT_OPS) {
            DirectForward ops = new DirectForward(convW, convB, null, layout);
            Map<String, INDArray> all = new LinkedHashMap<>();
            all.put(InceptionV3Architecture.INPUT, x);
            ops.trunk(x);
            all.putAll(ops.kept());
            return all;
        }
        Map<String, INDArray> all = graph.feedForward(new INDArray[] {x}, false, true);
        return new LinkedHashMap<>(all);
    }

    /**
     * Resize to 299×299 and scale [0, 1] → [−1, 1]: what the graph's {@code input} receives.
     */
    public static INDArray preprocess(INDArray images) {
        INDArray x = BilinearResize.resize(images, INPUT_SIZE, INPUT_SIZE);
        return x.muli(2.0).subi(1.0);
    }

    private static void validate(INDArray images) {
        Objects.requireNonNull(images, "images");
        if (images.rank() != 4 || images.size(1) != 3 || images.size(0) == 0) {
            throw new IllegalArgumentException(NAME + ": images must be N x 3 x H x W (RGB, NCHW, N > 0), got shape "
                    + Arrays.toString(images.shape()));
        }
        if (!images.dataType().isFPType()) {
            throw new IllegalArgumentException(NAME + ": images must be float in [0, 1], got " + images.dataType());
        }
        if (images.isNaN().any() || images.isInfinite().any()) {
            throw new IllegalArgumentException(NAME + ": images contain NaN or infinity");
        }
        double min = images.minNumber().doubleValue();
        double max = images.maxNumber().doubleValue();
        if (!(min >= 0.0 && max <= 1.0)) {
            throw new IllegalArgumentException(NAME + ": images must have values in [0, 1] (uint8 / 255), got range ["
                    + min + ", " + max + "]");
        }
    }
}
