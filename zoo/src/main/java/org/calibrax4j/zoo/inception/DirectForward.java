package org.calibrax4j.zoo.inception;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The same network run as direct ND4J (libnd4j) ops — {@code conv2d} with bias, {@code relu},
 * {@code maxpool2d}/{@code avgpool2d}, {@code concat}, the kernels SameDiff executes — without
 * DL4J's layer machinery, and 1×1 convolutions as one SGEMM per batch. Measured 1.3× faster than
 * the DL4J graph here (examples' InceptionBenchmark), hence the default for the frozen forward
 * pass; the DL4J {@link org.deeplearning4j.nn.graph.ComputationGraph} holds the same folded
 * weights. (im2col + SGEMM for the k×k convolutions was tried and was slower than libnd4j's conv2d.)
 */
final class DirectForward implements InceptionV3Architecture.Ops<INDArray> {
    private final Map<String, INDArray> weights;
    private final Map<String, INDArray> biases;
    private final Set<String> keep;
    private final Map<String, INDArray> kept = new LinkedHashMap<>();

    /**
     * @param weights folded conv weights [O, I, kh, kw] by conv name
     * @param biases  folded biases [O] by conv name
     * @param keep    names of operations whose outputs {@link #kept()} returns (null: all)
     */
    DirectForward(Map<String, INDArray> weights, Map<String, INDArray> biases, Set<String> keep) {
        this.weights = weights;
        this.biases = biases;
        this.keep = keep;
    }

    Map<String, INDArray> kept() {
        return kept;
    }

    private INDArray record(String name, INDArray x) {
        if (keep == null || keep.contains(name)) {
            kept.put(name, x);
        }
        return x;
    }

    @Override
    public INDArray conv(InceptionV3Architecture.Conv c, INDArray x) {
        if (c.kh() == 1 && c.kw() == 1 && c.stride() == 1) {
            return record(c.name(), pointwise(c, x));
        }
        Conv2DConfig cfg = Conv2DConfig.builder().kH(c.kh()).kW(c.kw()).sH(c.stride()).sW(c.stride())
                .pH(c.ph()).pW(c.pw()).dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW")
                .weightsFormat(WeightsFormat.OIYX).build();
        INDArray y = Nd4j.cnn().conv2d(x, weights.get(c.name()), biases.get(c.name()), cfg);
        return record(c.name(), Transforms.relu(y, false));
    }

    /**
     * A 1×1 convolution is a matrix product, W[O, I] · X[I, N·H·W]: one SGEMM for the batch
     * instead of the generic conv2d kernel's im2col and tensordot (2–3× faster here on 1×1 layers).
     */
    private INDArray pointwise(InceptionV3Architecture.Conv c, INDArray x) {
        long n = x.size(0);
        long h = x.size(2);
        long w = x.size(3);
        // [N, I, H, W] -> [I, N*H*W]: one large SGEMM for the whole batch (per-image products of
        // 8x8 or 17x17 maps are too small for BLAS to run at speed)
        INDArray cols = x.permute(1, 0, 2, 3).dup('c').reshape('c', c.in(), n * h * w);
        INDArray w2 = weights.get(c.name()).reshape('c', c.out(), c.in());
        INDArray y = w2.mmul(cols); // [O, N*H*W]
        Nd4j.getExecutioner().exec(new BroadcastAddOp(y, biases.get(c.name()), y, 0));
        Transforms.relu(y, false);
        return y.reshape('c', c.out(), n, h, w).permute(1, 0, 2, 3).dup('c');
    }

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
        return record(name, Nd4j.concat(1, xs.toArray(new INDArray[0])));
    }
}
