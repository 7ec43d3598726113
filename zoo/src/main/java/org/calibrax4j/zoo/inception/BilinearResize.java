package org.calibrax4j.zoo.inception;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bilinear resizing as PyTorch's {@code F.interpolate(x, size, mode='bilinear',
 * align_corners=False)} without antialiasing (also when downscaling), the resize pytorch-fid
 * applies inside its InceptionV3.
 *
 * <p>Per axis of input length n and output length m, output index d reads
 * src = max(0, (d + ½)·n/m − ½), i0 = ⌊src⌋, i1 = min(i0 + 1, n − 1), λ = src − i0 and gives
 * (1 − λ)·x[i0] + λ·x[i1]; H and W are separable. Both axes are applied as matrix products
 * (A_h · X · A_wᵀ per channel) with coefficients computed in double, so the result does not depend
 * on the batch it came in. When n = m the matrix is the identity (λ = 0) and the axis is skipped.
 */
public final class BilinearResize {
    private BilinearResize() {
    }

    /**
     * The m×n interpolation matrix of one axis (row d holds the weights of output index d).
     *
     * @throws IllegalArgumentException when n or m is not positive
     */
    public static double[][] weights(int n, int m) {
        if (n <= 0 || m <= 0) {
            throw new IllegalArgumentException("BilinearResize: sizes must be positive, got input " + n + ", output " + m);
        }
        double[][] a = new double[m][n];
        double scale = (double) n / m;
        for (int d = 0; d < m; d++) {
            double src = Math.max(0.0, (d + 0.5) * scale - 0.5);
            int i0 = Math.min((int) Math.floor(src), n - 1);
            int i1 = Math.min(i0 + 1, n - 1);
            double lambda = src - i0;
            a[d][i0] += 1.0 - lambda;
            a[d][i1] += lambda;
        }
        return a;
    }

    /**
     * Resizes N×C×H×W images to N×C×outH×outW (float32 result; arithmetic in double). The result is
     * always a new array, also when the size does not change.
     *
     * @throws IllegalArgumentException when {@code images} is not rank 4 or a size is not positive
     */
    public static INDArray resize(INDArray images, int outH, int outW) {
        Objects.requireNonNull(images, "images");
        if (images.rank() != 4) {
            throw new IllegalArgumentException("BilinearResize: images must be rank 4 (N, C, H, W), got shape "
                    + java.util.Arrays.toString(images.shape()));
        }
        long n = images.size(0);
        long c = images.size(1);
        int h = Math.toIntExact(images.size(2));
        int w = Math.toIntExact(images.size(3));
        if (h == outH && w == outW) {
            // a copy even then: callers may scale the result in place
            return images.dataType() == DataType.FLOAT ? images.dup('c') : images.castTo(DataType.FLOAT);
        }
        INDArray x = images.castTo(DataType.DOUBLE).dup('c');
        // along W: (N*C*H, W) · (W, outW)
        INDArray y = x.reshape('c', n * c * h, w);
        if (w != outW) {
            y = y.mmul(Nd4j.create(weights(w, outW)).transpose());
        }
        // along H: per (n, c) plane, (outH, H) · (H, outW)
        INDArray planes = y.reshape('c', n * c, h, outW);
        INDArray out;
        if (h != outH) {
            INDArray t = planes.permute(0, 2, 1).dup('c').reshape('c', n * c * outW, h);
            INDArray r = t.mmul(Nd4j.create(weights(h, outH)).transpose()); // (N*C*outW, outH)
            out = r.reshape('c', n * c, outW, outH).permute(0, 2, 1).dup('c');
        } else {
            out = planes;
        }
        return out.reshape('c', n, c, outH, outW).castTo(DataType.FLOAT);
    }
}
