package org.calibrax4j.metriclearning;

import java.util.List;
import org.calibrax4j.metriclearning.Tape.Node;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Triplet margin loss over all valid triplets ("batch all", Hermans et al. 2017; FaceNet hinge,
 * Schroff et al. 2015): relu(d(a, p) − d(a, n) + m) for every anchor a, positive p ≠ a of the same
 * class and negative n of another class; d = √(‖·‖² + ε).
 *
 * <p>Defaults = pytorch-metric-learning {@code TripletMarginLoss(margin=0.2,
 * triplets_per_anchor='all', distance=LpDistance(normalize_embeddings=False))} with
 * {@code AvgNonZeroReducer}. calibrax's {@code TripletLoss} is {@link Reduction#MEAN} with
 * ε = 1e-8 ({@link #calibrax()}). No valid or no active triplet gives 0 with a zero gradient.
 *
 * <p>The SameDiff graph ({@link #define}) materialises the B × B × B tensor of all triplets:
 * B = 256 needs 16.8 M entries per intermediate (≈ 64 MiB each in float32).
 *
 * @param margin m ≥ 0
 * @param distance raw or normalised Euclidean
 * @param reduction {@link Reduction#AVG_NON_ZERO} or {@link Reduction#MEAN}
 * @param distanceEpsilon ε ≥ 0
 */
public record TripletMarginLoss(double margin, Distance distance, Reduction reduction, double distanceEpsilon)
        implements EmbeddingLoss {
    static final String NAME = "TripletMarginLoss";

    /** Validates the configuration. */
    public TripletMarginLoss {
        Args.nonNegative(NAME, "margin", margin);
        Args.notNull(NAME, "distance", distance);
        Args.oneOf(NAME, "reduction", reduction, Reduction.AVG_NON_ZERO, Reduction.MEAN);
        Args.nonNegative(NAME, "distanceEpsilon", distanceEpsilon);
    }

    /** Margin 0.2, raw Euclidean, AvgNonZero (the reference's primary variant). */
    public static TripletMarginLoss defaults() {
        return builder().build();
    }

    /** calibrax {@code TripletLoss(margin=0.2)}: mean over valid triplets, ε = 1e-8. */
    public static TripletMarginLoss calibrax() {
        return builder().reduction(Reduction.MEAN).distanceEpsilon(1e-8).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LossEvaluation evaluate(double[][] embeddings, int[] labels) {
        Args.matrix(NAME, "embeddings", embeddings, -1, -1);
        Args.labels(NAME, labels, embeddings.length, -1);
        Tape t = new Tape();
        Node[][] x = t.leaves(embeddings);
        Node[][] d = Kernels.pairwise(t, Kernels.rows(t, x, distance), distanceEpsilon);
        List<Node> losses = Kernels.list();
        int b = x.length;
        for (int a = 0; a < b; a++) {
            for (int p = 0; p < b; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                for (int n = 0; n < b; n++) {
                    if (labels[n] != labels[a]) {
                        losses.add(t.relu(t.addConst(t.sub(d[a][p], d[a][n]), margin)));
                    }
                }
            }
        }
        Node loss = Kernels.reduce(t, losses, reduction);
        t.backward(loss);
        return new LossEvaluation(loss.v, Tape.grads(x), null);
    }

    @Override
    public SDVariable define(SameDiff sd, String name, SDVariable embeddings, SDVariable labels) {
        DataType dt = Graphs.check(NAME, embeddings, labels, -1);
        SDVariable x = distance == Distance.EUCLIDEAN_NORMALIZED
                ? Graphs.normalizeRows(sd, embeddings, Convention.PML, 0) : embeddings;
        SDVariable d = Graphs.pairwiseDistance(sd, x, distanceEpsilon);
        SDVariable[] m = Graphs.masks(sd, labels, dt);
        // [a, p, n] = d(a, p) − d(a, n) + margin, valid where p is a positive and n a negative of a.
        SDVariable gap = sd.expandDims(d, 2).sub(sd.expandDims(d, 1)).add(margin);
        SDVariable valid = sd.expandDims(m[1], 2).mul(sd.expandDims(m[2], 1));
        SDVariable losses = sd.nn.relu(gap, 0).mul(valid);
        SDVariable loss = reduction == Reduction.AVG_NON_ZERO
                ? Graphs.avgNonZero(sd, losses, dt) : Graphs.maskedMean(sd, losses, valid);
        return loss.rename(name);
    }

    /** A builder starting from the defaults (PML with margin 0.2 on raw embeddings). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link TripletMarginLoss}; unset values keep their defaults. */
    public static final class Builder {
        private double margin = 0.2;
        private Distance distance = Distance.EUCLIDEAN;
        private Reduction reduction = Reduction.AVG_NON_ZERO;
        private double distanceEpsilon = 0;

        private Builder() {
        }

        /** Margin m (default 0.2). */
        public Builder margin(double v) {
            margin = v;
            return this;
        }

        /** Distance (default EUCLIDEAN). */
        public Builder distance(Distance v) {
            distance = v;
            return this;
        }

        /** Reduction (default AVG_NON_ZERO). */
        public Builder reduction(Reduction v) {
            reduction = v;
            return this;
        }

        /** ε under the square root (default 0). */
        public Builder distanceEpsilon(double v) {
            distanceEpsilon = v;
            return this;
        }

        /** @throws IllegalArgumentException on an invalid value, naming it */
        public TripletMarginLoss build() {
            return new TripletMarginLoss(margin, distance, reduction, distanceEpsilon);
        }
    }
}
