package org.calibrax4j.metriclearning;

import java.util.Arrays;
import org.calibrax4j.metric.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conversions from ND4J arrays and optional strict batch checks.
 *
 * <p>The losses follow the reference implementation and return 0 with a zero gradient on a batch
 * that has no tuple (e.g. all labels distinct). Where such a batch is a data-pipeline bug, call
 * {@link #requirePositiveAndNegativePair} (or {@link EmbeddingLoss#evaluateStrict}) first.
 */
public final class Batches {
    private Batches() {
    }

    /**
     * A finite B × D float array as a float64 matrix copy.
     *
     * @throws IllegalArgumentException on a wrong rank, an integer type or a non-finite value
     */
    public static double[][] embeddings(String loss, INDArray embeddings) {
        return matrix(loss, "embeddings", embeddings);
    }

    /**
     * A finite float matrix named {@code argument} as a float64 copy.
     *
     * @throws IllegalArgumentException on a wrong rank, an integer type or a non-finite value
     */
    public static double[][] matrix(String loss, String argument, INDArray m) {
        double[] flat = Checks.finiteMatrix(loss, argument, m, -1);
        int b = (int) m.size(0);
        int d = (int) m.size(1);
        double[][] out = new double[b][d];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }

    /**
     * A rank-1 (or B × 1) array of non-negative integral class ids.
     *
     * @throws IllegalArgumentException on another shape or a non-integral or negative value
     */
    public static int[] labels(String loss, INDArray labels) {
        if (labels == null) {
            throw Args.fail(loss, "labels must not be null");
        }
        boolean column = labels.rank() == 2 && labels.size(1) == 1;
        if (labels.rank() != 1 && !column) {
            throw Args.fail(loss, "labels must be a vector of B class ids, got shape %s",
                    Arrays.toString(labels.shape()));
        }
        double[] v = Checks.toDoubles(labels);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0) || v[i] != Math.rint(v[i]) || v[i] > Integer.MAX_VALUE) {
                throw Args.fail(loss, "labels[%d] = %s is not a non-negative integer class id", i, v[i]);
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /**
     * Checks that the batch has at least one positive pair (two samples of one class) and one
     * negative pair (two classes).
     *
     * @throws IllegalArgumentException naming the loss and the label counts otherwise
     */
    public static void requirePositiveAndNegativePair(String loss, int[] labels) {
        Args.notNull(loss, "labels", labels);
        long distinct = Arrays.stream(labels).distinct().count();
        if (distinct == labels.length) {
            throw Args.fail(loss, "batch has no positive pair: all %d labels are distinct", labels.length);
        }
        if (distinct < 2) {
            throw Args.fail(loss, "batch has no negative pair: all %d labels are %s", labels.length,
                    labels.length == 0 ? "absent" : String.valueOf(labels[0]));
        }
    }
}
