package org.calibrax4j.metriclearning;

import java.util.List;
import org.calibrax4j.metriclearning.Tape.Node;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ArcFace additive angular margin loss (Deng et al. 2019): cross-entropy over
 * s·[ψ(θ_y) for the target class, cos θⱼ for the others], cos θⱼ = cos(x, Wⱼ).
 *
 * <p>{@link Convention#PML} (default; pytorch-metric-learning {@code ArcFaceLoss}, mean over the
 * batch): θ = acos(clamp(c, −1, 1)); ψ = cos(θ + m) for θ ≤ π − m, else cos θ − m·sin m (the
 * insightface {@code easy_margin=False} rule that keeps the logit non-increasing in θ). At c = ±1
 * the target path's gradient is 0 (the cosine is at an extremum; PML's autograd gives NaN there).
 * {@link Convention#CALIBRAX}: x/(‖x‖+ε), every cosine clipped to [−1 + 1e-7, 1 − 1e-7] and
 * ψ = cos(θ + m) without the threshold rule.
 *
 * @param numClasses C ≥ 1
 * @param embeddingSize D ≥ 1
 * @param margin m in radians, in [0, π/2) (default 0.5)
 * @param scale s &gt; 0 (default 64)
 * @param convention PML or calibrax
 * @param epsilon ε of the calibrax normalisation (1e-8)
 */
public record ArcFaceLoss(int numClasses, int embeddingSize, double margin, double scale, Convention convention,
        double epsilon) implements ClassWeightLoss {
    static final String NAME = "ArcFaceLoss";
    /** calibrax's {@code _EPSILON_CLIP}. */
    static final double CLIP = 1e-7;

    /** Validates the configuration. */
    public ArcFaceLoss {
        Args.positiveInt(NAME, "numClasses", numClasses);
        Args.positiveInt(NAME, "embeddingSize", embeddingSize);
        if (!(margin >= 0 && margin < Math.PI / 2)) {
            throw Args.fail(NAME, "margin must be in [0, π/2) radians, got %s", margin);
        }
        Args.positive(NAME, "scale", scale);
        Args.notNull(NAME, "convention", convention);
        Args.nonNegative(NAME, "epsilon", epsilon);
    }

    /** m = 0.5 rad, s = 64, PML conventions. */
    public static ArcFaceLoss of(int numClasses, int embeddingSize) {
        return builder().numClasses(numClasses).embeddingSize(embeddingSize).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long[] weightShape() {
        return new long[] {embeddingSize, numClasses};
    }

    /** The PML target logit ψ(c) (unscaled) with the threshold rule; c is clamped to [−1, 1]. */
    public static double targetLogitPml(double c, double m) {
        double cc = Math.max(-1, Math.min(1, c));
        double theta = Math.acos(cc);
        return theta <= Math.PI - m ? Math.cos(theta + m) : Math.cos(theta) - m * Math.sin(m);
    }

    /** calibrax's target logit: cos(acos(clip(c, −1 + 1e-7, 1 − 1e-7)) + m). */
    public static double targetLogitCalibrax(double c, double m) {
        return Math.cos(Math.acos(Math.max(-1 + CLIP, Math.min(1 - CLIP, c))) + m);
    }

    private Node target(Tape t, Node c) {
        if (convention == Convention.CALIBRAX) {
            // c is already clipped, so sin θ ≥ √(2e-7) and the derivative is finite.
            double theta = Math.acos(c.v);
            return t.op(Math.cos(theta + margin), c, Math.sin(theta + margin) / Math.sin(theta));
        }
        double cc = Math.max(-1, Math.min(1, c.v));
        double theta = Math.acos(cc);
        if (Math.abs(c.v) >= 1) {
            return t.op(targetLogitPml(c.v, margin), c, 0);
        }
        if (theta <= Math.PI - margin) {
            return t.op(Math.cos(theta + margin), c, Math.sin(theta + margin) / Math.sin(theta));
        }
        return t.op(Math.cos(theta) - margin * Math.sin(margin), c, 1);
    }

    @Override
    public LossEvaluation evaluate(double[][] embeddings, int[] labels, double[][] weights) {
        Args.matrix(NAME, "embeddings", embeddings, -1, embeddingSize);
        Args.labels(NAME, labels, embeddings.length, numClasses);
        Args.matrix(NAME, "weights", weights, embeddingSize, numClasses);
        Tape t = new Tape();
        Node[][] x = t.leaves(embeddings);
        Node[][] w = t.leaves(Kernels.transpose(weights));
        Node[][] c = Angular.cosines(t, x, w, convention, epsilon);
        List<Node> losses = Kernels.list();
        for (int i = 0; i < x.length; i++) {
            List<Node> logits = Kernels.list();
            for (int j = 0; j < numClasses; j++) {
                Node cij = convention == Convention.CALIBRAX ? t.clip(c[i][j], -1 + CLIP, 1 - CLIP) : c[i][j];
                logits.add(t.scale(j == labels[i] ? target(t, cij) : cij, scale));
            }
            losses.add(Kernels.crossEntropy(t, logits, labels[i]));
        }
        Node loss = Kernels.mean(t, losses);
        t.backward(loss);
        return new LossEvaluation(loss.v, Tape.grads(x), Kernels.transpose(Tape.grads(w)));
    }

    @Override
    public SDVariable define(SameDiff sd, String name, SDVariable embeddings, SDVariable labels, SDVariable weights) {
        DataType dt = Graphs.check(NAME, embeddings, labels, embeddingSize);
        Graphs.checkWeights(NAME, weights, weightShape());
        SDVariable c = Graphs.cosinesToColumns(sd, embeddings, weights, convention, epsilon);
        boolean calibrax = convention == Convention.CALIBRAX;
        if (calibrax) {
            c = sd.math.clipByValue(c, -1 + CLIP, 1 - CLIP);
        }
        SDVariable oneHot = Graphs.oneHot(sd, labels, numClasses, dt);
        SDVariable ct = sd.sum(c.mul(oneHot), true, 1);
        // cos(θ + m) = c·cos m − sin θ·sin m with sin θ = √(1 − c²): no acos, and the floored square
        // root gives the target path a zero gradient at c = ±1 instead of PML's NaN.
        SDVariable cc = calibrax ? ct : sd.math.clipByValue(ct, -1, 1);
        SDVariable sinTheta = Graphs.safeSqrt(sd, sd.math.square(cc).rsub(1.0));
        SDVariable psi = cc.mul(Math.cos(margin)).sub(sinTheta.mul(Math.sin(margin)));
        if (!calibrax) {
            // θ ≤ π − m  ⇔  c ≥ −cos m; beyond it PML uses cos θ − m·sin m (monotone in θ).
            SDVariable keep = cc.gte(-Math.cos(margin)).castTo(dt);
            SDVariable beyond = cc.sub(margin * Math.sin(margin));
            psi = psi.mul(keep).add(beyond.mul(keep.rsub(1.0)));
        }
        SDVariable logits = c.add(oneHot.mul(psi.sub(ct))).mul(scale);
        return Graphs.crossEntropy(sd, logits, oneHot).rename(name);
    }

    /** A builder starting from the defaults (PML, m = 0.5, s = 64). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ArcFaceLoss}; unset values keep their defaults. */
    public static final class Builder {
        private int numClasses;
        private int embeddingSize;
        private double margin = 0.5;
        private double scale = 64;
        private Convention convention = Convention.PML;
        private double epsilon = 1e-8;

        private Builder() {
        }

        /** Number of classes C (required; no default). */
        public Builder numClasses(int v) {
            numClasses = v;
            return this;
        }

        /** Embedding width D (required; no default). */
        public Builder embeddingSize(int v) {
            embeddingSize = v;
            return this;
        }

        /** Margin m (default 0.5). */
        public Builder margin(double v) {
            margin = v;
            return this;
        }

        /** Logit scale s (default 64). */
        public Builder scale(double v) {
            scale = v;
            return this;
        }

        /** Numerical conventions (default PML). */
        public Builder convention(Convention v) {
            convention = v;
            return this;
        }

        /** ε of the calibrax normalisation (default 1e-8). */
        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        /** @throws IllegalArgumentException on an invalid value, naming it */
        public ArcFaceLoss build() {
            return new ArcFaceLoss(numClasses, embeddingSize, margin, scale, convention, epsilon);
        }
    }
}
