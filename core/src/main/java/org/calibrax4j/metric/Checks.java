package org.calibrax4j.metric;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one place for argument checks at metric boundaries. Every message names the metric, the
 * argument and the offending shape or value.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Checks that {@code array} is a finite, floating-point N×D matrix with D = {@code expectedCols}
     * (any D when {@code expectedCols} is negative) and returns its rows as a row-major float64 copy.
     *
     * @throws IllegalArgumentException on null, wrong rank, wrong width, non-float type or NaN/Inf
     */
    public static double[] finiteMatrix(String metric, String argument, INDArray array, long expectedCols) {
        requireMatrix(metric, argument, array, expectedCols);
        double[] data = toDoubles(array);
        long cols = array.size(1);
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException(String.format("%s: %s contains %s at row %d, column %d",
                        metric, argument, data[i], i / cols, i % cols));
            }
        }
        return data;
    }

    /** Checks rank 2, width and dtype without copying. */
    public static void requireMatrix(String metric, String argument, INDArray array, long expectedCols) {
        if (array == null) {
            throw new IllegalArgumentException(metric + ": " + argument + " must not be null");
        }
        if (array.rank() != 2) {
            throw new IllegalArgumentException(String.format(
                    "%s: %s must be a 2-D matrix (N x D), got rank %d with shape %s",
                    metric, argument, array.rank(), java.util.Arrays.toString(array.shape())));
        }
        if (!array.dataType().isFPType()) {
            throw new IllegalArgumentException(String.format("%s: %s must be float32 or float64, got %s",
                    metric, argument, array.dataType()));
        }
        if (expectedCols >= 0 && array.size(1) != expectedCols) {
            throw new IllegalArgumentException(String.format(
                    "%s: %s has %d columns, expected %d (shape %s)",
                    metric, argument, array.size(1), expectedCols, java.util.Arrays.toString(array.shape())));
        }
    }

    /** A row-major float64 copy of any array (never a view of it). */
    public static double[] toDoubles(INDArray array) {
        if (array.length() == 0) {
            return new double[0];
        }
        return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /**
     * @throws IllegalArgumentException when {@code value} is not strictly positive
     */
    public static int positive(String metric, String argument, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(metric + ": " + argument + " must be > 0, got " + value);
        }
        return value;
    }
}
