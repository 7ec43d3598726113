package org.calibrax4j.functional;

import java.util.Arrays;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A confusion matrix over the sorted union of the labels seen in targets and predictions: row =
 * true label, column = predicted label, as {@code sklearn.metrics.confusion_matrix(y_true, y_pred)}.
 *
 * <p>It is also the streaming state of the confusion-matrix metrics of {@link Classification}
 * (accuracy, balanced accuracy, precision/recall/F1/Jaccard, MCC, κ): an immutable, associative
 * value — {@code empty().update(batch1).update(batch2)} equals {@code merge} of the per-batch
 * matrices in any grouping and equals one pass over all data. Accessors return copies.
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

    private static final ConfusionMatrix EMPTY = new ConfusionMatrix(new int[0], new long[0][0]);

    /** The matrix of no samples (no labels); the identity of {@link #merge}. */
    public static ConfusionMatrix empty() {
        return EMPTY;
    }

    /**
     * This matrix plus one batch: {@code merge(of(yTrue, yPred))}. Returns a new matrix; on bad
     * input it throws and this one is unchanged (it is immutable).
     *
     * @throws IllegalArgumentException as {@link #of}
     */
    public ConfusionMatrix update(INDArray yTrue, INDArray yPred) {
        return merge(of(yTrue, yPred));
    }

    /**
     * The matrix of both sample sets: counts added over the union of the two label sets.
     *
     * @throws IllegalArgumentException when {@code other} is null
     */
    public ConfusionMatrix merge(ConfusionMatrix other) {
        if (other == null) {
            throw new IllegalArgumentException("confusionMatrix: other must not be null");
        }
        TreeSet<Integer> set = new TreeSet<>();
        for (int v : labels) {
            set.add(v);
        }
        for (int v : other.labels) {
            set.add(v);
        }
        int[] all = set.stream().mapToInt(Integer::intValue).toArray();
        long[][] c = new long[all.length][all.length];
        for (ConfusionMatrix m : new ConfusionMatrix[] {this, other}) {
            for (int i = 0; i < m.labels.length; i++) {
                int r = Arrays.binarySearch(all, m.labels[i]);
                for (int j = 0; j < m.labels.length; j++) {
                    c[r][Arrays.binarySearch(all, m.labels[j])] += m.counts[i][j];
                }
            }
        }
        return new ConfusionMatrix(all, c);
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
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && Arrays.equals(labels, m.labels) && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.toString(labels) + Arrays.deepToString(counts);
    }
}
