package org.calibrax4j.functional;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Calibration metrics: expected / maximum calibration error with torchmetrics' binning, and the
 * Brier score.
 *
 * <p>Bins (torchmetrics {@code _binning_bucketize}): boundaries b_k = k/nBins, k = 0..nBins; a
 * confidence c goes to bin (#{k : b_k ≤ c}) − 1, i.e. [k/nBins, (k+1)/nBins) for k &lt; nBins, plus
 * an extra bin holding exactly c = 1.0 (it is not merged into the last interval). Binary: confidence
 * = the given P(class 1) and "accuracy" = the 0/1 label. Multiclass: confidence = max_c p_c and
 * accuracy = [argmax_c p_c = label] (first index on ties).
 */
public final class Calibration {
    /** torchmetrics' default number of bins. */
    public static final int DEFAULT_BINS = 15;

    private Calibration() {
    }

    /** How the per-bin gaps |acc_b − conf_b| are reduced. */
    public enum Norm {
        /** ECE: Σ_b (n_b/N)·|acc_b − conf_b|. */
        L1,
        /** √(Σ_b (n_b/N)·(acc_b − conf_b)²). */
        L2,
        /** MCE: max_b |acc_b − conf_b| (empty bins contribute 0). */
        MAX
    }

    /** ECE with 15 bins; see {@link #calibrationError(INDArray, INDArray, int, Norm)}. */
    public static double expectedCalibrationError(INDArray preds, INDArray target) {
        return calibrationError(preds, target, DEFAULT_BINS, Norm.L1);
    }

    /** MCE with 15 bins; see {@link #calibrationError(INDArray, INDArray, int, Norm)}. */
    public static double maximumCalibrationError(INDArray preds, INDArray target) {
        return calibrationError(preds, target, DEFAULT_BINS, Norm.MAX);
    }

    /**
     * Calibration error over {@code nBins} (+1) bins, reduced by {@code norm}. {@code preds} of shape
     * (N) are binary P(class 1) with {@code target} in {0, 1}
     * ({@code torchmetrics.functional.classification.binary_calibration_error(preds, target, n_bins, norm)});
     * (N, C) are class probabilities with target in 0..C−1
     * ({@code multiclass_calibration_error(preds, target, C, n_bins, norm)}; evaluated in float64
     * where torchmetrics casts confidences to float32, ≈1e-8 apart).
     *
     * @throws IllegalArgumentException on probabilities outside [0, 1], labels out of range, shape
     *     mismatch or nBins &lt; 1
     */
    public static double calibrationError(INDArray preds, INDArray target, int nBins, Norm norm) {
        String fn = "calibrationError";
        Inputs.positive(fn, "nBins", nBins);
        Inputs.notNull(fn, "norm", norm);
        Inputs.rank(fn, "preds", preds, 1, 2);
        Inputs.rank(fn, "target", target, 1);
        Inputs.sameLength(fn, "preds", preds, "target", target);
        double[] p = Inputs.probabilities(fn, "preds", preds);
        int n = (int) preds.size(0);
        double[] conf = new double[n];
        double[] acc = new double[n];
        if (preds.rank() == 1) {
            int[] y = Inputs.classIndices(fn, "target", target, 2);
            for (int i = 0; i < n; i++) {
                conf[i] = p[i];
                acc[i] = y[i];
            }
        } else {
            int c = (int) preds.size(1);
            int[] y = Inputs.classIndices(fn, "target", target, c);
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int j = 1; j < c; j++) {
                    if (p[i * c + j] > p[i * c + best]) {
                        best = j;
                    }
                }
                conf[i] = p[i * c + best];
                acc[i] = best == y[i] ? 1 : 0;
            }
        }
        return binnedError(conf, acc, nBins, norm);
    }

    static double binnedError(double[] conf, double[] acc, int nBins, Norm norm) {
        int bins = nBins + 1;
        double[] count = new double[bins];
        double[] sumConf = new double[bins];
        double[] sumAcc = new double[bins];
        double[] bounds = new double[nBins + 1];
        for (int k = 0; k <= nBins; k++) {
            bounds[k] = k == nBins ? 1.0 : (double) k / nBins;
        }
        for (int i = 0; i < conf.length; i++) {
            int b = -1;
            for (int k = 0; k <= nBins && bounds[k] <= conf[i]; k++) {
                b = k;
            }
            count[b]++;
            sumConf[b] += conf[i];
            sumAcc[b] += acc[i];
        }
        double n = conf.length;
        double out = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) {
                continue;
            }
            double gap = Math.abs(sumAcc[b] / count[b] - sumConf[b] / count[b]);
            switch (norm) {
                case L1 -> out += count[b] / n * gap;
                case L2 -> out += count[b] / n * gap * gap;
                case MAX -> out = Math.max(out, gap);
                default -> throw new AssertionError(norm);
            }
        }
        return norm == Norm.L2 ? Math.sqrt(out) : out;
    }

    /**
     * Brier score. Binary ({@code yProb} (N) = P(class 1), labels in {0, 1}): (1/N) Σ (p_i − y_i)², as
     * {@code sklearn.metrics.brier_score_loss}. Multiclass ({@code yProb} (N, C), labels 0..C−1):
     * (1/N) Σ_i Σ_c (p_ic − [y_i = c])², range [0, 2] (twice the binary value for C = 2).
     *
     * @throws IllegalArgumentException on probabilities outside [0, 1], labels out of range or
     *     shape mismatch
     */
    public static double brierScore(INDArray yTrue, INDArray yProb) {
        String fn = "brierScore";
        Inputs.rank(fn, "yProb", yProb, 1, 2);
        Inputs.rank(fn, "yTrue", yTrue, 1);
        Inputs.sameLength(fn, "yTrue", yTrue, "yProb", yProb);
        double[] p = Inputs.probabilities(fn, "yProb", yProb);
        int n = (int) yProb.size(0);
        double s = 0;
        if (yProb.rank() == 1) {
            int[] y = Inputs.classIndices(fn, "yTrue", yTrue, 2);
            for (int i = 0; i < n; i++) {
                double d = y[i] - p[i];
                s += d * d;
            }
        } else {
            int c = (int) yProb.size(1);
            int[] y = Inputs.classIndices(fn, "yTrue", yTrue, c);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    double d = p[i * c + j] - (y[i] == j ? 1 : 0);
                    s += d * d;
                }
            }
        }
        return s / n;
    }
}
