package org.calibrax4j.zoo.inception;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Convolution + bias + ReLU as im2col and one SGEMM per chunk of images, on activations laid out
 * channel-major, [C, N, H, W] ("CNHW"). In that layout the GEMM W[O, I·kh·kw] · cols[I·kh·kw, N·Ho·Wo]
 * writes the output [O, N·Ho·Wo] already in the same layout (no transposes), 1×1 convolutions need
 * no im2col at all, channel concatenation is a concatenation of contiguous blocks, and libnd4j's
 * NCHW pooling kernels apply unchanged (they work plane by plane; C and N just swap roles).
 *
 * <p>Why not libnd4j's {@code conv2d} on the plain CPU build: on InceptionV3's layers it ran at
 * 0.2–0.6 of the speed of an OpenBLAS SGEMM of the same FLOPs measured in the same run; its im2col
 * works per image and its GEMMs on 17×17 and 8×8 maps are too small for BLAS to run at speed. This
 * path measured 1.1–2.3× faster than it per layer ({@code ConvLayerTiming} in zoo's test sources).
 * Two details matter: the column matrices are written straight into native memory reused through a
 * workspace (a fresh 30 MB array per layer costs as much in page faults as the copy), and the
 * im2col of large maps is split over the cores. With oneDNN in libnd4j, {@code conv2d} is faster
 * than this (see {@link DirectForward.Layout}).
 */
final class GemmConv {
    /** Upper bound on one chunk's column matrix (floats): bounds memory, keeps the GEMM large. */
    private static final long MAX_COLS = 8L << 20;
    /** Column matrices at least this large (floats) are filled on all cores. */
    private static final long PARALLEL_COLS = 1L << 18;
    private static final WorkspaceConfiguration COLS_WS = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT).build();

    private GemmConv() {
    }

    /** NCHW → CNHW (a copy). */
    static INDArray toCnhw(INDArray nchw) {
        return nchw.permute(1, 0, 2, 3).dup('c');
    }

    /** CNHW → NCHW (a copy). */
    static INDArray toNchw(INDArray cnhw) {
        return cnhw.permute(1, 0, 2, 3).dup('c');
    }

    /**
     * relu(conv(x, w) + b) in CNHW.
     *
     * @param x   [I, N, H, W] float, CNHW
     * @param w   [O, I, kh, kw] float
     * @param b   [O] float
     * @return [O, N, Ho, Wo] float, CNHW
     */
    static INDArray convRelu(INDArray x, INDArray w, INDArray b, int kh, int kw, int stride, int ph, int pw) {
        int in = (int) x.size(0);
        int n = (int) x.size(1);
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int out = (int) w.size(0);
        int ho = (h + 2 * ph - kh) / stride + 1;
        int wo = (wd + 2 * pw - kw) / stride + 1;
        int k = in * kh * kw;
        INDArray w2 = w.reshape('c', out, k);
        INDArray y;
        if (kh == 1 && kw == 1 && stride == 1 && ph == 0 && pw == 0) {
            y = w2.mmul(x.reshape('c', in, (long) n * h * wd));
        } else {
            float[] src = floats(x);
            long perImage = (long) k * ho * wo;
            int chunk = (int) Math.max(1, Math.min(n, MAX_COLS / perImage));
            y = Nd4j.createUninitialized(DataType.FLOAT, out, (long) n * ho * wo);
            // the column matrices live in a workspace: reused memory, no page faults per layer
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(COLS_WS, "calibrax4j-im2col")) {
                for (int n0 = 0; n0 < n; n0 += chunk) {
                    int nc = Math.min(chunk, n - n0);
                    int m = nc * ho * wo;
                    INDArray c = Nd4j.createUninitialized(DataType.FLOAT, k, m);
                    FloatBuffer dst = c.data().asNioFloat();
                    int fn0 = n0;
                    if ((long) k * m < PARALLEL_COLS || in < 2) {
                        im2col(src, 0, in, n, h, wd, fn0, nc, kh, kw, stride, ph, pw, ho, wo, dst);
                    } else {
                        // im2col is memory-bound and runs while BLAS idles: split the channels over the cores
                        int parts = Math.min(in, Runtime.getRuntime().availableProcessors());
                        IntStream.range(0, parts).parallel().forEach(p -> im2col(src, in * p / parts,
                                in * (p + 1) / parts, n, h, wd, fn0, nc, kh, kw, stride, ph, pw, ho, wo, dst));
                    }
                    if (nc == n) {
                        w2.mmul(c, y);
                    } else {
                        INDArray part = w2.mmul(c);
                        y.get(NDArrayIndex.all(), NDArrayIndex.interval((long) n0 * ho * wo, (long) (n0 + nc) * ho * wo))
                                .assign(part);
                    }
                }
            }
        }
        Nd4j.getExecutioner().exec(new BroadcastAddOp(y, b, y, 0));
        Transforms.relu(y, false);
        return y.reshape('c', out, n, ho, wo);
    }

    private static float[] floats(INDArray x) {
        INDArray c = x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
        float[] a = c.data().asFloat();
        return a.length == c.length() ? a : Arrays.copyOf(a, (int) c.length());
    }

    /**
     * Rows (ci, ky, kx) × columns (n, oy, ox) for images n0 .. n0+nc−1 of a CNHW input; zero
     * where the window falls on the padding. Stride 1 copies contiguous row runs.
     */
    static void im2col(float[] x, int ciFrom, int ciTo, int n, int h, int w, int n0, int nc, int kh, int kw, int stride,
            int ph, int pw, int ho, int wo, FloatBuffer cols) {
        float[] zeros = new float[wo];
        float[] run = stride == 1 ? null : new float[wo];
        int m = nc * ho * wo;
        for (int ci = ciFrom; ci < ciTo; ci++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int row = ((ci * kh + ky) * kw + kx) * m;
                    // output columns ox whose input column ox*stride - pw + kx lies inside [0, w)
                    int oxLo = Math.max(0, ceilDiv(pw - kx, stride));
                    int oxHi = Math.min(wo, ceilDiv(w + pw - kx, stride));
                    for (int j = 0; j < nc; j++) {
                        int plane = (ci * n + n0 + j) * h * w;
                        for (int oy = 0; oy < ho; oy++) {
                            int dst = row + (j * ho + oy) * wo;
                            int iy = oy * stride - ph + ky;
                            if (iy < 0 || iy >= h || oxLo >= oxHi) {
                                cols.put(dst, zeros, 0, wo);
                                continue;
                            }
                            if (oxLo > 0) {
                                cols.put(dst, zeros, 0, oxLo);
                            }
                            if (oxHi < wo) {
                                cols.put(dst + oxHi, zeros, 0, wo - oxHi);
                            }
                            int s = plane + iy * w + oxLo * stride - pw + kx;
                            if (stride == 1) {
                                cols.put(dst + oxLo, x, s, oxHi - oxLo);
                            } else {
                                for (int ox = oxLo; ox < oxHi; ox++, s += stride) {
                                    run[ox] = x[s];
                                }
                                cols.put(dst + oxLo, run, oxLo, oxHi - oxLo);
                            }
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
