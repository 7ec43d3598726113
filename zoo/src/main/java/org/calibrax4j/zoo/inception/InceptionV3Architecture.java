package org.calibrax4j.zoo.inception;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The layer graph of pytorch-fid's InceptionV3 ({@code fid_inception_v3()}: torchvision's
 * {@code Inception3(num_classes=1008, aux_logits=False)} with the FID blocks FIDInceptionA/C/E), as
 * a DL4J {@link ComputationGraphConfiguration}, plus its PyTorch {@code state_dict} names and
 * shapes in PyTorch's order.
 *
 * <p>Each {@code BasicConv2d} (Conv2d without bias → BatchNorm2d(eps 0.001) → ReLU) becomes one
 * DL4J convolution with bias and ReLU: in evaluation the BatchNorm is an affine map per channel,
 * folded into the convolution when the weights are loaded ({@link FidInceptionV3}). Vertex names
 * are PyTorch's module names ({@code Mixed_6e.branch7x7dbl_3}); block outputs are named like the
 * blocks ({@code Mixed_5d}), the stem pools {@code maxpool1}/{@code maxpool2}.
 */
final class InceptionV3Architecture {
    static final String INPUT = "input";
    static final int SIZE = 299;
    static final double BN_EPS = 0.001;
    static final int NUM_CLASSES = 1008;

    /** A BasicConv2d: name, channels, kernel, stride, padding. */
    record Conv(String name, int in, int out, int kh, int kw, int stride, int ph, int pw) {
    }

    /**
     * The operations the network is made of; {@link #trunk} describes the network once in terms of
     * them, and each backend (DL4J graph, direct ND4J ops) implements them.
     *
     * @param <T> what flows between operations (a vertex name, an array)
     */
    interface Ops<T> {
        /** BasicConv2d with BN folded: conv + bias + ReLU. */
        T conv(Conv c, T x);

        /** 3×3 max pool. */
        T maxPool(String name, T x, int stride, int pad);

        /** 3×3, stride 1, pad 1 average pool with count_include_pad=False. */
        T avgPoolExcludingPad(String name, T x);

        /** Channel concatenation. */
        T concat(String name, List<T> xs);
    }

    /** The graph and the convs it contains, in PyTorch's module order. */
    record Built(ComputationGraphConfiguration conf, List<Conv> convs) {
    }

    private InceptionV3Architecture() {
    }

    /** The trunk from the 299×299 input to Mixed_7c (2048 @ 8×8). */
    static <T> T trunk(Ops<T> o, T input) {
        T x = conv(o, "Conv2d_1a_3x3", input, 3, 32, 3, 3, 2, 0, 0);
        x = conv(o, "Conv2d_2a_3x3", x, 32, 32, 3, 3, 1, 0, 0);
        x = conv(o, "Conv2d_2b_3x3", x, 32, 64, 3, 3, 1, 1, 1);
        x = o.maxPool("maxpool1", x, 2, 0);
        x = conv(o, "Conv2d_3b_1x1", x, 64, 80, 1, 1, 1, 0, 0);
        x = conv(o, "Conv2d_4a_3x3", x, 80, 192, 3, 3, 1, 0, 0);
        x = o.maxPool("maxpool2", x, 2, 0);
        x = inceptionA(o, "Mixed_5b", x, 192, 32);
        x = inceptionA(o, "Mixed_5c", x, 256, 64);
        x = inceptionA(o, "Mixed_5d", x, 288, 64);
        x = inceptionB(o, "Mixed_6a", x, 288);
        x = inceptionC(o, "Mixed_6b", x, 768, 128);
        x = inceptionC(o, "Mixed_6c", x, 768, 160);
        x = inceptionC(o, "Mixed_6d", x, 768, 160);
        x = inceptionC(o, "Mixed_6e", x, 768, 192);
        x = inceptionD(o, "Mixed_7a", x, 768);
        x = inceptionE(o, "Mixed_7b", x, 1280, false);
        x = inceptionE(o, "Mixed_7c", x, 2048, true);
        return x;
    }

    /** The 94 BasicConv2d of the trunk in PyTorch's module order. */
    static List<Conv> convs() {
        List<Conv> out = new ArrayList<>();
        trunk(new Ops<String>() {
            @Override
            public String conv(Conv c, String x) {
                out.add(c);
                return c.name();
            }

            @Override
            public String maxPool(String name, String x, int stride, int pad) {
                return name;
            }

            @Override
            public String avgPoolExcludingPad(String name, String x) {
                return name;
            }

            @Override
            public String concat(String name, List<String> xs) {
                return name;
            }
        }, INPUT);
        return Collections.unmodifiableList(out);
    }

