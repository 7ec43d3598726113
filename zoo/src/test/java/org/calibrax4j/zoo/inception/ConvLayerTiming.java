package org.calibrax4j.zoo.inception;

import java.util.Locale;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer-level timing behind {@link DirectForward}'s choice of kernels (not a test: a main, run by
 * hand): for InceptionV3 layers, GFLOP/s of libnd4j's {@code conv2d} (NCHW; oneDNN's kernels on
 * the oneDNN build), of {@link GemmConv} (CNHW im2col + SGEMM) and of a plain SGEMM of the same
 * FLOPs, all in the same run (the machine is shared: compare ratios, not absolute figures).
 *
 * <pre>
 * mvn -B -q -pl zoo -am test-compile [-Ponednn]
 * mvn -B -q -pl zoo dependency:build-classpath -Dmdep.outputFile=target/t.cp [-Ponednn]
 * java -cp zoo/target/test-classes:zoo/target/classes:core/target/classes:$(cat zoo/target/t.cp) \
 *     org.calibrax4j.zoo.inception.ConvLayerTiming [reps=3]
 * </pre>
 */
public final class ConvLayerTiming {
    private ConvLayerTiming() {
    }

    private static double best(Runnable r, int reps) {
        double b = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            r.run();
            b = Math.min(b, (System.nanoTime() - t) / 1e9);
        }
        return b;
    }

    /** Entry point; argument: repetitions (best of). */
    public static void main(String[] a) {
        System.out.println("layout chosen: " + DirectForward.Layout.best() + ", threads " + Nd4j.getEnvironment().maxThreads());
        int reps = a.length > 0 ? Integer.parseInt(a[0]) : 3;
        // batch, in, h, w, out, kh, kw, stride, ph, pw
        int[][] L = {
            {4, 32, 147, 147, 64, 3, 3, 1, 1, 1},
            {8, 80, 73, 73, 192, 3, 3, 1, 0, 0},
            {16, 48, 35, 35, 64, 5, 5, 1, 2, 2},
            {16, 64, 35, 35, 96, 3, 3, 1, 1, 1},
            {16, 288, 35, 35, 384, 3, 3, 2, 0, 0},
            {32, 128, 17, 17, 128, 1, 7, 1, 0, 3},
            {32, 192, 17, 17, 192, 7, 1, 1, 3, 0},
            {32, 768, 17, 17, 192, 1, 1, 1, 0, 0},
            {32, 448, 8, 8, 384, 3, 3, 1, 1, 1},
            {32, 384, 8, 8, 384, 1, 3, 1, 0, 1},
        };
        Nd4j.getRandom().setSeed(1);
        double sumConv = 0, sumGemmConv = 0, sumSgemm = 0;
        for (int[] l : L) {
            int n = l[0], in = l[1], h = l[2], w = l[3], out = l[4], kh = l[5], kw = l[6], s = l[7], ph = l[8], pw = l[9];
            int ho = (h + 2 * ph - kh) / s + 1, wo = (w + 2 * pw - kw) / s + 1;
            INDArray x = Nd4j.rand(DataType.FLOAT, n, in, h, w);
            INDArray wt = Nd4j.rand(DataType.FLOAT, out, in, kh, kw).subi(0.5).divi(Math.sqrt(in * kh * kw));
            INDArray b = Nd4j.rand(DataType.FLOAT, out);
            Conv2DConfig cfg = Conv2DConfig.builder().kH(kh).kW(kw).sH(s).sW(s).pH(ph).pW(pw).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX).build();
            INDArray xc = GemmConv.toCnhw(x);
            INDArray A = Nd4j.rand(DataType.FLOAT, out, in * kh * kw), B = Nd4j.rand(DataType.FLOAT, in * kh * kw, (long) n * ho * wo);
            INDArray ref = Transforms.relu(Nd4j.cnn().conv2d(x, wt, b, cfg), false);
            INDArray mine = GemmConv.toNchw(GemmConv.convRelu(xc, wt, b, kh, kw, s, ph, pw));
            double err = Transforms.abs(ref.sub(mine)).maxNumber().doubleValue();
            double tc = best(() -> Transforms.relu(Nd4j.cnn().conv2d(x, wt, b, cfg), false), reps);
            double tg = best(() -> GemmConv.convRelu(xc, wt, b, kh, kw, s, ph, pw), reps);
            double tm = best(() -> A.mmul(B), reps);
            double gf = 2.0 * out * in * kh * kw * (double) n * ho * wo / 1e9;
            sumConv += tc / n; sumGemmConv += tg / n; sumSgemm += tm / n;
            System.out.printf(Locale.ROOT, "n%d %dx%d %d->%d k%dx%d s%d: conv2d %.2f GF/s, im2col+gemm %.2f GF/s, sgemm %.2f GF/s | gemmconv/conv2d %.2fx, gemmconv/sgemm %.2f  err %.1e%n",
                n, h, w, in, out, kh, kw, s, gf / tc, gf / tg, gf / tm, tc / tg, tm / tg, err);
        }
        System.out.printf(Locale.ROOT, "per-image sum: conv2d %.3f s, gemmconv %.3f s, sgemm %.3f s%n", sumConv, sumGemmConv, sumSgemm);
    }
}
