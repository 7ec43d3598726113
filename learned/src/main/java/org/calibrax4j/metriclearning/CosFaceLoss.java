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
        return new CosFaceLoss(numClasses, embeddingSize, 0.35, 64, Convention.PML, 1e-8);
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
}