    static Built build() {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Truncate)
                .weightInit(WeightInit.ZERO)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        ComputationGraphConfiguration.GraphBuilder g =
                base.graphBuilder().addInputs(INPUT).setInputTypes(InputType.convolutional(SIZE, SIZE, 3));
        String x = trunk(new GraphOps(g), INPUT);
        g.addLayer(FidInceptionV3.TAP_POOL3, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer(FidInceptionV3.TAP_LOGITS, new DenseLayer.Builder().nIn(2048).nOut(NUM_CLASSES)
                .activation(Activation.IDENTITY).hasBias(true).build(), FidInceptionV3.TAP_POOL3);
        // torchmetrics/torch-fidelity's 64/192/768 features: spatial means of these block outputs
        g.addLayer(FidInceptionV3.TAP_64, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "maxpool1");
        g.addLayer(FidInceptionV3.TAP_192, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "maxpool2");
        g.addLayer(FidInceptionV3.TAP_768, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "Mixed_6e");
        g.setOutputs(FidInceptionV3.TAP_POOL3, FidInceptionV3.TAP_LOGITS, FidInceptionV3.TAP_64,
                FidInceptionV3.TAP_192, FidInceptionV3.TAP_768);
        return new Built(g.build(), convs());
    }

    /** DL4J backend: each operation adds a vertex named like the PyTorch module. */
    private static final class GraphOps implements Ops<String> {
        private final ComputationGraphConfiguration.GraphBuilder g;

        GraphOps(ComputationGraphConfiguration.GraphBuilder g) {
            this.g = g;
        }

        @Override
        public String conv(Conv c, String x) {
            g.addLayer(c.name(), new ConvolutionLayer.Builder(c.kh(), c.kw()).stride(c.stride(), c.stride())
                    .padding(c.ph(), c.pw()).nIn(c.in()).nOut(c.out()).hasBias(true).activation(Activation.RELU).build(), x);
            return c.name();
        }

        @Override
        public String maxPool(String name, String x, int stride, int pad) {
            g.addLayer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(stride, stride)
                    .padding(pad, pad).build(), x);
            return name;
        }

