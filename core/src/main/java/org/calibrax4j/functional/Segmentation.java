package org.calibrax4j.functional;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Segmentation overlap metrics on integer label maps of shape (B, ...) — e.g. (B, H, W) — with
 * values in 0..numClasses−1 (torchmetrics {@code input_format='index'}); class 0 (background) is
 * included. Per image b and class c, with P = predicted pixels and T = target pixels:
 * IoU = |P∩T|/|P∪T| and Dice = 2|P∩T|/(|P| + |T|).
 *
 * <p>A class absent from both prediction and target of an image has an undefined score: it is NaN
 * in the per-class arrays and left out of that image's mean (torchmetrics {@code mean_iou} writes −1
 * there, {@code dice_score} NaN); a class present on one side only scores 0 and is averaged.
 * Dataset-level values sum the counts over all images first.
 */
public final class Segmentation {
    private Segmentation() {
    }

    /** Per image and class: intersection, predicted pixels, target pixels. */
    private record Counts(long[][] inter, long[][] pred, long[][] target) {
        int images() {
            return inter.length;
        }

        int classes() {
            return inter[0].length;
        }
    }

    private static Counts counts(String fn, INDArray pred, INDArray target, int numClasses) {
        Inputs.positive(fn, "numClasses", numClasses);
        Inputs.nonEmpty(fn, "pred", pred);
        Inputs.nonEmpty(fn, "target", target);
        if (pred.rank() < 2) {
            throw new IllegalArgumentException(fn + ": pred must be (B, ...) label maps of rank >= 2, got shape "
                    + Inputs.shape(pred));
        }
        Inputs.sameShape(fn, "pred", pred, "target", target);
        int[] p = Inputs.classIndices(fn, "pred", pred, numClasses);
        int[] t = Inputs.classIndices(fn, "target", target, numClasses);
        int b = (int) pred.size(0);
        int per = p.length / b;
        long[][] inter = new long[b][numClasses];
        long[][] np = new long[b][numClasses];
        long[][] nt = new long[b][numClasses];
        for (int i = 0; i < b; i++) {
            for (int j = i * per; j < (i + 1) * per; j++) {
                np[i][p[j]]++;
                nt[i][t[j]]++;
                if (p[j] == t[j]) {
                    inter[i][p[j]]++;
                }
            }
        }
        return new Counts(inter, np, nt);
    }

    private static double iou(long inter, long pred, long target) {
        long union = pred + target - inter;
        return union == 0 ? Double.NaN : (double) inter / union;
    }

    private static double dice(long inter, long pred, long target) {
        long den = pred + target;
        return den == 0 ? Double.NaN : 2.0 * inter / den;
    }

    private static double nanMean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /**
     * IoU per image and class, shape [B][numClasses], NaN where the class is in neither map; as
     * {@code torchmetrics.functional.segmentation.mean_iou(preds, target, num_classes, per_class=True)}
     * with −1 replaced by NaN.
     *
     * @throws IllegalArgumentException on shape mismatch, rank &lt; 2, labels outside 0..numClasses−1
     */
    public static double[][] iouPerClass(INDArray pred, INDArray target, int numClasses) {
        Counts c = counts("iouPerClass", pred, target, numClasses);
        double[][] out = new double[c.images()][c.classes()];
        for (int i = 0; i < c.images(); i++) {
            for (int k = 0; k < c.classes(); k++) {
                out[i][k] = iou(c.inter[i][k], c.pred[i][k], c.target[i][k]);
            }
        }
        return out;
    }

    /**
     * Mean IoU of each image over its classes with a non-empty union, shape [B]; as
     * {@code mean_iou(preds, target, num_classes, per_class=False)}.
     *
     * @throws IllegalArgumentException as {@link #iouPerClass}
     */
    public static double[] meanIouPerImage(INDArray pred, INDArray target, int numClasses) {
        double[][] v = iouPerClass(pred, target, numClasses);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = nanMean(v[i]);
        }
        return out;
    }

    /**
     * Dice per image and class, shape [B][numClasses], NaN where the class is in neither map; as
     * {@code dice_score(preds, target, num_classes, average='none', aggregation_level='samplewise')}.
     *
     * @throws IllegalArgumentException as {@link #iouPerClass}
     */
    public static double[][] dicePerClass(INDArray pred, INDArray target, int numClasses) {
        Counts c = counts("dicePerClass", pred, target, numClasses);
        double[][] out = new double[c.images()][c.classes()];
        for (int i = 0; i < c.images(); i++) {
            for (int k = 0; k < c.classes(); k++) {
                out[i][k] = dice(c.inter[i][k], c.pred[i][k], c.target[i][k]);
            }
        }
        return out;
    }

    /**
     * Mean Dice of each image over its classes with |P| + |T| &gt; 0, shape [B]; as
     * {@code dice_score(..., average='macro', aggregation_level='samplewise')}.
     *
     * @throws IllegalArgumentException as {@link #iouPerClass}
     */
    public static double[] meanDicePerImage(INDArray pred, INDArray target, int numClasses) {
        double[][] v = dicePerClass(pred, target, numClasses);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = nanMean(v[i]);
        }
        return out;
    }

    /**
     * Dataset-level IoU per class, Σ_b |P_bc ∩ T_bc| / Σ_b |P_bc ∪ T_bc| (NaN for a class that never
     * occurs), shape [numClasses]; the usual benchmark per-class IoU (documented formula).
     *
     * @throws IllegalArgumentException as {@link #iouPerClass}
     */
    public static double[] iouDataset(INDArray pred, INDArray target, int numClasses) {
        Counts c = counts("iouDataset", pred, target, numClasses);
        double[] out = new double[c.classes()];
        for (int k = 0; k < c.classes(); k++) {
            long in = 0;
            long p = 0;
            long t = 0;
            for (int i = 0; i < c.images(); i++) {
                in += c.inter[i][k];
                p += c.pred[i][k];
                t += c.target[i][k];
            }
            out[k] = iou(in, p, t);
        }
        return out;
    }

    /**
     * Dataset-level mean IoU: the mean of {@link #iouDataset} over the classes that occur (benchmark mIoU).
     *
     * @throws IllegalArgumentException as {@link #iouPerClass}
     */
    public static double meanIouDataset(INDArray pred, INDArray target, int numClasses) {
        return nanMean(iouDataset(pred, target, numClasses));
    }

    /**
     * Dataset-level Dice per class, 2 Σ_b |P_bc ∩ T_bc| / Σ_b (|P_bc| + |T_bc|), shape [numClasses];
     * as {@code dice_score(..., average='none', aggregation_level='global')}.
     *
     * @throws IllegalArgumentException as {@link #iouPerClass}
     */
    public static double[] diceDataset(INDArray pred, INDArray target, int numClasses) {
        Counts c = counts("diceDataset", pred, target, numClasses);
        double[] out = new double[c.classes()];
        for (int k = 0; k < c.classes(); k++) {
            long in = 0;
            long p = 0;
            long t = 0;
            for (int i = 0; i < c.images(); i++) {
                in += c.inter[i][k];
                p += c.pred[i][k];
                t += c.target[i][k];
            }
            out[k] = dice(in, p, t);
        }
        return out;
    }
}
