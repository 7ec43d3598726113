package org.calibrax4j.metriclearning;

import java.util.List;
import org.calibrax4j.metriclearning.Tape.Node;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Label-supervised contrastive softmax losses on cosine similarities s = cos/τ.
 *
 * <ul>
 *   <li>{@link Formulation#SUPCON} (default; Khosla et al. 2020, L_out; pytorch-metric-learning
 *       {@code SupConLoss}): per anchor i with positives P(i),
 *       ℓᵢ = −1/|P(i)| Σ_{p∈P(i)} [s_ip − log Σ_{k≠i} e^{s_ik}]; anchors without a positive have
 *       loss 0 and drop out of {@link Reduction#AVG_NON_ZERO} (default); {@link Reduction#MEAN}
 *       divides by all B anchors.</li>
 *   <li>{@link Formulation#NTXENT} (SimCLR's NT-Xent, Chen et al. 2020, generalised to labels;
 *       PML {@code NTXentLoss}): per ordered positive pair (a, p),
 *       −log(e^{s_ap} / (e^{s_ap} + Σ_{n: yₙ≠y_a} e^{s_an})), mean over positive pairs.</li>
 *   <li>{@link Formulation#CALIBRAX} (calibrax {@code NTXentLoss}): x̂ = x/(‖x‖+ε), the row max
 *       (the self-similarity) subtracted with its gradient,
 *       ℓᵢ = −Σ_{p∈P(i)} z_ip / max(|P(i)|, 1) + log(Σ_{k≠i} e^{z_ik} + ε), mean over all B
 *       anchors. Anchors without a positive are not excluded, so the loss can be negative.</li>
 * </ul>
 * The PML forms need at least one positive and one negative pair in the batch; otherwise the
 * loss is 0 with a zero gradient.
 *
 * @param temperature τ &gt; 0 (default 0.5)
 * @param formulation which loss
 * @param reduction for {@link Formulation#SUPCON}: AVG_NON_ZERO (default) or MEAN; the other
 *     formulations fix their own reduction and require {@link Reduction#MEAN}
 * @param epsilon ε ≥ 0 of {@link Formulation#CALIBRAX} (1e-8 there; unused otherwise)
 */
public record NtXentLoss(double temperature, Formulation formulation, Reduction reduction, double epsilon)
        implements EmbeddingLoss {
    static final String NAME = "NtXentLoss";

    /** Which contrastive softmax loss. */
    public enum Formulation {
        /** PML SupConLoss (Khosla et al. 2020). */
        SUPCON,
        /** PML NTXentLoss (Chen et al. 2020, per positive pair). */
        NTXENT,
        /** calibrax NTXentLoss. */
        CALIBRAX
    }

    /** Validates the configuration. */
    public NtXentLoss {
        Args.positive(NAME, "temperature", temperature);
        Args.notNull(NAME, "formulation", formulation);
        if (formulation == Formulation.SUPCON) {
            Args.oneOf(NAME, "reduction", reduction, Reduction.AVG_NON_ZERO, Reduction.MEAN);
        } else {
            Args.oneOf(NAME, "reduction", reduction, Reduction.MEAN);
        }
        Args.nonNegative(NAME, "epsilon", epsilon);
    }

    /** PML {@code SupConLoss(temperature=0.5)} with AvgNonZero (the reference's primary variant). */
    public static NtXentLoss defaults() {
        return builder().build();
    }

    /** PML {@code NTXentLoss(temperature)}. */
    public static NtXentLoss ntXent(double temperature) {
        return builder().temperature(temperature).formulation(Formulation.NTXENT).build();
    }

    /** calibrax {@code NTXentLoss(temperature)} with ε = 1e-8. */
    public static NtXentLoss calibrax(double temperature) {
        return builder().temperature(temperature).formulation(Formulation.CALIBRAX).build();
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
        int b = x.length;
        Node[][] xn = new Node[b][];
        for (int i = 0; i < b; i++) {
            xn[i] = formulation == Formulation.CALIBRAX
                    ? Kernels.normalizeEps(t, x[i], epsilon) : Kernels.normalizePml(t, x[i]);
        }
        Node[][] s = new Node[b][b];
        for (int i = 0; i < b; i++) {
            for (int j = i; j < b; j++) {
                if (i == j && formulation != Formulation.CALIBRAX) {
                    continue;
                }
                s[i][j] = t.scale(t.dot(xn[i], xn[j]), 1 / temperature);
                s[j][i] = s[i][j];
            }
        }
        boolean anyPos = false;
        boolean anyNeg = false;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                if (i != j) {
                    anyPos |= labels[i] == labels[j];
                    anyNeg |= labels[i] != labels[j];
                }
            }
        }
        Node loss;
        switch (formulation) {
            case SUPCON -> loss = anyPos && anyNeg ? supCon(t, s, labels) : t.constant(0);
            case NTXENT -> loss = anyPos && anyNeg ? ntXent(t, s, labels) : t.constant(0);
            default -> loss = calibraxLoss(t, s, labels);
        }
        t.backward(loss);
        return new LossEvaluation(loss.v, Tape.grads(x), null);
    }

    @Override
    public SDVariable define(SameDiff sd, String name, SDVariable embeddings, SDVariable labels) {
        DataType dt = Graphs.check(NAME, embeddings, labels, -1);
        boolean calibrax = formulation == Formulation.CALIBRAX;
        SDVariable xn = Graphs.normalizeRows(sd, embeddings, calibrax ? Convention.CALIBRAX : Convention.PML, epsilon);
        SDVariable s = sd.mmul(xn, xn, false, true, false).div(temperature);
        SDVariable[] m = Graphs.masks(sd, labels, dt);
        SDVariable pos = m[1];
        SDVariable notSelf = m[3].rsub(1.0);
        SDVariable nPos = sd.sum(pos, true, 1);
        SDVariable loss;
        if (calibrax) {
            SDVariable z = s.sub(sd.max(s, true, 1));
            SDVariable logDen = sd.math.log(sd.sum(sd.math.exp(z).mul(notSelf), true, 1).add(epsilon));
            SDVariable posTerm = sd.sum(z.mul(pos), true, 1).div(sd.scalarMax(nPos, 1.0)).neg();
            loss = posTerm.add(logDen).mean();
        } else {
            // Cosines are ≤ 1, so shifting by 1/τ keeps every exponent ≤ 0 (exact: it cancels).
            double shift = 1 / temperature;
            SDVariable e = sd.math.exp(s.sub(shift));
            SDVariable gate = Graphs.hasPositiveAndNegative(pos, m[2]);
            if (formulation == Formulation.SUPCON) {
                SDVariable lse = sd.math.log(sd.sum(e.mul(notSelf), true, 1)).add(shift);
                SDVariable meanPos = sd.sum(s.sub(lse).mul(pos), true, 1).div(sd.scalarMax(nPos, 1.0));
                SDVariable perAnchor = meanPos.neg().mul(gate);
                loss = reduction == Reduction.AVG_NON_ZERO
                        ? Graphs.avgNonZero(sd, perAnchor, dt) : perAnchor.mean();
            } else {
                SDVariable negSum = sd.sum(e.mul(m[2]), true, 1);
                SDVariable perPair = sd.math.log(e.add(negSum)).add(shift).sub(s);
                loss = Graphs.maskedMean(sd, perPair, pos).mul(gate);
            }
        }
        return loss.rename(name);
    }

    private Node supCon(Tape t, Node[][] s, int[] labels) {
        int b = s.length;
        List<Node> perAnchor = Kernels.list();
        for (int i = 0; i < b; i++) {
            List<Node> all = Kernels.list();
            List<Node> pos = Kernels.list();
            for (int k = 0; k < b; k++) {
                if (k != i) {
                    all.add(s[i][k]);
                    if (labels[k] == labels[i]) {
                        pos.add(s[i][k]);
                    }
                }
            }
            if (pos.isEmpty()) {
                perAnchor.add(t.constant(0));
                continue;
            }
            perAnchor.add(t.sub(t.logSumExp(all, false), t.scale(t.sum(pos), 1.0 / pos.size())));
        }
        return Kernels.reduce(t, perAnchor, reduction);
    }

    private static Node ntXent(Tape t, Node[][] s, int[] labels) {
        int b = s.length;
        List<Node> perPair = Kernels.list();
        for (int a = 0; a < b; a++) {
            List<Node> neg = Kernels.list();
            for (int k = 0; k < b; k++) {
                if (labels[k] != labels[a]) {
                    neg.add(s[a][k]);
                }
            }
            for (int p = 0; p < b; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                List<Node> terms = Kernels.list();
                terms.add(s[a][p]);
                terms.addAll(neg);
                perPair.add(t.sub(t.logSumExp(terms, false), s[a][p]));
            }
        }
        return Kernels.mean(t, perPair);
    }

    private Node calibraxLoss(Tape t, Node[][] s, int[] labels) {
        int b = s.length;
        List<Node> perAnchor = Kernels.list();
        for (int i = 0; i < b; i++) {
            Node max = t.max(List.of(s[i]));
            List<Node> expOthers = Kernels.list();
            List<Node> pos = Kernels.list();
            for (int k = 0; k < b; k++) {
                if (k == i) {
                    continue;
                }
                Node z = t.sub(s[i][k], max);
                expOthers.add(t.exp(z));
                if (labels[k] == labels[i]) {
                    pos.add(z);
                }
            }
            Node logDen = t.log(t.addConst(t.sum(expOthers), epsilon));
            Node posTerm = t.scale(t.sum(pos), -1.0 / Math.max(pos.size(), 1));
            perAnchor.add(t.add(posTerm, logDen));
        }
        return Kernels.mean(t, perAnchor);
    }

    /** A builder starting from the defaults (PML SupCon, τ = 0.5). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link NtXentLoss}; unset values keep their defaults. */
    public static final class Builder {
        private double temperature = 0.5;
        private Formulation formulation = Formulation.SUPCON;
        private Reduction reduction;
        private double epsilon = 1e-8;

        private Builder() {
        }

        /** Temperature τ (default 0.5). */
        public Builder temperature(double v) {
            temperature = v;
            return this;
        }

        /** Formulation (default SUPCON). */
        public Builder formulation(Formulation v) {
            formulation = v;
            return this;
        }

        /** Reduction (default: AVG_NON_ZERO for SUPCON, MEAN otherwise). */
        public Builder reduction(Reduction v) {
            reduction = v;
            return this;
        }

        /** ε of the calibrax formulation (default 1e-8). */
        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        /** @throws IllegalArgumentException on an invalid value, naming it */
        public NtXentLoss build() {
            Reduction r = reduction != null ? reduction
                    : formulation == Formulation.SUPCON ? Reduction.AVG_NON_ZERO : Reduction.MEAN;
            return new NtXentLoss(temperature, formulation, r, epsilon);
        }
    }
}
