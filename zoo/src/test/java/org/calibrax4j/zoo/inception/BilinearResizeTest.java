package org.calibrax4j.zoo.inception;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BilinearResizeTest {
    /** F.interpolate(bilinear, align_corners=False) written out per output pixel. */
    private static double direct(INDArray x, int c, int oh, int ow, int outH, int outW) {
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        double sy = Math.max(0, (oh + 0.5) * h / outH - 0.5);
        double sx = Math.max(0, (ow + 0.5) * w / outW - 0.5);
        int y0 = (int) sy;
        int x0 = (int) sx;
        int y1 = Math.min(y0 + 1, h - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        double ly = sy - y0;
        double lx = sx - x0;
        return (1 - ly) * ((1 - lx) * x.getDouble(0, c, y0, x0) + lx * x.getDouble(0, c, y0, x1))
                + ly * ((1 - lx) * x.getDouble(0, c, y1, x0) + lx * x.getDouble(0, c, y1, x1));
    }

    @Test
    void matchesThePerPixelFormulaUpAndDownAndNonSquare() {
        INDArray x = Nd4j.linspace(0, 1, 2 * 5 * 7, DataType.DOUBLE).reshape(1, 2, 5, 7).muli(Nd4j.rand(DataType.DOUBLE, 1, 2, 5, 7));
        for (int[] size : new int[][] {{11, 3}, {5, 16}, {2, 2}, {13, 13}}) {
            INDArray y = BilinearResize.resize(x, size[0], size[1]);
            assertArrayEquals(new long[] {1, 2, size[0], size[1]}, y.shape());
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < size[0]; i++) {
                    for (int j = 0; j < size[1]; j++) {
                        assertEquals(direct(x, c, i, j, size[0], size[1]), y.getDouble(0, c, i, j), 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void sameSizeIsAnIdentityCopyAndPreprocessLeavesItsInputAlone() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 299, 299);
        INDArray before = x.dup();
        INDArray y = BilinearResize.resize(x, 299, 299);
        assertNotSame(x, y);
        assertEquals(before, y);
        INDArray p = FidInceptionV3.preprocess(x);
        assertEquals(before, x, "preprocess must not scale its input in place");
        assertEquals(before.mul(2).subi(1), p);
        double[][] a = BilinearResize.weights(4, 4);
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, a[i][i], 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> BilinearResize.resize(Nd4j.zeros(3, 4, 4), 2, 2));
    }
}
