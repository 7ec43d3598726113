package org.calibrax4j.functional;

import java.math.BigInteger;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Clustering agreement and quality, matching scikit-learn 1.2.1. Cluster ids are integer labels of
 * shape (N); only the partition matters (relabelling does not change any score).
 */
public final class Clustering {
    private Clustering() {
    }

    /** Labels mapped to dense ids 0..k−1 in ascending label order. */
    private static int[] dense(int[] labels) {
        int[] u = Arrays.stream(labels).distinct().sorted().toArray();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = Arrays.binarySearch(u, labels[i]);
        }
        return out;
    }

    private static int count(int[] dense) {
        int m = -1;
        for (int v : dense) {
            m = Math.max(m, v);
        }
        return m + 1;
    }

    private static long[][] contingency(int[] a, int[] b) {
        long[][] c = new long[count(a)][count(b)];
        for (int i = 0; i < a.length; i++) {
            c[a[i]][b[i]]++;
        }
        return c;
    }

    private static int[][] pair(String fn, INDArray labelsTrue, INDArray labelsPred) {
        int[] t = Inputs.labels(fn, "labelsTrue", labelsTrue);
        int[] p = Inputs.labels(fn, "labelsPred", labelsPred);
        Inputs.sameShape(fn, "labelsTrue", labelsTrue, "labelsPred", labelsPred);
        return new int[][] {dense(t), dense(p)};
    }

    /**
     * Adjusted Rand index from the pair confusion matrix (tn, fp; fn, tp):
     * ARI = 2(tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)), 1.0 when fn = fp = 0 (full
     * agreement, e.g. two single-cluster labelings); exact integer counts. Matches
     * {@code adjusted_rand_score}.
     *
     * @throws IllegalArgumentException on null, empty, non-integral or differently shaped labels
     */
    public static double adjustedRandIndex(INDArray labelsTrue, INDArray labelsPred) {
        int[][] l = pair("adjustedRandIndex", labelsTrue, labelsPred);
        long[][] c = contingency(l[0], l[1]);
        long n = l[0].length;
        long[] rows = new long[c.length];
        long[] cols = new long[c[0].length];
        BigInteger sumSquares = BigInteger.ZERO;
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[0].length; j++) {
                rows[i] += c[i][j];
                cols[j] += c[i][j];
                sumSquares = sumSquares.add(BigInteger.valueOf(c[i][j]).pow(2));
            }
        }
        BigInteger rowsDot = BigInteger.ZERO;
        BigInteger colsDot = BigInteger.ZERO;
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[0].length; j++) {
                colsDot = colsDot.add(BigInteger.valueOf(c[i][j]).multiply(BigInteger.valueOf(cols[j])));
                rowsDot = rowsDot.add(BigInteger.valueOf(c[i][j]).multiply(BigInteger.valueOf(rows[i])));
            }
        }
        BigInteger bn = BigInteger.valueOf(n);
        BigInteger tp = sumSquares.subtract(bn);
        BigInteger fp = colsDot.subtract(sumSquares);
        BigInteger fn = rowsDot.subtract(sumSquares);
        BigInteger tn = bn.multiply(bn).subtract(fp).subtract(fn).subtract(sumSquares);
        if (fn.signum() == 0 && fp.signum() == 0) {
            return 1.0;
        }
        BigInteger numer = tp.multiply(tn).subtract(fn.multiply(fp));
        BigInteger denom = tp.add(fn).multiply(fn.add(tn)).add(tp.add(fp).multiply(fp.add(tn)));
        return 2.0 * numer.doubleValue() / denom.doubleValue();
    }

    /**
     * Normalised mutual information with arithmetic normalisation, NMI = MI / ((H(true) + H(pred))/2)
     * in nats; 1.0 when both labelings are a single cluster, 0.0 when MI = 0. Matches
     * {@code normalized_mutual_info_score(average_method='arithmetic')}.
     *
     * @throws IllegalArgumentException on null, empty, non-integral or differently shaped labels
     */
    public static double normalizedMutualInformation(INDArray labelsTrue, INDArray labelsPred) {
        int[][] l = pair("normalizedMutualInformation", labelsTrue, labelsPred);
        int kt = count(l[0]);
        int kp = count(l[1]);
        if (kt == 1 && kp == 1) {
            return 1.0;
        }
        long[][] c = contingency(l[0], l[1]);
        double mi = mutualInformation(c);
        if (mi == 0) {
            return 0.0;
        }
        double ht = entropy(l[0], kt);
        double hp = entropy(l[1], kp);
        return mi / ((ht + hp) / 2.0);
    }

    /** scikit-learn's mutual_info_score evaluation order from the non-zero contingency cells. */
    private static double mutualInformation(long[][] c) {
        int r = c.length;
        int k = c[0].length;
        if (r == 1 || k == 1) {
            return 0.0;
        }
        double[] pi = new double[r];
        double[] pj = new double[k];
        double total = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < k; j++) {
                pi[i] += c[i][j];
                pj[j] += c[i][j];
                total += c[i][j];
            }
        }
        double logTotal = Math.log(total);
        double mi = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < k; j++) {
                if (c[i][j] == 0) {
                    continue;
                }
                double nm = c[i][j] / total;
                double logOuter = -Math.log(pi[i] * pj[j]) + Math.log(total) + Math.log(total);
                double term = nm * (Math.log(c[i][j]) - logTotal) + nm * logOuter;
                if (Math.abs(term) >= Math.ulp(1.0)) {
                    mi += term;
                }
            }
        }
        return Math.max(mi, 0.0);
    }

    private static double entropy(int[] dense, int k) {
        double[] counts = new double[k];
        for (int v : dense) {
            counts[v]++;
        }
        double total = dense.length;
        double logTotal = Math.log(total);
        double h = 0;
        for (double ci : counts) {
            h += ci / total * (Math.log(ci) - logTotal);
        }
        return -h;
    }

    /**
     * Mean silhouette coefficient with Euclidean distances: s_i = (b_i − a_i)/max(a_i, b_i), a_i the
     * mean distance to the other members of i's cluster (÷ (n_c − 1)), b_i the smallest mean distance to
     * another cluster; s_i = 0 for a singleton cluster. Matches
     * {@code silhouette_score(X, labels, metric='euclidean')}. Exact pairwise distances: O(N²·D) time,
     * O(N + #clusters) memory (no N×N matrix).
     *
     * @param x points, shape (N, D), finite
     * @param labels cluster ids, shape (N)
     * @throws IllegalArgumentException unless 2 ≤ #clusters ≤ N − 1, or on bad shapes/values
     */
    public static double silhouetteScore(INDArray x, INDArray labels) {
        String fn = "silhouetteScore";
        Inputs.rank(fn, "x", x, 2);
        int[] l = dense(Inputs.labels(fn, "labels", labels));
        Inputs.sameLength(fn, "x", x, "labels", labels);
        double[] pts = Inputs.finite(fn, "x", x);
        int n = l.length;
        int dim = (int) x.size(1);
        int k = count(l);
        if (k < 2 || k > n - 1) {
            throw new IllegalArgumentException(String.format(
                    "%s: number of clusters is %d; valid values are 2 to n_samples - 1 = %d (inclusive)", fn, k, n - 1));
        }
        long[] size = new long[k];
        for (int v : l) {
            size[v]++;
        }
        double total = 0;
        double[] sums = new double[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(sums, 0);
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    double e = pts[i * dim + d] - pts[j * dim + d];
                    s += e * e;
                }
                sums[l[j]] += Math.sqrt(s);
            }
            int own = l[i];
            if (size[own] == 1) {
                continue; // s_i = 0
            }
            double a = sums[own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own) {
                    b = Math.min(b, sums[c] / size[c]);
                }
            }
            double m = Math.max(a, b);
            total += m == 0 ? 0 : (b - a) / m;
        }
        return total / n;
    }
}
