package org.calibrax4j.functional;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Regression metrics on targets {@code yTrue} and predictions {@code yPred} of shape (N) (one output)
 * or (N, K) (K outputs). Multi-output values are scikit-learn's {@code multioutput='uniform_average'}:
 * the plain mean of the K per-output values (available from the {@code ...PerOutput} methods).
 * Inputs must be finite, of equal shape, with N ≥ 1.
 */
public final class Regression {
    /** scikit-learn's MAPE floor for |y|: float64 machine epsilon. */
    public static final double MAPE_EPSILON = 2.220446049250313e-16;

    private Regression() {
    }

    /** Canonical form: row-major values of an N×K matrix. */
    private record Pair(double[] t, double[] p, int n, int k) {
        double t(int i, int j) {
            return t[i * k + j];
        }

        double p(int i, int j) {
            return p[i * k + j];
        }
    }

    private static Pair pair(String fn, INDArray yTrue, INDArray yPred, int minSamples) {
        Inputs.rank(fn, "yTrue", yTrue, 1, 2);
        Inputs.rank(fn, "yPred", yPred, 1, 2);
        Inputs.sameShape(fn, "yTrue", yTrue, "yPred", yPred);
        double[] t = Inputs.finite(fn, "yTrue", yTrue);
        double[] p = Inputs.finite(fn, "yPred", yPred);
        int n = Inputs.toInt(fn, "yTrue", yTrue.size(0));
        int k = yTrue.rank() == 1 ? 1 : Inputs.toInt(fn, "yTrue", yTrue.size(1));
        if (n < minSamples) {
            throw new IllegalArgumentException(String.format("%s: needs at least %d samples, got shape %s",
                    fn, minSamples, Inputs.shape(yTrue)));
        }
        return new Pair(t, p, n, k);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    // ---------------------------------------------------------------- MSE / RMSE / MAE / MAPE

    /** Per-output mean squared error (1/N) Σ_i (y_ij − ŷ_ij)². */
    public static double[] meanSquaredErrorPerOutput(INDArray yTrue, INDArray yPred) {
        return mse(pair("meanSquaredError", yTrue, yPred, 1));
    }

    private static double[] mse(Pair d) {
        double[] out = new double[d.k];
        for (int j = 0; j < d.k; j++) {
            double s = 0;
            for (int i = 0; i < d.n; i++) {
                double e = d.t(i, j) - d.p(i, j);
                s += e * e;
            }
            out[j] = s / d.n;
        }
        return out;
    }

    /**
     * Mean squared error, MSE = (1/N) Σ (y − ŷ)², averaged over outputs. Matches
     * {@code sklearn.metrics.mean_squared_error(y_true, y_pred)}.
     *
     * @throws IllegalArgumentException on null, empty, non-finite or differently shaped inputs
     */
    public static double meanSquaredError(INDArray yTrue, INDArray yPred) {
        return mean(meanSquaredErrorPerOutput(yTrue, yPred));
    }

    /**
     * Root mean squared error: the mean over outputs of √MSE_j (not √ of the mean MSE). Matches
     * {@code sklearn.metrics.mean_squared_error(y_true, y_pred, squared=False)}.
     *
     * @throws IllegalArgumentException on null, empty, non-finite or differently shaped inputs
     */
    public static double rootMeanSquaredError(INDArray yTrue, INDArray yPred) {
        double[] m = mse(pair("rootMeanSquaredError", yTrue, yPred, 1));
        for (int j = 0; j < m.length; j++) {
            m[j] = Math.sqrt(m[j]);
        }
        return mean(m);
    }

    /** Per-output mean absolute error. */
    public static double[] meanAbsoluteErrorPerOutput(INDArray yTrue, INDArray yPred) {
        Pair d = pair("meanAbsoluteError", yTrue, yPred, 1);
        double[] out = new double[d.k];
        for (int j = 0; j < d.k; j++) {
            double s = 0;
            for (int i = 0; i < d.n; i++) {
                s += Math.abs(d.t(i, j) - d.p(i, j));
            }
            out[j] = s / d.n;
        }
        return out;
    }

    /**
     * Mean absolute error (1/N) Σ |y − ŷ|, averaged over outputs. Matches
     * {@code sklearn.metrics.mean_absolute_error}.
     *
     * @throws IllegalArgumentException on null, empty, non-finite or differently shaped inputs
     */
    public static double meanAbsoluteError(INDArray yTrue, INDArray yPred) {
        return mean(meanAbsoluteErrorPerOutput(yTrue, yPred));
    }

    /**
     * Mean absolute percentage error (1/N) Σ |y − ŷ| / max(|y|, ε), ε = {@link #MAPE_EPSILON}, averaged
     * over outputs; a fraction, not a percentage. A zero target divides by ε (a huge finite value),
     * as {@code sklearn.metrics.mean_absolute_percentage_error}.
     *
     * @throws IllegalArgumentException on null, empty, non-finite or differently shaped inputs
     */
    public static double meanAbsolutePercentageError(INDArray yTrue, INDArray yPred) {
        Pair d = pair("meanAbsolutePercentageError", yTrue, yPred, 1);
        double[] out = new double[d.k];
        for (int j = 0; j < d.k; j++) {
            double s = 0;
            for (int i = 0; i < d.n; i++) {
                s += Math.abs(d.p(i, j) - d.t(i, j)) / Math.max(Math.abs(d.t(i, j)), MAPE_EPSILON);
            }
            out[j] = s / d.n;
        }
        return mean(out);
    }

    /**
     * Median absolute error median_i |y_i − ŷ_i| (an even count takes the mean of the two middle
     * values), averaged over outputs. Matches {@code sklearn.metrics.median_absolute_error}.
     *
     * @throws IllegalArgumentException on null, empty, non-finite or differently shaped inputs
     */
    public static double medianAbsoluteError(INDArray yTrue, INDArray yPred) {
        Pair d = pair("medianAbsoluteError", yTrue, yPred, 1);
        double[] out = new double[d.k];
        double[] col = new double[d.n];
        for (int j = 0; j < d.k; j++) {
            for (int i = 0; i < d.n; i++) {
                col[i] = Math.abs(d.p(i, j) - d.t(i, j));
            }
            out[j] = median(col);
        }
        return mean(out);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    /**
     * Maximum residual max_i |y_i − ŷ_i|; single output only. Matches {@code sklearn.metrics.max_error}.
     *
     * @throws IllegalArgumentException for multi-output (N, K &gt; 1) input, or bad input as above
     */
    public static double maxError(INDArray yTrue, INDArray yPred) {
        Pair d = pair("maxError", yTrue, yPred, 1);
        if (d.k != 1) {
            throw new IllegalArgumentException("maxError: multi-output input is not supported, got yTrue shape "
                    + Inputs.shape(yTrue));
        }
        double m = 0;
        for (int i = 0; i < d.n; i++) {
            m = Math.max(m, Math.abs(d.t[i] - d.p[i]));
        }
        return m;
    }

    // ---------------------------------------------------------------- R² / explained variance

    /** Per-output R² with scikit-learn's {@code force_finite} rule (see {@link #r2(INDArray, INDArray, boolean)}). */
    public static double[] r2PerOutput(INDArray yTrue, INDArray yPred, boolean forceFinite) {
        Pair d = pair("r2", yTrue, yPred, 2);
        double[] num = new double[d.k];
        double[] den = new double[d.k];
        for (int j = 0; j < d.k; j++) {
            double mt = 0;
            for (int i = 0; i < d.n; i++) {
                mt += d.t(i, j);
            }
            mt /= d.n;
            for (int i = 0; i < d.n; i++) {
                double r = d.t(i, j) - d.p(i, j);
                double c = d.t(i, j) - mt;
                num[j] += r * r;
                den[j] += c * c;
            }
        }
        return finiteRatio(num, den, forceFinite);
    }

    /** 1 − num/den per output; with forceFinite, den = 0 gives 1.0 (num = 0) or 0.0 (num > 0). */
    private static double[] finiteRatio(double[] num, double[] den, boolean forceFinite) {
        double[] out = new double[num.length];
        for (int j = 0; j < num.length; j++) {
            if (den[j] != 0 || !forceFinite) {
                out[j] = 1 - num[j] / den[j];
            } else {
                out[j] = num[j] == 0 ? 1.0 : 0.0;
            }
        }
        return out;
    }

    /**
     * Coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)², averaged over outputs
     * ({@code sklearn.metrics.r2_score}, {@code force_finite=True}). Constant targets: 1.0 for a
     * perfect prediction, 0.0 otherwise.
     *
     * @throws IllegalArgumentException on fewer than 2 samples or bad input as above
     */
    public static double r2(INDArray yTrue, INDArray yPred) {
        return r2(yTrue, yPred, true);
    }

    /**
     * R² as {@link #r2(INDArray, INDArray)}; with {@code forceFinite = false} constant targets give
     * the raw 0/0 = NaN (perfect prediction) or −inf, as scikit-learn's {@code force_finite=False}.
     *
     * @throws IllegalArgumentException on fewer than 2 samples or bad input as above
     */
    public static double r2(INDArray yTrue, INDArray yPred, boolean forceFinite) {
        return mean(r2PerOutput(yTrue, yPred, forceFinite));
    }

    /**
     * Explained variance EV = 1 − Var(y − ŷ)/Var(y) (population variances), averaged over outputs;
     * {@code sklearn.metrics.explained_variance_score} with {@code force_finite=True}.
     *
     * @throws IllegalArgumentException on null, empty, non-finite or differently shaped inputs
     */
    public static double explainedVariance(INDArray yTrue, INDArray yPred) {
        return explainedVariance(yTrue, yPred, true);
    }

    /**
     * Explained variance; {@code forceFinite = false} returns the raw NaN / −inf for constant targets,
     * as scikit-learn's {@code force_finite=False}.
     *
     * @throws IllegalArgumentException on null, empty, non-finite or differently shaped inputs
     */
    public static double explainedVariance(INDArray yTrue, INDArray yPred, boolean forceFinite) {
        Pair d = pair("explainedVariance", yTrue, yPred, 1);
        double[] num = new double[d.k];
        double[] den = new double[d.k];
        for (int j = 0; j < d.k; j++) {
            double md = 0;
            double mt = 0;
            for (int i = 0; i < d.n; i++) {
                md += d.t(i, j) - d.p(i, j);
                mt += d.t(i, j);
            }
            md /= d.n;
            mt /= d.n;
            for (int i = 0; i < d.n; i++) {
                double r = d.t(i, j) - d.p(i, j) - md;
                double c = d.t(i, j) - mt;
                num[j] += r * r;
                den[j] += c * c;
            }
            num[j] /= d.n;
            den[j] /= d.n;
        }
        return mean(finiteRatio(num, den, forceFinite));
    }

    // ---------------------------------------------------------------- correlation

    /**
     * Pearson correlation r = Σ(x − x̄)(y − ȳ) / (‖x − x̄‖ ‖y − ȳ‖), clipped to [−1, 1]; matches
     * {@code scipy.stats.pearsonr(x, y).statistic}. A constant input has no correlation: returns NaN,
     * as SciPy (which warns).
     *
     * @throws IllegalArgumentException unless x and y are finite rank-1 vectors of equal length ≥ 2
     */
    public static double pearson(INDArray x, INDArray y) {
        String fn = "pearson";
        double[][] v = vectors(fn, x, y);
        return pearson(v[0], v[1]);
    }

    private static double[][] vectors(String fn, INDArray x, INDArray y) {
        Inputs.rank(fn, "x", x, 1);
        Inputs.rank(fn, "y", y, 1);
        Inputs.sameShape(fn, "x", x, "y", y);
        if (x.length() < 2) {
            throw new IllegalArgumentException(fn + ": needs at least 2 samples, got shape " + Inputs.shape(x));
        }
        return new double[][] {Inputs.finite(fn, "x", x), Inputs.finite(fn, "y", y)};
    }

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double a = x[i] - mx;
            double b = y[i] - my;
            sxy += a * b;
            sxx += a * a;
            syy += b * b;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        double r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
        return Math.max(-1.0, Math.min(1.0, r));
    }

    /**
     * Spearman rank correlation: Pearson correlation of the ranks, tied values getting their average
     * rank; matches {@code scipy.stats.spearmanr(a, b).correlation}. NaN when an input is constant.
     *
     * @throws IllegalArgumentException unless a and b are finite rank-1 vectors of equal length ≥ 2
     */
    public static double spearman(INDArray a, INDArray b) {
        double[][] v = vectors("spearman", a, b);
        return pearson(averageRanks(v[0]), averageRanks(v[1]));
    }

    /** 1-based ranks; a group of tied values gets the mean of its ranks. */
    static double[] averageRanks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int m = i; m <= j; m++) {
                ranks[order[m]] = r;
            }
            i = j + 1;
        }
        return ranks;
    }
}
