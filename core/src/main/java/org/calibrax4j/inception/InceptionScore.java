package org.calibrax4j.inception;

/**
 * Inception Score kernel (Salimans et al. 2016): over each chunk of rows,
 * IS = exp( mean_i KL(p(y|x_i) ‖ p̄(y)) ) with p̄ the chunk's mean distribution; the result is the
 * mean and the population standard deviation (ddof = 0) of the chunk scores.
 *
 * <p>Convention (that of the original {@code improved-gan} code): rows in arrival order, chunk k =
 * rows [⌊kN/s⌋, ⌊(k+1)N/s⌋), always s chunks; 0·log 0 = 0. torchmetrics instead shuffles rows,
 * uses {@code torch.chunk} boundaries and ddof = 1; its mean agrees whenever s divides N.
 */
public final class InceptionScore {
    private InceptionScore() {
    }

    /** Mean and population std of the chunk scores, and the scores themselves. */
    public record Value(double mean, double std, double[] chunkScores) {
    }

    /**
     * @param probs row-major N×C probabilities (rows summing to 1)
     * @throws IllegalArgumentException when {@code n < splits}
     */
    public static Value compute(double[] probs, int n, int c, int splits) {
        if (splits < 1 || n < splits) {
            throw new IllegalArgumentException("InceptionScore: needs at least splits=" + splits + " rows, have " + n);
        }
        double[] scores = new double[splits];
        for (int k = 0; k < splits; k++) {
            int start = (int) ((long) k * n / splits);
            int end = (int) ((long) (k + 1) * n / splits);
            scores[k] = chunkScore(probs, start, end, c);
        }
        double mean = 0;
        for (double s : scores) {
            mean += s;
        }
        mean /= splits;
        double var = 0;
        for (double s : scores) {
            var += (s - mean) * (s - mean);
        }
        return new Value(mean, Math.sqrt(var / splits), scores);
    }

    private static double chunkScore(double[] p, int start, int end, int c) {
        double[] marginal = new double[c];
        for (int i = start; i < end; i++) {
            for (int j = 0; j < c; j++) {
                marginal[j] += p[i * c + j];
            }
        }
        int rows = end - start;
        double[] logMarginal = new double[c];
        for (int j = 0; j < c; j++) {
            marginal[j] /= rows;
            logMarginal[j] = marginal[j] > 0 ? Math.log(marginal[j]) : 0.0; // only used where p > 0, so p̄ > 0
        }
        double kl = 0;
        for (int i = start; i < end; i++) {
            double rowKl = 0;
            for (int j = 0; j < c; j++) {
                double pij = p[i * c + j];
                if (pij > 0) {
                    rowKl += pij * (Math.log(pij) - logMarginal[j]);
                }
            }
            kl += rowKl;
        }
        return Math.exp(kl / rows);
    }

    /** Row-wise softmax of row-major N×C logits in float64 (max-subtracted for stability). */
    public static double[] softmax(double[] logits, int n, int c) {
        double[] p = new double[logits.length];
        for (int i = 0; i < n; i++) {
            int o = i * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, logits[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                double e = Math.exp(logits[o + j] - max);
                p[o + j] = e;
                sum += e;
            }
            for (int j = 0; j < c; j++) {
                p[o + j] /= sum;
            }
        }
        return p;
    }
}
