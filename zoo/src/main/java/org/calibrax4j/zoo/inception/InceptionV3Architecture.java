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

    private final NeuralNetConfiguration.Builder base;
    private ComputationGraphConfiguration.GraphBuilder g;
    private final List<Conv> convs = new ArrayList<>();

    private InceptionV3Architecture() {
        base = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Truncate)
                .weightInit(WeightInit.ZERO)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }

    /** The graph and the convs it contains, in PyTorch's module order. */
    record Built(ComputationGraphConfiguration conf, List<Conv> convs) {
    }

    static Built build() {
        InceptionV3Architecture a = new InceptionV3Architecture();
        a.g = a.base.graphBuilder().addInputs(INPUT).setInputTypes(InputType.convolutional(SIZE, SIZE, 3));
        String x = a.conv("Conv2d_1a_3x3", INPUT, 3, 32, 3, 3, 2, 0, 0);
        x = a.conv("Conv2d_2a_3x3", x, 32, 32, 3, 3, 1, 0, 0);
        x = a.conv("Conv2d_2b_3x3", x, 32, 64, 3, 3, 1, 1, 1);
        x = a.maxPool("maxpool1", x, 2, 0);
        x = a.conv("Conv2d_3b_1x1", x, 64, 80, 1, 1, 1, 0, 0);
        x = a.conv("Conv2d_4a_3x3", x, 80, 192, 3, 3, 1, 0, 0);
        x = a.maxPool("maxpool2", x, 2, 0);
        x = a.inceptionA("Mixed_5b", x, 192, 32);
        x = a.inceptionA("Mixed_5c", x, 256, 64);
        x = a.inceptionA("Mixed_5d", x, 288, 64);
        x = a.inceptionB("Mixed_6a", x, 288);
        x = a.inceptionC("Mixed_6b", x, 768, 128);
        x = a.inceptionC("Mixed_6c", x, 768, 160);
        x = a.inceptionC("Mixed_6d", x, 768, 160);
        x = a.inceptionC("Mixed_6e", x, 768, 192);
        x = a.inceptionD("Mixed_7a", x, 768);
        x = a.inceptionE("Mixed_7b", x, 1280, false);
        x = a.inceptionE("Mixed_7c", x, 2048, true);
        a.g.addLayer(FidInceptionV3.TAP_POOL3, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        a.g.addLayer(FidInceptionV3.TAP_LOGITS, new DenseLayer.Builder().nIn(2048).nOut(NUM_CLASSES)
                .activation(Activation.IDENTITY).hasBias(true).build(), FidInceptionV3.TAP_POOL3);
        // torchmetrics/torch-fidelity's 64/192/768 features: spatial means of these block outputs
        a.g.addLayer(FidInceptionV3.TAP_64, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "maxpool1");
        a.g.addLayer(FidInceptionV3.TAP_192, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "maxpool2");
        a.g.addLayer(FidInceptionV3.TAP_768, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "Mixed_6e");
        a.g.setOutputs(FidInceptionV3.TAP_POOL3, FidInceptionV3.TAP_LOGITS, FidInceptionV3.TAP_64,
                FidInceptionV3.TAP_192, FidInceptionV3.TAP_768);
        return new Built(a.g.build(), Collections.unmodifiableList(a.convs));
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

    private String conv(String name, String input, int in, int out, int kh, int kw, int stride, int ph, int pw) {
        convs.add(new Conv(name, in, out, kh, kw, stride, ph, pw));
        g.addLayer(name, new ConvolutionLayer.Builder(kh, kw).stride(stride, stride).padding(ph, pw)
                .nIn(in).nOut(out).hasBias(true).activation(Activation.RELU).build(), input);
        return name;
    }

    /** Same-size conv with padding (kh/2, kw/2). */
    private String same(String name, String input, int in, int out, int kh, int kw) {
        return conv(name, input, in, out, kh, kw, 1, kh / 2, kw / 2);
    }

    private String maxPool(String name, String input, int stride, int pad) {
        g.addLayer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(stride, stride)
                .padding(pad, pad).build(), input);
        return name;
    }

    /** avg_pool2d(3, stride 1, padding 1, count_include_pad=False): the FID blocks' pooling. */
    private String avgPoolExcludingPad(String name, String input) {
        g.addLayer(name, new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1).padding(1, 1)
                .avgPoolIncludePadInDivisor(false).build(), input);
        return name;
    }

    private String concat(String name, String... inputs) {
        g.addVertex(name, new MergeVertex(), inputs);
        return name;
    }

    private String inceptionA(String p, String x, int in, int poolFeatures) {
        String b1 = same(p + ".branch1x1", x, in, 64, 1, 1);
        String b5 = same(p + ".branch5x5_1", x, in, 48, 1, 1);
        b5 = same(p + ".branch5x5_2", b5, 48, 64, 5, 5);
        String b3 = same(p + ".branch3x3dbl_1", x, in, 64, 1, 1);
        b3 = same(p + ".branch3x3dbl_2", b3, 64, 96, 3, 3);
        b3 = same(p + ".branch3x3dbl_3", b3, 96, 96, 3, 3);
        String bp = avgPoolExcludingPad(p + ".avg_pool", x);
        bp = same(p + ".branch_pool", bp, in, poolFeatures, 1, 1);
        return concat(p, b1, b5, b3, bp);
    }

    private String inceptionB(String p, String x, int in) {
        String b3 = conv(p + ".branch3x3", x, in, 384, 3, 3, 2, 0, 0);
        String bd = same(p + ".branch3x3dbl_1", x, in, 64, 1, 1);
        bd = same(p + ".branch3x3dbl_2", bd, 64, 96, 3, 3);
        bd = conv(p + ".branch3x3dbl_3", bd, 96, 96, 3, 3, 2, 0, 0);
        String bp = maxPool(p + ".max_pool", x, 2, 0);
        return concat(p, b3, bd, bp);
    }

    private String inceptionC(String p, String x, int in, int c7) {
        String b1 = same(p + ".branch1x1", x, in, 192, 1, 1);
        String b7 = same(p + ".branch7x7_1", x, in, c7, 1, 1);
        b7 = same(p + ".branch7x7_2", b7, c7, c7, 1, 7);
        b7 = same(p + ".branch7x7_3", b7, c7, 192, 7, 1);
        String bd = same(p + ".branch7x7dbl_1", x, in, c7, 1, 1);
        bd = same(p + ".branch7x7dbl_2", bd, c7, c7, 7, 1);
        bd = same(p + ".branch7x7dbl_3", bd, c7, c7, 1, 7);
        bd = same(p + ".branch7x7dbl_4", bd, c7, c7, 7, 1);
        bd = same(p + ".branch7x7dbl_5", bd, c7, 192, 1, 7);
        String bp = avgPoolExcludingPad(p + ".avg_pool", x);
        bp = same(p + ".branch_pool", bp, in, 192, 1, 1);
        return concat(p, b1, b7, bd, bp);
    }

    private String inceptionD(String p, String x, int in) {
        String b3 = same(p + ".branch3x3_1", x, in, 192, 1, 1);
        b3 = conv(p + ".branch3x3_2", b3, 192, 320, 3, 3, 2, 0, 0);
        String b7 = same(p + ".branch7x7x3_1", x, in, 192, 1, 1);
        b7 = same(p + ".branch7x7x3_2", b7, 192, 192, 1, 7);
        b7 = same(p + ".branch7x7x3_3", b7, 192, 192, 7, 1);
        b7 = conv(p + ".branch7x7x3_4", b7, 192, 192, 3, 3, 2, 0, 0);
        String bp = maxPool(p + ".max_pool", x, 2, 0);
        return concat(p, b3, b7, bp);
    }

    /** FIDInceptionE_1 ({@code maxPool = false}) or FIDInceptionE_2 (max pool in the branch_pool). */
    private String inceptionE(String p, String x, int in, boolean maxPoolBranch) {
        String b1 = same(p + ".branch1x1", x, in, 320, 1, 1);
        String t = same(p + ".branch3x3_1", x, in, 384, 1, 1);
        String t2a = same(p + ".branch3x3_2a", t, 384, 384, 1, 3);
        String t2b = same(p + ".branch3x3_2b", t, 384, 384, 3, 1);
        String b3 = concat(p + ".branch3x3", t2a, t2b);
        String v = same(p + ".branch3x3dbl_1", x, in, 448, 1, 1);
        v = same(p + ".branch3x3dbl_2", v, 448, 384, 3, 3);
        String v3a = same(p + ".branch3x3dbl_3a", v, 384, 384, 1, 3);
        String v3b = same(p + ".branch3x3dbl_3b", v, 384, 384, 3, 1);
        String bd = concat(p + ".branch3x3dbl", v3a, v3b);
        String bp = maxPoolBranch ? maxPool(p + ".max_pool", x, 1, 1) : avgPoolExcludingPad(p + ".avg_pool", x);
        bp = same(p + ".branch_pool", bp, in, 192, 1, 1);
        return concat(p, b1, b3, bd, bp);
    }
}
