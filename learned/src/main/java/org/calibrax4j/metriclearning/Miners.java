package org.calibrax4j.metriclearning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tuple miners: each returns int index tuples (0-based batch indices) with rows sorted
 * lexicographically. Columns are (anchor, positive, negative) for triplets and (anchor, negative)
 * for pairs. Ties in an arg-min/arg-max go to the lowest index.
 *
 * <ul>
 *   <li>{@link #batchHard}: pytorch-metric-learning {@code BatchHardMiner} (Hermans et al. 2017):
 *       (a, farthest positive, closest negative) per anchor that has both.</li>
 *   <li>{@link #hardNegativePairs}: the negative pairs of PML
 *       {@code BatchEasyHardMiner(pos_strategy='all', neg_strategy='hard')}: (a, closest negative)
 *       for every anchor that has a negative, even one without a positive.</li>
 *   <li>{@link #hardNegativeTriplets}: (a, p, closest negative of a) for every ordered positive
 *       pair (a, p): calibrax {@code HardNegativeMiner} (= PML's {@code convert_to_triplets} of the
 *       miner above).</li>
 *   <li>{@link #semiHardAll}: PML {@code TripletMarginMiner(margin=μ, type_of_triplets='semihard')}:
 *       every (a, p, n) with 0 &lt; d(a, n) − d(a, p) ≤ μ.</li>
 *   <li>{@link #semiHardClosest}: calibrax {@code SemiHardMiner(margin=μ)}: per positive pair the
 *       closest n with d(a, p) &lt; d(a, n) &lt; d(a, p) + μ; pairs without one are skipped.</li>
 * </ul>
 */
public final class Miners {
    static final String NAME = "Miners";

    private Miners() {
    }

    /** B × B distances in float64 (raw or between L2-normalised embeddings). */
    static double[][] distances(String who, double[][] e, int[] labels, Distance distance) {
        Args.matrix(who, "embeddings", e, -1, -1);
        Args.labels(who, labels, e.length, -1);
        Args.notNull(who, "distance", distance);
        double[][] x = e;
        if (distance == Distance.EUCLIDEAN_NORMALIZED) {
            x = new double[e.length][];
            for (int i = 0; i < e.length; i++) {
                double n = 0;
                for (double v : e[i]) {
                    n += v * v;
                }
                n = Math.max(Math.sqrt(n), Kernels.PML_NORM_FLOOR);
                x[i] = new double[e[i].length];
                for (int k = 0; k < e[i].length; k++) {
                    x[i][k] = e[i][k] / n;
                }
            }
        }
        int b = x.length;
        double[][] d = new double[b][b];
        for (int i = 0; i < b; i++) {
            for (int j = i + 1; j < b; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double diff = x[i][k] - x[j][k];
                    s += diff * diff;
                }
                d[i][j] = Math.sqrt(s);
                d[j][i] = d[i][j];
            }
        }
        return d;
    }

    /**
     * Batch-hard triplets.
     *
     * @throws IllegalArgumentException on bad embeddings or labels
     */
    public static int[][] batchHard(double[][] embeddings, int[] labels, Distance distance) {
        double[][] d = distances("BatchHardMiner", embeddings, labels, distance);
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < d.length; a++) {
            int p = -1;
            int n = -1;
            for (int k = 0; k < d.length; k++) {
                if (k == a) {
                    continue;
                }
                if (labels[k] == labels[a]) {
                    if (p < 0 || d[a][k] > d[a][p]) {
                        p = k;
                    }
                } else if (n < 0 || d[a][k] < d[a][n]) {
                    n = k;
                }
            }
            if (p >= 0 && n >= 0) {
                out.add(new int[] {a, p, n});
            }
        }
        return sorted(out, 3);
    }

    /** Closest negative of every anchor that has one (-1 for anchors without). */
    private static int[] hardestNegatives(double[][] d, int[] labels) {
        int[] neg = new int[d.length];
        for (int a = 0; a < d.length; a++) {
            neg[a] = -1;
            for (int k = 0; k < d.length; k++) {
                if (labels[k] != labels[a] && (neg[a] < 0 || d[a][k] < d[a][neg[a]])) {
                    neg[a] = k;
                }
            }
        }
        return neg;
    }

    /** (anchor, closest negative) for every anchor with a negative. */
    public static int[][] hardNegativePairs(double[][] embeddings, int[] labels, Distance distance) {
        double[][] d = distances("HardNegativeMiner", embeddings, labels, distance);
        int[] neg = hardestNegatives(d, labels);
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < d.length; a++) {
            if (neg[a] >= 0) {
                out.add(new int[] {a, neg[a]});
            }
        }
        return sorted(out, 2);
    }

    /** (anchor, positive, closest negative of the anchor) for every ordered positive pair. */
    public static int[][] hardNegativeTriplets(double[][] embeddings, int[] labels, Distance distance) {
        double[][] d = distances("HardNegativeMiner", embeddings, labels, distance);
        int[] neg = hardestNegatives(d, labels);
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < d.length; a++) {
            for (int p = 0; p < d.length; p++) {
                if (p != a && labels[p] == labels[a] && neg[a] >= 0) {
                    out.add(new int[] {a, p, neg[a]});
                }
            }
        }
        return sorted(out, 3);
    }

    /** Every semi-hard triplet: 0 &lt; d(a, n) − d(a, p) ≤ μ. */
    public static int[][] semiHardAll(double[][] embeddings, int[] labels, Distance distance, double margin) {
        Args.positive("SemiHardMiner", "margin", margin);
        double[][] d = distances("SemiHardMiner", embeddings, labels, distance);
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < d.length; a++) {
            for (int p = 0; p < d.length; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                for (int n = 0; n < d.length; n++) {
                    double gap = d[a][n] - d[a][p];
                    if (labels[n] != labels[a] && gap > 0 && gap <= margin) {
                        out.add(new int[] {a, p, n});
                    }
                }
            }
        }
        return sorted(out, 3);
    }

    /** Per positive pair the closest n with d(a, p) &lt; d(a, n) &lt; d(a, p) + μ. */
    public static int[][] semiHardClosest(double[][] embeddings, int[] labels, Distance distance, double margin) {
        Args.positive("SemiHardMiner", "margin", margin);
        double[][] d = distances("SemiHardMiner", embeddings, labels, distance);
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < d.length; a++) {
            for (int p = 0; p < d.length; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                int best = -1;
                for (int n = 0; n < d.length; n++) {
                    if (labels[n] != labels[a] && d[a][n] > d[a][p] && d[a][n] < d[a][p] + margin
                            && (best < 0 || d[a][n] < d[a][best])) {
                        best = n;
                    }
                }
                if (best >= 0) {
                    out.add(new int[] {a, p, best});
                }
            }
        }
        return sorted(out, 3);
    }

    /** {@link #batchHard(double[][], int[], Distance)} on ND4J arrays. */
    public static int[][] batchHard(INDArray embeddings, INDArray labels, Distance distance) {
        return batchHard(Batches.embeddings(NAME, embeddings), Batches.labels(NAME, labels), distance);
    }

    /** {@link #hardNegativePairs(double[][], int[], Distance)} on ND4J arrays. */
    public static int[][] hardNegativePairs(INDArray embeddings, INDArray labels, Distance distance) {
        return hardNegativePairs(Batches.embeddings(NAME, embeddings), Batches.labels(NAME, labels), distance);
    }

    /** {@link #hardNegativeTriplets(double[][], int[], Distance)} on ND4J arrays. */
    public static int[][] hardNegativeTriplets(INDArray embeddings, INDArray labels, Distance distance) {
        return hardNegativeTriplets(Batches.embeddings(NAME, embeddings), Batches.labels(NAME, labels), distance);
    }

    /** {@link #semiHardAll(double[][], int[], Distance, double)} on ND4J arrays. */
    public static int[][] semiHardAll(INDArray embeddings, INDArray labels, Distance distance, double margin) {
        return semiHardAll(Batches.embeddings(NAME, embeddings), Batches.labels(NAME, labels), distance, margin);
    }

    /** {@link #semiHardClosest(double[][], int[], Distance, double)} on ND4J arrays. */
    public static int[][] semiHardClosest(INDArray embeddings, INDArray labels, Distance distance, double margin) {
        return semiHardClosest(Batches.embeddings(NAME, embeddings), Batches.labels(NAME, labels), distance, margin);
    }

    private static int[][] sorted(List<int[]> rows, int width) {
        int[][] out = rows.toArray(new int[0][]);
        Comparator<int[]> lex = Arrays::compare;
        Arrays.sort(out, lex);
        return out.length == 0 ? new int[0][width] : out;
    }
}
