package org.calibrax4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Feature matrices and index arrays for the feature-set commands (kid, prdc); messages start with the file. */
final class FeatureFiles {
    /** Rows per update: bounds the float64 copy made while validating a large file. */
    static final int BATCH_ROWS = 4096;

    private FeatureFiles() {
    }

    /** An N×D float matrix with N ≥ minRows. */
    static INDArray features(Path file, String role, int minRows) throws IOException {
        INDArray a = InputFiles.npy(file, role);
        InputFiles.requireFloatMatrix(file, a, "a feature matrix (N x D)", minRows);
        return a;
    }

    /** Feeds the rows in batches; a rejected batch is reported with the file and its row range. */
    static void feed(Path file, INDArray features, Consumer<INDArray> update) {
        long n = features.size(0);
        for (long start = 0; start < n; start += BATCH_ROWS) {
            long end = Math.min(n, start + BATCH_ROWS);
            INDArray batch = n <= BATCH_ROWS ? features : features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            try {
                update.accept(batch);
            } catch (IllegalArgumentException e) {
                String rows = n > BATCH_ROWS ? "in rows " + start + ".." + (end - 1) + " (row numbers relative): " : "";
                throw new IllegalArgumentException(file + ": " + rows + e.getMessage(), e);
            }
        }
    }

    /** Requires both files to have the same width D. */
    static void requireSameWidth(Path a, INDArray x, Path b, INDArray y) {
        if (x.size(1) != y.size(1)) {
            throw new IllegalArgumentException("feature widths differ: " + a + " has D=" + x.size(1) + ", " + b
                    + " has D=" + y.size(1));
        }
    }

    /** A 2-D integer array (subsets × subsetSize) as int[][]. */
    static int[][] indexMatrix(Path file) throws IOException {
        INDArray a = InputFiles.npy(file, "subset indices");
        if (a.rank() != 2 || !a.dataType().isIntType()) {
            throw new IllegalArgumentException(file + ": expected an integer array of shape (subsets, subsetSize), got "
                    + a.dataType() + " of shape " + Arrays.toString(a.shape()));
        }
        long[][] l = a.toLongMatrix();
        int[][] out = new int[l.length][];
        for (int i = 0; i < l.length; i++) {
            out[i] = new int[l[i].length];
            for (int j = 0; j < l[i].length; j++) {
                if (l[i][j] < Integer.MIN_VALUE || l[i][j] > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(file + ": index " + l[i][j] + " at [" + i + ", " + j + "] is out of range");
                }
                out[i][j] = (int) l[i][j];
            }
        }
        return out;
    }
}
