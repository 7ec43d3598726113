package org.calibrax4j.functional;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Streaming state of the moment-based regression metrics: per output j, the count N, Σe², Σ|e|,
 * Σ|e|/max(|y|, ε), max|e| and the mean and centred sum of squares of y and of e = y − ŷ, merged with
 * Chan et al.'s pairwise update (numerically stable, unlike raw Σy²). Immutable and associative:
 * folding batches with {@link #update} or {@link #merge} in any grouping gives the one-pass values
 * of {@link Regression} up to rounding. The median absolute error needs all residuals and is not
 * available here.
 */
public final class RegressionStatistics {
    private static final RegressionStatistics EMPTY = new RegressionStatistics(0, 0, new double[0][]);

    private final long n;
    private final int outputs;
    /** sumSq, sumAbs, sumApe, maxAbs, meanY, m2Y, meanE, m2E — each of length outputs. */
    private final double[][] s;

    private RegressionStatistics(long n, int outputs, double[][] s) {
        this.n = n;
        this.outputs = outputs;
        this.s = s;
    }

    /** The statistics of no samples; the identity of {@link #merge}. */
    public static RegressionStatistics empty() {
        return EMPTY;
    }

    /**
     * The statistics of one batch, (N) or (N, K) targets and predictions.
     *
     * @throws IllegalArgumentException on null, empty, non-finite or differently shaped inputs
     */
    public static RegressionStatistics of(INDArray yTrue, INDArray yPred) {
        String fn = "regressionStatistics";
        Inputs.rank(fn, "yTrue", yTrue, 1, 2);
        Inputs.rank(fn, "yPred", yPred, 1, 2);
        Inputs.sameShape(fn, "yTrue", yTrue, "yPred", yPred);
        double[] t = Inputs.finite(fn, "yTrue", yTrue);
        double[] p = Inputs.finite(fn, "yPred", yPred);
        int rows = Inputs.toInt(fn, "yTrue", yTrue.size(0));
        int k = yTrue.rank() == 1 ? 1 : Inputs.toInt(fn, "yTrue", yTrue.size(1));
        double[][] s = new double[8][k];
        for (int j = 0; j < k; j++) {
            double my = 0;
            double me = 0;
            for (int i = 0; i < rows; i++) {
                double y = t[i * k + j];
                double e = y - p[i * k + j];
                s[0][j] += e * e;
                s[1][j] += Math.abs(e);
                s[2][j] += Math.abs(e) / Math.max(Math.abs(y), Regression.MAPE_EPSILON);
                s[3][j] = Math.max(s[3][j], Math.abs(e));
                my += y;
                me += e;
            }
            my /= rows;
            me /= rows;
            double m2y = 0;
            double m2e = 0;
            for (int i = 0; i < rows; i++) {
                double dy = t[i * k + j] - my;
                double de = t[i * k + j] - p[i * k + j] - me;
                m2y += dy * dy;
                m2e += de * de;
            }
            s[4][j] = my;
            s[5][j] = m2y;
            s[6][j] = me;
            s[7][j] = m2e;
        }
        return new RegressionStatistics(rows, k, s);
    }

    /**
     * This state plus one batch; a new value (this one is unchanged, also when the batch is refused).
     *
     * @throws IllegalArgumentException on bad input or a number of outputs different from this state's
     */
    public RegressionStatistics update(INDArray yTrue, INDArray yPred) {
        return merge(of(yTrue, yPred));
    }

    /**
     * The statistics of both sample sets.
     *
     * @throws IllegalArgumentException when {@code other} is null or has another number of outputs
     */
    public RegressionStatistics merge(RegressionStatistics other) {
        if (other == null) {
            throw new IllegalArgumentException("regressionStatistics: other must not be null");
        }
        if (other.n == 0) {
            return this;
        }
        if (n == 0) {
            return other;
        }
        if (other.outputs != outputs) {
            throw new IllegalArgumentException(String.format(
                    "regressionStatistics: cannot merge %d outputs with %d outputs", outputs, other.outputs));
        }
        long total = n + other.n;
        double[][] r = new double[8][outputs];
        for (int j = 0; j < outputs; j++) {
            r[0][j] = s[0][j] + other.s[0][j];
            r[1][j] = s[1][j] + other.s[1][j];
            r[2][j] = s[2][j] + other.s[2][j];
            r[3][j] = Math.max(s[3][j], other.s[3][j]);
            for (int m = 4; m <= 6; m += 2) {
                double delta = other.s[m][j] - s[m][j];
                r[m][j] = s[m][j] + delta * ((double) other.n / total);
                r[m + 1][j] = s[m + 1][j] + other.s[m + 1][j] + delta * delta * ((double) n * other.n / total);
            }
        }
        return new RegressionStatistics(total, outputs, r);
    }

    /** Number of samples folded in. */
    public long count() {
        return n;
    }

    /** Number of outputs K (0 while empty). */
    public int outputs() {
        return outputs;
    }

    private void requireSamples(String fn, long min) {
        if (n < min) {
            throw new IllegalStateException(String.format("%s: needs at least %d samples, the statistics hold %d",
                    fn, min, n));
        }
    }

    private double meanOver(double[] v, boolean sqrt, double divisor) {
        double m = 0;
        for (double x : v) {
            m += sqrt ? Math.sqrt(x / divisor) : x / divisor;
        }
        return m / v.length;
    }

    /**
     * MSE, as {@link Regression#meanSquaredError}.
     *
     * @throws IllegalStateException while empty
     */
    public double meanSquaredError() {
        requireSamples("meanSquaredError", 1);
        return meanOver(s[0], false, n);
    }

    /**
     * RMSE (mean over outputs of √MSE_j), as {@link Regression#rootMeanSquaredError}.
     *
     * @throws IllegalStateException while empty
     */
    public double rootMeanSquaredError() {
        requireSamples("rootMeanSquaredError", 1);
        return meanOver(s[0], true, n);
    }

    /**
     * MAE, as {@link Regression#meanAbsoluteError}.
     *
     * @throws IllegalStateException while empty
     */
    public double meanAbsoluteError() {
        requireSamples("meanAbsoluteError", 1);
        return meanOver(s[1], false, n);
    }

    /**
     * MAPE, as {@link Regression#meanAbsolutePercentageError}.
     *
     * @throws IllegalStateException while empty
     */
    public double meanAbsolutePercentageError() {
        requireSamples("meanAbsolutePercentageError", 1);
        return meanOver(s[2], false, n);
    }

    /**
     * Maximum residual, as {@link Regression#maxError} (single output only).
     *
     * @throws IllegalStateException while empty
     * @throws IllegalArgumentException for more than one output
     */
    public double maxError() {
        requireSamples("maxError", 1);
        if (outputs != 1) {
            throw new IllegalArgumentException("maxError: multi-output statistics are not supported, outputs = " + outputs);
        }
        return s[3][0];
    }

    /**
     * R² with {@code force_finite=True}, as {@link Regression#r2(INDArray, INDArray)}.
     *
     * @throws IllegalStateException with fewer than 2 samples
     */
    public double r2() {
        return r2(true);
    }

    /**
     * R², as {@link Regression#r2(INDArray, INDArray, boolean)}.
     *
     * @throws IllegalStateException with fewer than 2 samples
     */
    public double r2(boolean forceFinite) {
        requireSamples("r2", 2);
        return ratioScore(s[0], s[5], forceFinite);
    }

    /**
     * Explained variance with {@code force_finite=True}, as {@link Regression#explainedVariance(INDArray, INDArray)}.
     *
     * @throws IllegalStateException while empty
     */
    public double explainedVariance() {
        return explainedVariance(true);
    }

    /**
     * Explained variance, as {@link Regression#explainedVariance(INDArray, INDArray, boolean)}.
     *
     * @throws IllegalStateException while empty
     */
    public double explainedVariance(boolean forceFinite) {
        requireSamples("explainedVariance", 1);
        return ratioScore(s[7], s[5], forceFinite);
    }

    private static double ratioScore(double[] num, double[] den, boolean forceFinite) {
        double m = 0;
        for (int j = 0; j < num.length; j++) {
            double v;
            if (den[j] != 0 || !forceFinite) {
                v = 1 - num[j] / den[j];
            } else {
                v = num[j] == 0 ? 1.0 : 0.0;
            }
            m += v;
        }
        return m / num.length;
    }
}
