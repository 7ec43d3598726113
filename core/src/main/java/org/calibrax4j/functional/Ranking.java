package org.calibrax4j.functional;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ranking metrics on (queries × items) matrices of graded relevance (finite, ≥ 0) and predicted
 * scores (finite); every result is the mean over queries. Binary relevance, where needed, is
 * relevance &gt; 0; items are ranked by descending score.
 */
public final class Ranking {
    private Ranking() {
    }

    private record Data(double[] rel, double[] score, int queries, int items) {
    }

    private static Data data(String fn, INDArray relevance, INDArray score) {
        Inputs.rank(fn, "relevance", relevance, 2);
        Inputs.rank(fn, "score", score, 2);
        Inputs.sameShape(fn, "relevance", relevance, "score", score);
        return new Data(Inputs.nonNegative(fn, "relevance", relevance), Inputs.finite(fn, "score", score),
                (int) relevance.size(0), (int) relevance.size(1));
    }

    /** NDCG over all items; see {@link #ndcg(INDArray, INDArray, int)}. */
    public static double ndcg(INDArray relevance, INDArray score) {
        return ndcg("ndcg", relevance, score, Integer.MAX_VALUE);
    }

    /**
     * Normalised discounted cumulative gain at k: per query DCG@k = Σ_{rank ≤ k} rel/log2(rank + 1)
     * (linear gain, ranks from 1) divided by the DCG@k of the ideal ordering, then the mean over
     * queries; a query without relevant items scores 0 (and is kept in the mean). Tied scores: every
     * member of a tie group gets the group's mean gain and the group shares its discounts. Matches
     * {@code sklearn.metrics.ndcg_score(y_true, y_score, k, ignore_ties=False)}.
     *
     * @throws IllegalArgumentException when k &lt; 1, there is only one item, or on bad shapes/values
     */
    public static double ndcg(INDArray relevance, INDArray score, int k) {
        return ndcg("ndcg", relevance, score, Inputs.positive("ndcg", "k", k));
    }

    private static double ndcg(String fn, INDArray relevance, INDArray score, int k) {
        Data d = data(fn, relevance, score);
        if (d.items < 2) {
            throw new IllegalArgumentException(fn + ": needs at least 2 items per query, got shape "
                    + Inputs.shape(relevance));
        }
        double[] discountCum = new double[d.items];
        double c = 0;
        for (int r = 0; r < d.items; r++) {
            c += r < k ? 1.0 / (Math.log(r + 2) / Math.log(2)) : 0.0;
            discountCum[r] = c;
        }
        double total = 0;
        for (int q = 0; q < d.queries; q++) {
            double[] rel = Arrays.copyOfRange(d.rel, q * d.items, (q + 1) * d.items);
            double[] s = Arrays.copyOfRange(d.score, q * d.items, (q + 1) * d.items);
            double ideal = idealDcg(rel, discountCum);
            if (ideal == 0) {
                continue;
            }
            total += tieAveragedDcg(rel, s, discountCum) / ideal;
        }
        return total / d.queries;
    }

    private static double idealDcg(double[] rel, double[] discountCum) {
        double[] sorted = rel.clone();
        Arrays.sort(sorted);
        double dcg = 0;
        double prev = 0;
        for (int r = 0; r < sorted.length; r++) {
            double disc = discountCum[r] - prev;
            prev = discountCum[r];
            dcg += sorted[sorted.length - 1 - r] * disc;
        }
        return dcg;
    }

    private static double tieAveragedDcg(double[] rel, double[] s, double[] discountCum) {
        int n = rel.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        double dcg = 0;
        int i = 0;
        double prevCum = 0;
        while (i < n) {
            int j = i;
            double gain = 0;
            while (j < n && s[order[j]] == s[order[i]]) {
                gain += rel[order[j]];
                j++;
            }
            double cum = discountCum[j - 1];
            dcg += gain / (j - i) * (cum - prevCum);
            prevCum = cum;
            i = j;
        }
        return dcg;
    }

    /** Item indices of one query by descending score, ties broken by the lower item index. */
    private static Integer[] ranking(Data d, int q) {
        Integer[] order = new Integer[d.items];
        for (int i = 0; i < d.items; i++) {
            order[i] = i;
        }
        int base = q * d.items;
        Arrays.sort(order, (a, b) -> Double.compare(d.score[base + b], d.score[base + a]));
        return order;
    }

    /**
     * Mean reciprocal rank: per query 1/rank of the first relevant item (0 when none is relevant),
     * mean over queries; documented formula, agreeing per query with torchmetrics
     * {@code retrieval_reciprocal_rank}. Tied scores are ordered by item index.
     *
     * @throws IllegalArgumentException on bad shapes/values
     */
    public static double meanReciprocalRank(INDArray relevance, INDArray score) {
        Data d = data("meanReciprocalRank", relevance, score);
        double total = 0;
        for (int q = 0; q < d.queries; q++) {
            Integer[] order = ranking(d, q);
            for (int r = 0; r < d.items; r++) {
                if (d.rel[q * d.items + order[r]] > 0) {
                    total += 1.0 / (r + 1);
                    break;
                }
            }
        }
        return total / d.queries;
    }

    /**
     * Precision at k: per query (relevant items among the k highest scores)/k, mean over queries;
     * documented formula, agreeing with torchmetrics {@code retrieval_precision(top_k=k)}.
     *
     * @throws IllegalArgumentException when k &lt; 1 or on bad shapes/values
     */
    public static double precisionAtK(INDArray relevance, INDArray score, int k) {
        String fn = "precisionAtK";
        Inputs.positive(fn, "k", k);
        Data d = data(fn, relevance, score);
        double total = 0;
        for (int q = 0; q < d.queries; q++) {
            total += (double) hits(d, q, k) / k;
        }
        return total / d.queries;
    }

    /**
     * Recall at k: per query (relevant items among the k highest scores)/(relevant items), 0 for a
     * query without relevant items, mean over queries; documented formula, agreeing with torchmetrics
     * {@code retrieval_recall(top_k=k)}.
     *
     * @throws IllegalArgumentException when k &lt; 1 or on bad shapes/values
     */
    public static double recallAtK(INDArray relevance, INDArray score, int k) {
        String fn = "recallAtK";
        Inputs.positive(fn, "k", k);
        Data d = data(fn, relevance, score);
        double total = 0;
        for (int q = 0; q < d.queries; q++) {
            int relevant = 0;
            for (int i = 0; i < d.items; i++) {
                if (d.rel[q * d.items + i] > 0) {
                    relevant++;
                }
            }
            if (relevant > 0) {
                total += (double) hits(d, q, k) / relevant;
            }
        }
        return total / d.queries;
    }

    private static int hits(Data d, int q, int k) {
        Integer[] order = ranking(d, q);
        int h = 0;
        for (int r = 0; r < Math.min(k, d.items); r++) {
            if (d.rel[q * d.items + order[r]] > 0) {
                h++;
            }
        }
        return h;
    }
}
