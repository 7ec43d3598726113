package org.calibrax4j.metriclearning;

import java.util.List;
import org.calibrax4j.metriclearning.Tape.Node;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Contrastive (pair) loss over all ordered pairs (i, j), i ≠ j, of a labelled batch.
 *
 * <p>{@link Form#HINGE} (pytorch-metric-learning {@code ContrastiveLoss}, the default): a positive
 * pair costs relu(d − m₊), a negative pair relu(m₋ − d); the two sub-losses are reduced
 * separately and <em>added</em> (AvgNonZero(pos) + AvgNonZero(neg) by default).
 * {@link Form#SQUARED} (Hadsell, Chopra &amp; LeCun 2006, eq. 4 without the ½ factors, as calibrax):
 * y·relu(d − m₊)² + (1 − y)·relu(m₋ − d)², normally with {@link Reduction#PLAIN_MEAN}.
 * d = √(‖xᵢ − xⱼ‖² + ε) with ε = {@code distanceEpsilon} (calibrax: 1e-8; PML: 0).
 *
 * <p>Defaults = the reference's primary variant: PML {@code ContrastiveLoss(pos_margin=0,
 * neg_margin=1, distance=LpDistance(normalize_embeddings=False))}. A batch without any pair of a
 * sub-loss contributes 0 for that sub-loss (and 0 with a zero gradient overall, never NaN).
 *
 * @param posMargin m₊ ≥ 0
 * @param negMargin m₋ &gt; m₊
 * @param distance raw or normalised Euclidean
 * @param reduction {@link Reduction#AVG_NON_ZERO} or {@link Reduction#MEAN} (per sub-loss, summed)
 *     or {@link Reduction#PLAIN_MEAN} (one mean over all pairs)
 * @param form hinge (PML) or squared (Hadsell)
 * @param distanceEpsilon ε ≥ 0 under the square root of the distance
 */
public record ContrastiveLoss(double posMargin, double negMargin, Distance distance, Reduction reduction,
        Form form, double distanceEpsilon) implements EmbeddingLoss {
    static final String NAME = "ContrastiveLoss";

    /** The per-pair form. */
    public enum Form {
        /** relu(d − m₊) / relu(m₋ − d) (PML). */
        HINGE,
        /** relu(d − m₊)² / relu(m₋ − d)² (Hadsell et al. 2006; calibrax). */
        SQUARED
    }

    /** Validates the configuration. */
    public ContrastiveLoss {
        Args.nonNegative(NAME, "posMargin", posMargin);
        Args.positive(NAME, "negMargin", negMargin);
        if (!(negMargin > posMargin)) {
            throw Args.fail(NAME, "negMargin (%s) must exceed posMargin (%s)", negMargin, posMargin);
        }
        Args.notNull(NAME, "distance", distance);
        Args.notNull(NAME, "reduction", reduction);
        Args.notNull(NAME, "form", form);
        Args.nonNegative(NAME, "distanceEpsilon", distanceEpsilon);
    }

    /** PML defaults with margin 1 on raw embeddings (the reference's primary variant). */
    public static ContrastiveLoss defaults() {
        return builder().build();
    }

    /** calibrax {@code ContrastiveLoss(margin=1)}: squared form, plain mean, ε = 1e-8. */
    public static ContrastiveLoss calibrax() {
        return builder().form(Form.SQUARED).reduction(Reduction.PLAIN_MEAN).distanceEpsilon(1e-8).build();
    }

    /** A builder starting from {@link #defaults()}' values. */
    public static Builder builder() {
        return new Builder();
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
        List<Node> pos = Kernels.list();
        List<Node> neg = Kernels.list();
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (i == j) {
                    continue;
                }
                if (labels[i] == labels[j]) {
                    Node h = t.relu(t.addConst(d[i][j], -posMargin));
                    pos.add(form == Form.SQUARED ? t.square(h) : h);
                } else {
                    Node h = t.relu(t.sub(t.constant(negMargin), d[i][j]));
                    neg.add(form == Form.SQUARED ? t.square(h) : h);
                }
            }
        }
        Node loss;
        if (reduction == Reduction.PLAIN_MEAN) {
            List<Node> all = Kernels.list();
            all.addAll(pos);
            all.addAll(neg);
            loss = Kernels.mean(t, all);
        } else {
            loss = t.add(Kernels.reduce(t, pos, reduction), Kernels.reduce(t, neg, reduction));
        }
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
        SDVariable pos = sd.nn.relu(d.sub(posMargin), 0);
        SDVariable neg = sd.nn.relu(d.rsub(negMargin), 0);
        if (form == Form.SQUARED) {
            pos = sd.math.square(pos);
            neg = sd.math.square(neg);
        }
        pos = pos.mul(m[1]);
        neg = neg.mul(m[2]);
        SDVariable loss = switch (reduction) {
            case AVG_NON_ZERO -> Graphs.avgNonZero(sd, pos, dt).add(Graphs.avgNonZero(sd, neg, dt));
            case MEAN -> Graphs.maskedMean(sd, pos, m[1]).add(Graphs.maskedMean(sd, neg, m[2]));
            case PLAIN_MEAN -> pos.sum().add(neg.sum()).div(sd.scalarMax(m[1].sum().add(m[2].sum()), 1.0));
        };
        return loss.rename(name);
    }

    /** Builder; every default is PML's (with margin 1 on raw embeddings). */
    public static final class Builder {
        private double posMargin = 0;
        private double negMargin = 1.0;
        private Distance distance = Distance.EUCLIDEAN;
        private Reduction reduction = Reduction.AVG_NON_ZERO;
        private Form form = Form.HINGE;
        private double distanceEpsilon = 0;

        private Builder() {
        }

        /** m₊ (default 0). */
        public Builder posMargin(double v) {
            posMargin = v;
            return this;
        }

        /** m₋ (default 1.0, calibrax's margin). */
        public Builder negMargin(double v) {
            negMargin = v;
            return this;
        }

        /** Distance (default raw Euclidean). */
        public Builder distance(Distance v) {
            distance = v;
            return this;
        }

        /** Reduction (default AvgNonZero per sub-loss). */
        public Builder reduction(Reduction v) {
            reduction = v;
            return this;
        }

        /** Per-pair form (default hinge). */
        public Builder form(Form v) {
            form = v;
            return this;
        }

        /** ε under the distance's square root (default 0). */
        public Builder distanceEpsilon(double v) {
            distanceEpsilon = v;
            return this;
        }

        /** @throws IllegalArgumentException on an invalid value */
        public ContrastiveLoss build() {
            return new ContrastiveLoss(posMargin, negMargin, distance, reduction, form, distanceEpsilon);
        }
    }
}
