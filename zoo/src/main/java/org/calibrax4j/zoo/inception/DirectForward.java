package org.calibrax4j.zoo.inception;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The same network run as direct ND4J (libnd4j) ops without DL4J's layer machinery, in one of two
 * layouts chosen by what the native backend offers ({@link Layout#best()}):
 *
 * <ul>
 *   <li>{@link Layout#NCHW_CONV2D}: libnd4j's {@code conv2d} for every convolution. With the
 *       oneDNN build of nd4j-native (classifier {@code linux-x86_64-onednn}) it runs on oneDNN's
 *       kernels, 2–5× faster than SGEMM-based convolution on InceptionV3's layers here; it is also
 *       what a GPU backend uses (cuDNN).
 *   <li>{@link Layout#CNHW_GEMM}: activations laid out channel-major, [C, N, H, W], every
 *       convolution an im2col and one SGEMM per chunk of images ({@link GemmConv}); pooling is
 *       libnd4j's NCHW kernel (it works plane by plane, so it applies unchanged) and the branch
 *       concatenation joins contiguous channel blocks. On the plain CPU build, libnd4j's
 *       {@code conv2d} ran at about half of SGEMM's speed on these layers (1.1–2.3× slower than
 *       this path; zoo's test-side main ConvLayerTiming).
 * </ul>
 *
 * Both compute relu(conv + folded bias) in float32 and agree with the DL4J
 * {@link org.deeplearning4j.nn.graph.ComputationGraph}, which holds the same folded weights.
 */
final class DirectForward implements InceptionV3Architecture.Ops<INDArray> {
    /** How activations are laid out and convolutions computed. */
    enum Layout {
        /** NCHW, libnd4j {@code conv2d} (oneDNN or cuDNN where the backend has it). */
        NCHW_CONV2D,
        /** CNHW, im2col + SGEMM ({@link GemmConv}). */
        CNHW_GEMM;

        private static final Layout BEST = detect();

        /** NCHW_CONV2D on a oneDNN or non-CPU backend, CNHW_GEMM on the plain CPU build. */
        static Layout best() {
            return BEST;
        }

        private static Layout detect() {
            Object backend = Nd4j.getExecutioner().getEnvironmentInformation().get("backend");
            if (!"CPU".equals(String.valueOf(backend))) {
                return NCHW_CONV2D;
            }
            String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            boolean oneDnn = build != null && build.contains("HAVE_ONEDNN") && Nd4j.getEnvironment().helpersAllowed();
            return oneDnn ? NCHW_CONV2D : CNHW_GEMM;
        }
    }

    private final Map<String, INDArray> weights;
    private final Map<String, INDArray> biases;
    private final Set<String> keep;
    private final Layout layout;
    private final Map<String, INDArray> kept = new LinkedHashMap<>();

    /**
     * @param weights folded conv weights [O, I, kh, kw] by conv name
     * @param biases  folded biases [O] by conv name
     * @param keep    names of operations whose outputs {@link #kept()} returns (null: all)
     */
    DirectForward(Map<String, INDArray> weights, Map<String, INDArray> biases, Set<String> keep, Layout layout) {
        this.weights = weights;
        this.biases = biases;
        this.keep = keep;
        this.layout = layout;
    }

    /** The trunk's output (Mixed_7c) for N×3×299×299 preprocessed images, in this layout. */
    INDArray trunk(INDArray nchw) {
        return InceptionV3Architecture.trunk(this, layout == Layout.CNHW_GEMM ? GemmConv.toCnhw(nchw) : nchw);
    }

    /** The recorded outputs, NCHW. */
    Map<String, INDArray> kept() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        kept.forEach((k, v) -> m.put(k, layout == Layout.CNHW_GEMM ? GemmConv.toNchw(v) : v));
        return m;
    }

    /** Spatial mean of a recorded output, N×C. */
    INDArray keptSpatialMean(String name) {
        return spatialMean(kept.get(name));
    }

    /** Spatial mean of an activation in this layout, N×C. */
    INDArray spatialMean(INDArray x) {
        INDArray m = x.mean(2, 3);
        return layout == Layout.CNHW_GEMM ? m.transpose().dup('c') : m;
    }

    private INDArray record(String name, INDArray x) {
        if (keep == null || keep.contains(name)) {
            kept.put(name, x);
        }
        return x;
    }

    @Override
    public INDArray conv(InceptionV3Architecture.Conv c, INDArray x) {
        INDArray w = weights.get(c.name());
        INDArray b = biases.get(c.name());
        if (layout == Layout.CNHW_GEMM) {
            return record(c.name(), GemmConv.convRelu(x, w, b, c.kh(), c.kw(), c.stride(), c.ph(), c.pw()));
        }
        Conv2DConfig cfg = Conv2DConfig.builder().kH(c.kh()).kW(c.kw()).sH(c.stride()).sW(c.stride())
                .pH(c.ph()).pW(c.pw()).dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW")
                .weightsFormat(WeightsFormat.OIYX).build();
        return record(c.name(), Transforms.relu(Nd4j.cnn().conv2d(x, w, b, cfg), false));
    }

    // Pooling works per (n, c) plane, so the same NCHW kernels serve a CNHW array.
    @Override
    public INDArray maxPool(String name, INDArray x, int stride, int pad) {
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(3).kW(3).sH(stride).sW(stride).pH(pad).pW(pad).dH(1).dW(1)
                .type(Pooling2D.Pooling2DType.MAX).paddingMode(PaddingMode.VALID).isNHWC(false).build();
        return record(name, Nd4j.cnn().maxPooling2d(x, cfg));
    }

    @Override
    public INDArray avgPoolExcludingPad(String name, INDArray x) {
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).dH(1).dW(1)
                .type(Pooling2D.Pooling2DType.AVG).divisor(Pooling2D.Divisor.EXCLUDE_PADDING)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build();
        return record(name, Nd4j.cnn().avgPooling2d(x, cfg));
    }

    @Override
    public INDArray concat(String name, List<INDArray> xs) {
        return record(name, Nd4j.concat(layout == Layout.CNHW_GEMM ? 0 : 1, xs.toArray(new INDArray[0])));
    }
}
