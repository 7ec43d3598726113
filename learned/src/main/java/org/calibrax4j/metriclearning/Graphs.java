package org.calibrax4j.metriclearning;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * SameDiff building blocks shared by the losses' graph builders. Every op works in the
 * embeddings' floating-point type; masks and counts are built from labels and carry no gradient.
 * Square roots go through max(·, 1e-30) so that a zero argument (the diagonal of a distance
 * matrix, a cosine of exactly ±1) gives a zero gradient instead of ∞·0 = NaN.
 */
final class Graphs {
    static final double SQRT_FLOOR = 1e-30;

    private Graphs() {
    }

    /** Validates the graph inputs' ranks (and D where the static shape is known). */
    static DataType check(String who, SDVariable embeddings, SDVariable labels, long dim) {
        Args.notNull(who, "embeddings", embeddings);
        Args.notNull(who, "labels", labels);
        DataType dt = embeddings.dataType();
        if (dt != null && !dt.isFPType()) {
            throw Args.fail(who, "embeddings must be a floating-point variable, got %s", dt);
        }
        long[] shape = embeddings.getShape();
        if (shape != null) {
            if (shape.length != 2) {
                throw Args.fail(who, "embeddings must have rank 2 (B x D), got shape %s",
                        java.util.Arrays.toString(shape));
            }
            if (dim > 0 && shape[1] > 0 && shape[1] != dim) {
                throw Args.fail(who, "embeddings has %d columns, expected embeddingSize %d", shape[1], dim);
            }
        }
        long[] ls = labels.getShape();
        if (ls != null && ls.length != 1) {
            throw Args.fail(who, "labels must have rank 1 (B), got shape %s", java.util.Arrays.toString(ls));
        }
        if (shape != null && ls != null && shape[0] > 0 && ls[0] > 0 && shape[0] != ls[0]) {
            throw Args.fail(who, "labels has length %d but embeddings has %d rows", ls[0], shape[0]);
        }
        return dt == null ? DataType.FLOAT : dt;
    }

    /** sqrt(max(x, 1e-30)): zero gradient where x ≤ 1e-30. */
    static SDVariable safeSqrt(SameDiff sd, SDVariable x) {
        return sd.math.sqrt(sd.scalarMax(x, SQRT_FLOOR));
    }

    /** Row norms ‖xᵢ‖ as a B × 1 column. */
    static SDVariable rowNorm(SameDiff sd, SDVariable x) {
        return safeSqrt(sd, sd.sum(sd.math.square(x), true, 1));
    }

    /** x / max(‖x‖, 1e-12) per row (PML) or x / (‖x‖ + eps) (calibrax). */
    static SDVariable normalizeRows(SameDiff sd, SDVariable x, Convention c, double eps) {
        SDVariable n = rowNorm(sd, x);
        return x.div(c == Convention.PML ? sd.scalarMax(n, Kernels.PML_NORM_FLOOR) : n.add(eps));
    }

    /** B × B masks: [same label, same label and i ≠ j (positive), different label (negative), eye]. */
    static SDVariable[] masks(SameDiff sd, SDVariable labels, DataType dt) {
        SDVariable l = labels.castTo(DataType.DOUBLE);
        SDVariable col = sd.expandDims(l, 1);
        SDVariable row = sd.expandDims(l, 0);
        SDVariable same = col.sub(row).eq(0.0).castTo(dt);
        SDVariable iota = sd.cumsum(l.mul(0.0).add(1.0), false, false, 0);
        SDVariable eye = sd.expandDims(iota, 1).sub(sd.expandDims(iota, 0)).eq(0.0).castTo(dt);
        SDVariable pos = same.sub(eye);
        SDVariable neg = same.rsub(1.0);
        return new SDVariable[] {same, pos, neg, eye};
    }

    /** B × B Euclidean distances √(max(‖xᵢ − xⱼ‖² + eps, 1e-30)) via the Gram matrix. */
    static SDVariable pairwiseDistance(SameDiff sd, SDVariable x, double eps) {
        SDVariable r = sd.sum(sd.math.square(x), true, 1);
        SDVariable gram = sd.mmul(x, x, false, true, false);
        SDVariable sq = r.add(sd.transpose(r)).sub(gram.mul(2.0));
        return safeSqrt(sd, eps == 0 ? sq : sq.add(eps));
    }

    /** Σ losses / max(#(losses &gt; 0), 1) (AvgNonZero; the count carries no gradient). */
    static SDVariable avgNonZero(SameDiff sd, SDVariable losses, DataType dt) {
        SDVariable count = losses.gt(0.0).castTo(dt).sum();
        return losses.sum().div(sd.scalarMax(count, 1.0));
    }

    /** Σ losses / max(Σ mask, 1). */
    static SDVariable maskedMean(SameDiff sd, SDVariable losses, SDVariable mask) {
        return losses.mul(mask).sum().div(sd.scalarMax(mask.sum(), 1.0));
    }

    /** Row-wise log Σ exp(z) with the row max shifted out (its gradient cancels). */
    static SDVariable logSumExpRows(SameDiff sd, SDVariable z) {
        SDVariable m = sd.max(z, true, 1);
        return sd.math.log(sd.sum(sd.math.exp(z.sub(m)), true, 1)).add(m);
    }

    /** Mean cross-entropy of B × C logits against one-hot targets. */
    static SDVariable crossEntropy(SameDiff sd, SDVariable logits, SDVariable oneHot) {
        SDVariable target = sd.sum(logits.mul(oneHot), true, 1);
        return logSumExpRows(sd, logits).sub(target).mean();
    }

    static SDVariable oneHot(SameDiff sd, SDVariable labels, int classes, DataType dt) {
        return sd.oneHot(labels.castTo(DataType.INT64), classes, -1, 1.0, 0.0, dt);
    }

    /** 1.0 when the batch has at least one positive and one negative pair, else 0.0 (no gradient). */
    static SDVariable hasPositiveAndNegative(SDVariable pos, SDVariable neg) {
        return pos.sum().gt(0.0).castTo(pos.dataType()).mul(neg.sum().gt(0.0).castTo(pos.dataType()));
    }

    static void checkWeights(String who, SDVariable w, long[] expected) {
        Args.notNull(who, "weights", w);
        long[] shape = w.getShape();
        if (shape != null && !java.util.Arrays.equals(shape, expected)) {
            throw Args.fail(who, "weights have shape %s, expected %s", java.util.Arrays.toString(shape),
                    java.util.Arrays.toString(expected));
        }
    }

    /** B × C cosines between embedding rows and the columns of a D × C weight matrix. */
    static SDVariable cosinesToColumns(SameDiff sd, SDVariable x, SDVariable w, Convention c, double eps) {
        SDVariable xn = normalizeRows(sd, x, c, eps);
        SDVariable n = safeSqrt(sd, sd.sum(sd.math.square(w), true, 0));
        SDVariable wn = w.div(c == Convention.PML ? sd.scalarMax(n, Kernels.PML_NORM_FLOOR) : n.add(eps));
        return xn.mmul(wn);
    }
}
