package org.calibrax4j.functional;

import java.util.Arrays;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A confusion matrix over the sorted union of the labels seen in targets and predictions: row =
 * true label, column = predicted label, as {@code sklearn.metrics.confusion_matrix(y_true, y_pred)}.
 * Immutable; accessors return copies.
 */
public final class ConfusionMatrix {
    private final int[] labels;
    private final long[][] counts;

    private ConfusionMatrix(int[] labels, long[][] counts) {
        this.labels = labels;
        this.counts = counts;
    }

    /**
     * Counts {@code C[i][j]} = #{n : yTrue_n = labels[i] and yPred_n = labels[j]}.
     *
     * @param yTrue integer labels, shape (N)
     * @param yPred integer labels, shape (N)
     * @throws IllegalArgumentException on null, empty, non-integral or differently shaped inputs
     */
    public static ConfusionMatrix of(INDArray yTrue, INDArray yPred) {
        return of("confusionMatrix", yTrue, yPred);
    }

    static ConfusionMatrix of(String fn, INDArray yTrue, INDArray yPred) {
        int[] t = Inputs.labels(fn, "yTrue", yTrue);
        int[] p = Inputs.labels(fn, "yPred", yPred);
        Inputs.sameShape(fn, "yTrue", yTrue, "yPred", yPred);
        return of(t, p);
    }

    static ConfusionMatrix of(int[] t, int[] p) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int v : t) {
            set.add(v);
        }
        for (int v : p) {
            set.add(v);
        }
        int[] labels = set.stream().mapToInt(Integer::intValue).toArray();
        long[][] c = new long[labels.length][labels.length];
        for (int i = 0; i < t.length; i++) {
            c[Arrays.binarySearch(labels, t[i])][Arrays.binarySearch(labels, p[i])]++;
        }
        return new ConfusionMatrix(labels, c);
    }

    /** The labels indexing rows and columns, ascending. */
    public int[] labels() {
        return labels.clone();
    }

    /** Number of labels (rows = columns). */
    public int numClasses() {
        return labels.length;
    }

    /** A copy of the counts, {@code [true][predicted]}. */
    public long[][] counts() {
        long[][] out = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            out[i] = counts[i].clone();
        }
        return out;
    }

    /** Count of samples with true label index i predicted as label index j. */
    public long count(int i, int j) {
        return counts[i][j];
    }

    /** Number of samples. */
    public long total() {
        long s = 0;
        for (long[] row : counts) {
            for (long v : row) {
                s += v;
            }
        }
        return s;
    }

    /** Row sums: how often each label is the true label (its support). */
    public long[] trueCounts() {
        long[] s = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < labels.length; j++) {
                s[i] += counts[i][j];
            }
        }
        return s;
    }

    /** Column sums: how often each label is predicted. */
    public long[] predictedCounts() {
        long[] s = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < labels.length; j++) {
                s[j] += counts[i][j];
            }
        }
        return s;
    }

    /** Index of {@code label} in {@link #labels()}, or a negative number when absent. */
    public int indexOf(int label) {
        return Arrays.binarySearch(labels, label);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.toString(labels) + Arrays.deepToString(counts);
    }
}
