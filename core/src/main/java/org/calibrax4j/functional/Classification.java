package org.calibrax4j.functional;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Classification metrics matching scikit-learn 1.2.1 ({@code sklearn.metrics}). Hard labels are
 * integer-valued arrays of shape (N) (any numeric dtype); the label set is the sorted union of the
 * labels in targets and predictions, as scikit-learn's {@code labels=None}. Scores and probabilities
 * are finite float arrays: (N) for binary P(class 1), (N, C) for C classes with target labels
 * 0..C−1.
 */
public final class Classification {
    /** float64 machine epsilon: {@code log_loss(eps='auto')} clips probabilities to [ε, 1 − ε]. */
    public static final double LOG_LOSS_EPSILON = 2.220446049250313e-16;

    private Classification() {
    }

    // ---------------------------------------------------------------- counting metrics

    /**
     * Accuracy: fraction of samples with ŷ = y. For (N, L) multilabel indicator arrays, the subset
     * accuracy (a row counts only when all L entries match). Matches {@code accuracy_score}.
     *
     * @throws IllegalArgumentException on null, empty, non-integral or differently shaped inputs
     */
    public static double accuracy(INDArray yTrue, INDArray yPred) {
        String fn = "accuracy";
        Inputs.rank(fn, "yTrue", yTrue, 1, 2);
        Inputs.sameShape(fn, "yTrue", yTrue, "yPred", yPred);
        int[] t = Inputs.integral(fn, "yTrue", yTrue);
        int[] p = Inputs.integral(fn, "yPred", yPred);
        int n = (int) yTrue.size(0);
        int l = t.length / n;
        long ok = 0;
        for (int i = 0; i < n; i++) {
            boolean all = true;
            for (int j = 0; j < l && all; j++) {
                all = t[i * l + j] == p[i * l + j];
            }
            if (all) {
                ok++;
            }
        }
        return (double) ok / n;
    }

    /**
     * Balanced accuracy: the mean over classes of the per-class recall C_cc / Σ_j C_cj, over the
     * classes present in the targets (a class only predicted is left out, as scikit-learn does after
     * its warning). Matches {@code balanced_accuracy_score(adjusted=False)}.
     *
     * @throws IllegalArgumentException on null, empty, non-integral or differently shaped inputs
     */
    public static double balancedAccuracy(INDArray yTrue, INDArray yPred) {
        return balancedAccuracy(ConfusionMatrix.of("balancedAccuracy", yTrue, yPred));
    }

    /**
     * Balanced accuracy of accumulated counts; see {@link #balancedAccuracy(INDArray, INDArray)}.
     *
     * @throws IllegalStateException when the matrix holds no sample
     */
    public static double balancedAccuracy(ConfusionMatrix cm) {
        nonEmpty("balancedAccuracy", cm);
        long[] support = cm.trueCounts();
        double s = 0;
        int classes = 0;
        for (int c = 0; c < support.length; c++) {
            if (support[c] > 0) {
                s += (double) cm.count(c, c) / support[c];
                classes++;
            }
        }
        return s / classes;
    }

    /**
     * Accuracy (trace / N) of accumulated counts; see {@link #accuracy(INDArray, INDArray)}.
     *
     * @throws IllegalStateException when the matrix holds no sample
     */
    public static double accuracy(ConfusionMatrix cm) {
        nonEmpty("accuracy", cm);
        long ok = 0;
        for (int c = 0; c < cm.numClasses(); c++) {
            ok += cm.count(c, c);
        }
        return (double) ok / cm.total();
    }

    private static void nonEmpty(String fn, ConfusionMatrix cm) {
        if (cm == null) {
            throw new IllegalArgumentException(fn + ": confusion matrix must not be null");
        }
        if (cm.total() == 0) {
            throw new IllegalStateException(fn + ": the confusion matrix holds no sample; update it first");
        }
    }