        @Override
        public String avgPoolExcludingPad(String name, String x) {
            g.addLayer(name, new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1).padding(1, 1)
                    .avgPoolIncludePadInDivisor(false).build(), x);
            return name;
        }

        @Override
        public String concat(String name, List<String> xs) {
            g.addVertex(name, new MergeVertex(), xs.toArray(new String[0]));
            return name;
        }
    }

    /**
     * The {@code state_dict} of {@code fid_inception_v3()}: names → shapes in PyTorch's order,
     * including the {@code num_batches_tracked} counters (shape {@code []}).
     */
    static Map<String, long[]> stateDictShapes(List<Conv> convs) {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (Conv c : convs) {
            m.put(c.name + ".conv.weight", new long[] {c.out, c.in, c.kh, c.kw});
            m.put(c.name + ".bn.weight", new long[] {c.out});
            m.put(c.name + ".bn.bias", new long[] {c.out});
            m.put(c.name + ".bn.running_mean", new long[] {c.out});
            m.put(c.name + ".bn.running_var", new long[] {c.out});
            m.put(c.name + ".bn.num_batches_tracked", new long[] {});
        }
        m.put("fc.weight", new long[] {NUM_CLASSES, 2048});
        m.put("fc.bias", new long[] {NUM_CLASSES});
        return m;
    }

    private static <T> T conv(Ops<T> o, String name, T input, int in, int out, int kh, int kw, int stride, int ph, int pw) {
        return o.conv(new Conv(name, in, out, kh, kw, stride, ph, pw), input);
    }

    /** Same-size conv with padding (kh/2, kw/2). */
    private static <T> T same(Ops<T> o, String name, T input, int in, int out, int kh, int kw) {
        return conv(o, name, input, in, out, kh, kw, 1, kh / 2, kw / 2);
    }

    private static <T> T inceptionA(Ops<T> o, String p, T x, int in, int poolFeatures) {
        T b1 = same(o, p + ".branch1x1", x, in, 64, 1, 1);
        T b5 = same(o, p + ".branch5x5_1", x, in, 48, 1, 1);
        b5 = same(o, p + ".branch5x5_2", b5, 48, 64, 5, 5);
        T b3 = same(o, p + ".branch3x3dbl_1", x, in, 64, 1, 1);
        b3 = same(o, p + ".branch3x3dbl_2", b3, 64, 96, 3, 3);
        b3 = same(o, p + ".branch3x3dbl_3", b3, 96, 96, 3, 3);
        T bp = o.avgPoolExcludingPad(p + ".avg_pool", x);
        bp = same(o, p + ".branch_pool", bp, in, poolFeatures, 1, 1);
        return o.concat(p, List.of(b1, b5, b3, bp));
    }

    private static <T> T inceptionB(Ops<T> o, String p, T x, int in) {
        T b3 = conv(o, p + ".branch3x3", x, in, 384, 3, 3, 2, 0, 0);
        T bd = same(o, p + ".branch3x3dbl_1", x, in, 64, 1, 1);
        bd = same(o, p + ".branch3x3dbl_2", bd, 64, 96, 3, 3);
        bd = conv(o, p + ".branch3x3dbl_3", bd, 96, 96, 3, 3, 2, 0, 0);
        T bp = o.maxPool(p + ".max_pool", x, 2, 0);
        return o.concat(p, List.of(b3, bd, bp));
    }

    private static <T> T inceptionC(Ops<T> o, String p, T x, int in, int c7) {
        T b1 = same(o, p + ".branch1x1", x, in, 192, 1, 1);
        T b7 = same(o, p + ".branch7x7_1", x, in, c7, 1, 1);
        b7 = same(o, p + ".branch7x7_2", b7, c7, c7, 1, 7);
        b7 = same(o, p + ".branch7x7_3", b7, c7, 192, 7, 1);
        T bd = same(o, p + ".branch7x7dbl_1", x, in, c7, 1, 1);
        bd = same(o, p + ".branch7x7dbl_2", bd, c7, c7, 7, 1);
        bd = same(o, p + ".branch7x7dbl_3", bd, c7, c7, 1, 7);
        bd = same(o, p + ".branch7x7dbl_4", bd, c7, c7, 7, 1);
        bd = same(o, p + ".branch7x7dbl_5", bd, c7, 192, 1, 7);
        T bp = o.avgPoolExcludingPad(p + ".avg_pool", x);
        bp = same(o, p + ".branch_pool", bp, in, 192, 1, 1);
        return o.concat(p, List.of(b1, b7, bd, bp));
    }

    private static <T> T inceptionD(Ops<T> o, String p, T x, int in) {
        T b3 = same(o, p + ".branch3x3_1", x, in, 192, 1, 1);
        b3 = conv(o, p + ".branch3x3_2", b3, 192, 320, 3, 3, 2, 0, 0);
        T b7 = same(o, p + ".branch7x7x3_1", x, in, 192, 1, 1);
        b7 = same(o, p + ".branch7x7x3_2", b7, 192, 192, 1, 7);
        b7 = same(o, p + ".branch7x7x3_3", b7, 192, 192, 7, 1);
        b7 = conv(o, p + ".branch7x7x3_4", b7, 192, 192, 3, 3, 2, 0, 0);
        T bp = o.maxPool(p + ".max_pool", x, 2, 0);
        return o.concat(p, List.of(b3, b7, bp));
    }

    /** FIDInceptionE_1 ({@code maxPoolBranch = false}) or FIDInceptionE_2 (max pool in the branch_pool). */
    private static <T> T inceptionE(Ops<T> o, String p, T x, int in, boolean maxPoolBranch) {
        T b1 = same(o, p + ".branch1x1", x, in, 320, 1, 1);
        T t = same(o, p + ".branch3x3_1", x, in, 384, 1, 1);
        T t2a = same(o, p + ".branch3x3_2a", t, 384, 384, 1, 3);
        T t2b = same(o, p + ".branch3x3_2b", t, 384, 384, 3, 1);
        T b3 = o.concat(p + ".branch3x3", List.of(t2a, t2b));
        T v = same(o, p + ".branch3x3dbl_1", x, in, 448, 1, 1);
        v = same(o, p + ".branch3x3dbl_2", v, 448, 384, 3, 3);
        T v3a = same(o, p + ".branch3x3dbl_3a", v, 384, 384, 1, 3);
        T v3b = same(o, p + ".branch3x3dbl_3b", v, 384, 384, 3, 1);
        T bd = o.concat(p + ".branch3x3dbl", List.of(v3a, v3b));
        T bp = maxPoolBranch ? o.maxPool(p + ".max_pool", x, 1, 1) : o.avgPoolExcludingPad(p + ".avg_pool", x);
        bp = same(o, p + ".branch_pool", bp, in, 192, 1, 1);
        return o.concat(p, List.of(b1, b3, bd, bp));
    }
}
