package org.calibrax4j.metriclearning;

import java.util.List;
import org.calibrax4j.metriclearning.Tape.Node;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * CosFace / large-margin cosine loss (Wang et al. 2018, LMCL): cross-entropy over
 * s·(cos θⱼ − m·[j = y]), cos θⱼ = cos(x, Wⱼ), mean over the batch (pytorch-metric-learning
 * {@code CosFaceLoss}; calibrax {@code CosFaceLoss} normalises by ‖·‖ + ε instead).
 *
 * @param numClasses C ≥ 1
 * @param embeddingSize D ≥ 1
 * @param margin m in [0, 2] (default 0.35)
 * @param scale s &gt; 0 (default 64)
 * @param convention PML or calibrax normalisation
 * @param epsilon ε of the calibrax normalisation (1e-8)
 */
public record CosFaceLoss(int numClasses, int embeddingSize, double margin, double scale, Convention convention,
        double epsilon) implements ClassWeightLoss {
    static final String NAME = "CosFaceLoss";

    /** Validates the configuration. */
    public CosFaceLoss {
        Args.positiveInt(NAME, "numClasses", numClasses);
        Args.positiveInt(NAME, "embeddingSize", embeddingSize);
        Args.range(NAME, "margin", margin, 0, 2);
        Args.positive(NAME, "scale", scale);
        Args.notNull(NAME, "convention", convention);
        Args.nonNegative(NAME, "epsilon", epsilon);
    }

    /** m = 0.35, s = 64, PML conventions. */
    public static CosFaceLoss of(int numClasses, int embeddingSize) {
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
                Node z = j == labels[i] ? t.addConst(c[i][j], -margin) : c[i][j];
                logits.add(t.scale(z, scale));
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
        SDVariable oneHot = Graphs.oneHot(sd, labels, numClasses, dt);
        SDVariable logits = c.sub(oneHot.mul(margin)).mul(scale);
        return Graphs.crossEntropy(sd, logits, oneHot).rename(name);
    }

    /** A builder starting from the defaults (PML, m = 0.35, s = 64). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link CosFaceLoss}; unset values keep their defaults. */
    public static final class Builder {
        private int numClasses;
        private int embeddingSize;
        private double margin = 0.35;
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

        /** Margin m (default 0.35). */
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
        public CosFaceLoss build() {
            return new CosFaceLoss(numClasses, embeddingSize, margin, scale, convention, epsilon);
        }
    }
}