    /**
     * Hamming loss: fraction of wrong entries, #{y ≠ ŷ}/(N·L), for (N) labels (= 1 − accuracy) or
     * (N, L) multilabel indicators. Matches {@code hamming_loss}.
     *
     * @throws IllegalArgumentException on null, empty, non-integral or differently shaped inputs
     */
    public static double hammingLoss(INDArray yTrue, INDArray yPred) {
        String fn = "hammingLoss";
        Inputs.rank(fn, "yTrue", yTrue, 1, 2);
        Inputs.sameShape(fn, "yTrue", yTrue, "yPred", yPred);
        int[] t = Inputs.integral(fn, "yTrue", yTrue);
        int[] p = Inputs.integral(fn, "yPred", yPred);
        long wrong = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] != p[i]) {
                wrong++;
            }
        }
        return (double) wrong / t.length;
    }

    /**
     * The confusion matrix (rows = true label, columns = predicted, labels ascending); see
     * {@link ConfusionMatrix#of}.
     *
     * @throws IllegalArgumentException on null, empty, non-integral or differently shaped inputs
     */
    public static ConfusionMatrix confusionMatrix(INDArray yTrue, INDArray yPred) {
        return ConfusionMatrix.of(yTrue, yPred);
    }

    // ---------------------------------------------------------------- precision / recall / F1 / Jaccard

    private enum Score { PRECISION, RECALL, F1, JACCARD }

    /** Precision TP/(TP + FP) with {@link ZeroDivision#WARN}; see {@link #precision(INDArray, INDArray, Average, ZeroDivision, int)}. */
    public static double precision(INDArray yTrue, INDArray yPred, Average average) {
        return precision(yTrue, yPred, average, ZeroDivision.WARN, 1);
    }

    /** Precision with positive label 1 for {@link Average#BINARY}. */
    public static double precision(INDArray yTrue, INDArray yPred, Average average, ZeroDivision zeroDivision) {
        return precision(yTrue, yPred, average, zeroDivision, 1);
    }

    /**
     * Precision TP/(TP + FP) per class, reduced by {@code average}; a class never predicted scores
     * {@code zeroDivision} (and is averaged). Matches
     * {@code precision_score(y_true, y_pred, pos_label, average, zero_division)}; MICRO equals accuracy.
     *
     * @param posLabel the positive label for {@link Average#BINARY} (ignored otherwise)
     * @throws IllegalArgumentException on bad labels, or BINARY with more than two labels or with
     *     two labels none of which is {@code posLabel}
     */
    public static double precision(INDArray yTrue, INDArray yPred, Average average, ZeroDivision zeroDivision,
            int posLabel) {
        return score("precision", Score.PRECISION, yTrue, yPred, average, zeroDivision, posLabel);
    }

    /** Recall TP/(TP + FN) with {@link ZeroDivision#WARN}; see {@link #recall(INDArray, INDArray, Average, ZeroDivision, int)}. */
    public static double recall(INDArray yTrue, INDArray yPred, Average average) {
        return recall(yTrue, yPred, average, ZeroDivision.WARN, 1);
    }

    /** Recall with positive label 1 for {@link Average#BINARY}. */
    public static double recall(INDArray yTrue, INDArray yPred, Average average, ZeroDivision zeroDivision) {
        return recall(yTrue, yPred, average, zeroDivision, 1);
    }

    /**
     * Recall TP/(TP + FN) per class, reduced by {@code average}; matches {@code recall_score}. MACRO
     * recall is balanced accuracy when every label occurs in the targets; WEIGHTED and MICRO recall
     * equal accuracy.
     *
     * @throws IllegalArgumentException as {@link #precision(INDArray, INDArray, Average, ZeroDivision, int)}
     */
    public static double recall(INDArray yTrue, INDArray yPred, Average average, ZeroDivision zeroDivision,
            int posLabel) {
        return score("recall", Score.RECALL, yTrue, yPred, average, zeroDivision, posLabel);
    }

    /** F1 with {@link ZeroDivision#WARN}; see {@link #f1(INDArray, INDArray, Average, ZeroDivision, int)}. */
    public static double f1(INDArray yTrue, INDArray yPred, Average average) {
        return f1(yTrue, yPred, average, ZeroDivision.WARN, 1);
    }

    /** F1 with positive label 1 for {@link Average#BINARY}. */
    public static double f1(INDArray yTrue, INDArray yPred, Average average, ZeroDivision zeroDivision) {
        return f1(yTrue, yPred, average, zeroDivision, 1);
    }

    /**
     * F1 = 2·P·R/(P + R) per class from the (zero-division-substituted) precision P and recall R, 0 when
     * P + R = 0, then reduced by {@code average}; matches {@code f1_score} of scikit-learn 1.2.1. With no
     * predicted positives F1 is 0.0 for every {@code zeroDivision}.
     *
     * @throws IllegalArgumentException as {@link #precision(INDArray, INDArray, Average, ZeroDivision, int)}
     */
    public static double f1(INDArray yTrue, INDArray yPred, Average average, ZeroDivision zeroDivision,
            int posLabel) {
        return score("f1", Score.F1, yTrue, yPred, average, zeroDivision, posLabel);
    }

    /** Jaccard index with {@link ZeroDivision#WARN}; see {@link #jaccard(INDArray, INDArray, Average, ZeroDivision, int)}. */
    public static double jaccard(INDArray yTrue, INDArray yPred, Average average) {
        return jaccard(yTrue, yPred, average, ZeroDivision.WARN, 1);
    }

    /**
     * Jaccard index TP/(TP + FP + FN) per class, reduced by {@code average} (MICRO from the summed
     * counts); matches {@code jaccard_score}.
     *
     * @throws IllegalArgumentException as {@link #precision(INDArray, INDArray, Average, ZeroDivision, int)}
     */
    public static double jaccard(INDArray yTrue, INDArray yPred, Average average, ZeroDivision zeroDivision,
            int posLabel) {
        return score("jaccard", Score.JACCARD, yTrue, yPred, average, zeroDivision, posLabel);
    }

    /**
     * Per-class precision (index i = label {@code confusionMatrix(yTrue, yPred).labels()[i]}), as
     * {@code precision_score(average=None)}.
     */
    public static double[] precisionPerClass(INDArray yTrue, INDArray yPred, ZeroDivision zeroDivision) {
        return perClass("precision", Score.PRECISION, yTrue, yPred, zeroDivision);
    }

    /** Per-class recall, as {@code recall_score(average=None)}. */
    public static double[] recallPerClass(INDArray yTrue, INDArray yPred, ZeroDivision zeroDivision) {
        return perClass("recall", Score.RECALL, yTrue, yPred, zeroDivision);
    }

    /** Per-class F1, as {@code f1_score(average=None)}. */
    public static double[] f1PerClass(INDArray yTrue, INDArray yPred, ZeroDivision zeroDivision) {
        return perClass("f1", Score.F1, yTrue, yPred, zeroDivision);
    }

    private static double[] perClass(String fn, Score s, INDArray yTrue, INDArray yPred, ZeroDivision zd) {
        Inputs.notNull(fn, "zeroDivision", zd);
        ConfusionMatrix cm = ConfusionMatrix.of(fn, yTrue, yPred);
        long[] tp = new long[cm.numClasses()];
        for (int c = 0; c < tp.length; c++) {
            tp[c] = cm.count(c, c);
        }
        return scores(s, tp, cm.predictedCounts(), cm.trueCounts(), zd.value());
    }

    private static double divide(double num, double den, double zd) {
        return den == 0 ? zd : num / den;
    }

    private static double[] scores(Score s, long[] tp, long[] pred, long[] tru, double zd) {
        double[] out = new double[tp.length];
        for (int c = 0; c < tp.length; c++) {
            switch (s) {
                case PRECISION -> out[c] = divide(tp[c], pred[c], zd);
                case RECALL -> out[c] = divide(tp[c], tru[c], zd);
                case JACCARD -> out[c] = divide(tp[c], pred[c] + tru[c] - tp[c], zd);
                case F1 -> {
                    double p = divide(tp[c], pred[c], zd);
                    double r = divide(tp[c], tru[c], zd);
                    double den = p + r;
                    out[c] = 2 * p * r / (den == 0 ? 1 : den);
                }
                default -> throw new AssertionError(s);
            }
        }
        return out;
    }

    private static double score(String fn, Score s, INDArray yTrue, INDArray yPred, Average average,
            ZeroDivision zd, int posLabel) {
        Inputs.notNull(fn, "average", average);
        Inputs.notNull(fn, "zeroDivision", zd);
        return score(fn, s, ConfusionMatrix.of(fn, yTrue, yPred), average, zd, posLabel);
    }

    /**
     * Precision of accumulated counts (streaming); see
     * {@link #precision(INDArray, INDArray, Average, ZeroDivision, int)}.
     *
     * @throws IllegalStateException when the matrix holds no sample
     */
    public static double precision(ConfusionMatrix cm, Average average, ZeroDivision zeroDivision, int posLabel) {
        return score("precision", Score.PRECISION, cm, average, zeroDivision, posLabel);
    }

    /**
     * Recall of accumulated counts; see {@link #recall(INDArray, INDArray, Average, ZeroDivision, int)}.
     *
     * @throws IllegalStateException when the matrix holds no sample
     */
    public static double recall(ConfusionMatrix cm, Average average, ZeroDivision zeroDivision, int posLabel) {
        return score("recall", Score.RECALL, cm, average, zeroDivision, posLabel);
    }

    /**
     * F1 of accumulated counts; see {@link #f1(INDArray, INDArray, Average, ZeroDivision, int)}.
     *
     * @throws IllegalStateException when the matrix holds no sample
     */
    public static double f1(ConfusionMatrix cm, Average average, ZeroDivision zeroDivision, int posLabel) {
        return score("f1", Score.F1, cm, average, zeroDivision, posLabel);
    }

    /**
     * Jaccard index of accumulated counts; see {@link #jaccard(INDArray, INDArray, Average, ZeroDivision, int)}.
     *
     * @throws IllegalStateException when the matrix holds no sample
     */
    public static double jaccard(ConfusionMatrix cm, Average average, ZeroDivision zeroDivision, int posLabel) {
        return score("jaccard", Score.JACCARD, cm, average, zeroDivision, posLabel);
    }

    private static double score(String fn, Score s, ConfusionMatrix cm, Average average, ZeroDivision zd,
            int posLabel) {
        Inputs.notNull(fn, "average", average);
        Inputs.notNull(fn, "zeroDivision", zd);
        nonEmpty(fn, cm);
        int k = cm.numClasses();
        long[] tp = new long[k];
        for (int c = 0; c < k; c++) {
            tp[c] = cm.count(c, c);
        }
        long[] pred = cm.predictedCounts();
        long[] tru = cm.trueCounts();
        switch (average) {
            case BINARY -> {
                if (k > 2) {
                    throw new IllegalArgumentException(String.format(
                            "%s: average BINARY needs at most two labels, got %s; use MACRO, MICRO or WEIGHTED",
                            fn, Arrays.toString(cm.labels())));
                }
                int c = cm.indexOf(posLabel);
                if (c < 0) {
                    if (k == 2) {
                        throw new IllegalArgumentException(String.format(
                                "%s: posLabel %d is not one of the labels %s", fn, posLabel,
                                Arrays.toString(cm.labels())));
                    }
                    // posLabel never occurs: TP = FP = FN = 0
                    return scores(s, new long[1], new long[1], new long[1], zd.value())[0];
                }
                return scores(s, new long[] {tp[c]}, new long[] {pred[c]}, new long[] {tru[c]}, zd.value())[0];
            }
            case MICRO -> {
                return scores(s, new long[] {sum(tp)}, new long[] {sum(pred)}, new long[] {sum(tru)}, zd.value())[0];
            }
            case MACRO -> {
                double[] v = scores(s, tp, pred, tru, zd.value());
                double m = 0;
                for (double x : v) {
                    m += x;
                }
                return m / v.length;
            }
            case WEIGHTED -> {
                double[] v = scores(s, tp, pred, tru, zd.value());
                double m = 0;
                double w = 0;
                for (int c = 0; c < k; c++) {
                    m += v[c] * tru[c];
                    w += tru[c];
                }
                return m / w;
            }
            default -> throw new AssertionError(average);
        }
    }

    private static long sum(long[] v) {
        long s = 0;
        for (long x : v) {
            s += x;
        }
        return s;
    }

    // ---------------------------------------------------------------- agreement

    /**
     * Matthews correlation coefficient, Gorodkin's R_K from the confusion matrix C:
     * (c·s − Σ_k p_k t_k) / √((s² − Σ p_k²)(s² − Σ t_k²)) with c = trace, s = N, t/p = true/predicted
     * counts; 0.0 when a factor under the root is 0 (e.g. constant predictions). Binary and multiclass;
     * matches {@code matthews_corrcoef}.
     *
     * @throws IllegalArgumentException on null, empty, non-integral or differently shaped inputs
     */
    public static double matthewsCorrcoef(INDArray yTrue, INDArray yPred) {
        return matthewsCorrcoef(ConfusionMatrix.of("matthewsCorrcoef", yTrue, yPred));
    }

    /**
     * MCC of accumulated counts; see {@link #matthewsCorrcoef(INDArray, INDArray)}.
     *
     * @throws IllegalStateException when the matrix holds no sample
     */
    public static double matthewsCorrcoef(ConfusionMatrix cm) {
        nonEmpty("matthewsCorrcoef", cm);
        long[] t = cm.trueCounts();
        long[] p = cm.predictedCounts();
        double correct = 0;
        for (int c = 0; c < t.length; c++) {
            correct += cm.count(c, c);
        }
        double n = cm.total();
        double tp = 0;
        double pp = 0;
        double tt = 0;
        for (int c = 0; c < t.length; c++) {
            tp += (double) t[c] * p[c];
            pp += (double) p[c] * p[c];
            tt += (double) t[c] * t[c];
        }
        double covYtYp = correct * n - tp;
        double covYpYp = n * n - pp;
        double covYtYt = n * n - tt;
        if (covYpYp * covYtYt == 0) {
            return 0.0;
        }
        return covYtYp / Math.sqrt(covYtYt * covYpYp);
    }

    /** Weighting of disagreements in Cohen's κ. */
    public enum KappaWeights {
        /** w_ij = 1 for i ≠ j, 0 on the diagonal: κ = (p_o − p_e)/(1 − p_e). */
        NONE,
        /** w_ij = |i − j| (label positions in ascending order). */
        LINEAR,
        /** w_ij = (i − j)² (label positions in ascending order). */
        QUADRATIC
    }

    /** Unweighted Cohen's κ; see {@link #cohenKappa(INDArray, INDArray, KappaWeights)}. */
    public static double cohenKappa(INDArray y1, INDArray y2) {
        return cohenKappa(y1, y2, KappaWeights.NONE);
    }

    /**
     * Cohen's κ = 1 − Σ w_ij O_ij / Σ w_ij E_ij with O the confusion matrix of the two raters and
     * E_ij = (row_i · col_j)/N its expectation under independence; matches
     * {@code cohen_kappa_score(y1, y2, weights=None|'linear'|'quadratic')}. Constant predictions of a
     * non-constant target give 0.0. When Σ w·E = 0 (both raters use one and the same label) κ is
     * undefined and, as scikit-learn, NaN is returned.
     *
     * @throws IllegalArgumentException on null, empty, non-integral or differently shaped inputs
     */
    public static double cohenKappa(INDArray y1, INDArray y2, KappaWeights weights) {
        Inputs.notNull("cohenKappa", "weights", weights);
        return cohenKappa(ConfusionMatrix.of("cohenKappa", y1, y2), weights);
    }

    /**
     * Cohen's κ of accumulated counts (rows = rater 1, columns = rater 2); see
     * {@link #cohenKappa(INDArray, INDArray, KappaWeights)}.
     *
     * @throws IllegalStateException when the matrix holds no sample
     */
    public static double cohenKappa(ConfusionMatrix cm, KappaWeights weights) {
        Inputs.notNull("cohenKappa", "weights", weights);
        nonEmpty("cohenKappa", cm);
        int k = cm.numClasses();
        long[] rows = cm.trueCounts();
        long[] cols = cm.predictedCounts();
        double n = cm.total();
        double wo = 0;
        double we = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double w = switch (weights) {
                    case NONE -> i == j ? 0 : 1;
                    case LINEAR -> Math.abs(i - j);
                    case QUADRATIC -> (double) (i - j) * (i - j);
                };
                wo += w * cm.count(i, j);
                we += w * ((double) rows[i] * cols[j] / n);
            }
        }
        return 1 - wo / we;
    }

    // ---------------------------------------------------------------- probabilistic

    /**
     * Log loss (cross-entropy) −(1/N) Σ_i ln p_i,y_i in nats, after clipping probabilities to
     * [ε, 1 − ε] ({@link #LOG_LOSS_EPSILON}) and renormalising each row to sum 1, as
     * {@code log_loss(y_true, y_pred, eps='auto')}. {@code yProb} is (N) = P(class 1) with labels in
     * {0, 1}, or (N, C) with labels in 0..C−1. A confidently wrong sample costs −ln ε ≈ 36.04.
     *
     * @throws IllegalArgumentException on non-probabilities, labels out of range, shape mismatch
     */
    public static double logLoss(INDArray yTrue, INDArray yProb) {
        String fn = "logLoss";
        Inputs.rank(fn, "yProb", yProb, 1, 2);
        Inputs.rank(fn, "yTrue", yTrue, 1);
        Inputs.sameLength(fn, "yTrue", yTrue, "yProb", yProb);
        double[] p = Inputs.probabilities(fn, "yProb", yProb);
        int c = yProb.rank() == 1 ? 2 : (int) yProb.size(1);
        if (c < 2) {
            throw new IllegalArgumentException(fn + ": yProb needs at least 2 columns, got shape " + Inputs.shape(yProb));
        }
        int[] y = Inputs.classIndices(fn, "yTrue", yTrue, c);
        int n = y.length;
        double eps = LOG_LOSS_EPSILON;
        double total = 0;
        double[] row = new double[c];
        for (int i = 0; i < n; i++) {
            if (yProb.rank() == 1) {
                double q = clip(p[i], eps);
                row[0] = 1 - q;
                row[1] = q;
            } else {
                for (int j = 0; j < c; j++) {
                    row[j] = clip(p[i * c + j], eps);
                }
            }
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += row[j];
            }
            total += -Math.log(row[y[i]] / s);
        }
        return total / n;
    }

    private static double clip(double v, double eps) {
        return Math.min(Math.max(v, eps), 1 - eps);
    }

    /**
     * ROC AUC. Binary ({@code yScore} of shape (N), labels in {0, 1}): the trapezoidal area under the
     * ROC curve = Mann–Whitney U/(n₊n₋), tied scores counting ½, as {@code roc_auc_score(y_true, y_score)}.
     * Multiclass ({@code yScore} (N, C), labels 0..C−1, rows summing to 1): the unweighted mean of the
     * C one-vs-rest AUCs, as {@code roc_auc_score(multi_class='ovr', average='macro')}.
     *
     * @throws IllegalArgumentException when only one class is present in yTrue (AUC undefined), a
     *     multiclass target misses a class, rows do not sum to 1, or on bad shapes/values
     */
    public static double rocAuc(INDArray yTrue, INDArray yScore) {
        String fn = "rocAuc";
        Inputs.rank(fn, "yScore", yScore, 1, 2);
        Inputs.rank(fn, "yTrue", yTrue, 1);
        Inputs.sameLength(fn, "yTrue", yTrue, "yScore", yScore);
        double[] s = Inputs.finite(fn, "yScore", yScore);
        if (yScore.rank() == 1) {
            int[] y = Inputs.classIndices(fn, "yTrue", yTrue, 2);
            boolean[] pos = new boolean[y.length];
            for (int i = 0; i < y.length; i++) {
                pos[i] = y[i] == 1;
            }
            return binaryAuc(fn, pos, s);
        }
        int c = (int) yScore.size(1);
        int n = (int) yScore.size(0);
        int[] y = Inputs.classIndices(fn, "yTrue", yTrue, c);
        for (int i = 0; i < n; i++) {
            double rs = 0;
            for (int j = 0; j < c; j++) {
                rs += s[i * c + j];
            }
            // scikit-learn's np.allclose(1, sum) check (rtol 1e-5, atol 1e-8)
            if (!(Math.abs(rs - 1) <= 1e-8 + 1e-5)) {
                throw new IllegalArgumentException(String.format(
                        "%s: multiclass yScore rows must be probabilities summing to 1, row %d sums to %s",
                        fn, i, rs));
            }
        }
        long[] seen = new long[c];
        for (int v : y) {
            seen[v]++;
        }
        for (int j = 0; j < c; j++) {
            if (seen[j] == 0) {
                throw new IllegalArgumentException(String.format(
                        "%s: class %d (of %d columns of yScore) does not occur in yTrue; one-vs-rest AUC is undefined",
                        fn, j, c));
            }
        }
        double sum = 0;
        boolean[] pos = new boolean[n];
        double[] col = new double[n];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < n; i++) {
                pos[i] = y[i] == j;
                col[i] = s[i * c + j];
            }
            sum += binaryAuc(fn, pos, col);
        }
        return sum / c;
    }

    private static double binaryAuc(String fn, boolean[] pos, double[] score) {
        long np = 0;
        for (boolean b : pos) {
            if (b) {
                np++;
            }
        }
        long nn = pos.length - np;
        if (np == 0 || nn == 0) {
            throw new IllegalArgumentException(fn
                    + ": only one class present in yTrue; ROC AUC is not defined in that case");
        }
        double[] ranks = Regression.averageRanks(score);
        double rankSum = 0;
        for (int i = 0; i < pos.length; i++) {
            if (pos[i]) {
                rankSum += ranks[i];
            }
        }
        double u = rankSum - (double) np * (np + 1) / 2.0;
        return u / ((double) np * nn);
    }

    /**
     * Average precision AP = Σ_n (R_n − R_{n−1}) P_n over the distinct score thresholds in descending
     * order (tied scores form one threshold; no interpolation), binary labels in {0, 1} with positive
     * label 1; matches {@code average_precision_score(y_true, y_score)}.
     *
     * @throws IllegalArgumentException when yTrue has no positive sample, or on bad shapes/values
     */
    public static double averagePrecision(INDArray yTrue, INDArray yScore) {
        String fn = "averagePrecision";
        Inputs.rank(fn, "yScore", yScore, 1);
        Inputs.rank(fn, "yTrue", yTrue, 1);
        Inputs.sameShape(fn, "yTrue", yTrue, "yScore", yScore);
        double[] s = Inputs.finite(fn, "yScore", yScore);
        int[] y = Inputs.classIndices(fn, "yTrue", yTrue, 2);
        int n = y.length;
        long totalPos = 0;
        for (int v : y) {
            totalPos += v;
        }
        if (totalPos == 0) {
            throw new IllegalArgumentException(fn + ": yTrue has no positive sample; average precision is undefined");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        double ap = 0;
        double prevRecall = 0;
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < n) {
            double t = s[order[i]];
            while (i < n && s[order[i]] == t) {
                if (y[order[i]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            double recall = (double) tp / totalPos;
            double precision = (double) tp / (tp + fp);
            ap += (recall - prevRecall) * precision;
            prevRecall = recall;
        }
        return ap;
    }

    /**
     * Top-k accuracy: fraction of samples whose true class is among the k highest of its C scores;
     * among tied scores the higher class index ranks first (scikit-learn's reversed stable argsort).
     * Matches {@code top_k_accuracy_score(y_true, y_score, k)} for (N, C) scores, labels 0..C−1.
     *
     * @throws IllegalArgumentException when k &lt; 1 or on bad shapes/values
     */
    public static double topKAccuracy(INDArray yTrue, INDArray yScore, int k) {
        String fn = "topKAccuracy";
        Inputs.positive(fn, "k", k);
        Inputs.rank(fn, "yScore", yScore, 2);
        Inputs.rank(fn, "yTrue", yTrue, 1);
        Inputs.sameLength(fn, "yTrue", yTrue, "yScore", yScore);
        double[] s = Inputs.finite(fn, "yScore", yScore);
        int c = (int) yScore.size(1);
        int[] y = Inputs.classIndices(fn, "yTrue", yTrue, c);
        long hits = 0;
        for (int i = 0; i < y.length; i++) {
            double sl = s[i * c + y[i]];
            int ahead = 0;
            for (int j = 0; j < c; j++) {
                double sj = s[i * c + j];
                if (sj > sl || (sj == sl && j > y[i])) {
                    ahead++;
                }
            }
            if (ahead < k) {
                hits++;
            }
        }
        return (double) hits / y.length;
    }
}
