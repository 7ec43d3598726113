package org.calibrax4j.metriclearning;

import java.util.List;
import org.calibrax4j.metriclearning.Tape.Node;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Proxy-Anchor loss (Kim et al. 2020, eq. 4) with s = cos(x, p):
 * 1/|P⁺| Σ_{p∈P⁺} log(1 + Σ_{x∈X_p⁺} e^{−α(s−δ)}) + 1/|P| Σ_{p∈P} log(1 + Σ_{x∈X_p⁻} e^{α(s+δ)}),
 * P⁺ = proxies with at least one sample in the batch, P = all C proxies.
 *
 * <p>{@link Convention#PML} (default) = pytorch-metric-learning {@code ProxyAnchorLoss(margin=0.1,
 * alpha=32)} with its {@code DivisorReducer}, i.e. the paper. {@link Convention#CALIBRAX} sums
 * both terms only over P⁺ and divides by |P⁺| (the negative term of a proxy without samples is
 * dropped), adds ε inside both logarithms and normalises by ‖·‖ + ε; with ε = 0 it equals PML when
 * every class is present.
 *
 * @param numClasses C ≥ 1
 * @param embeddingSize D ≥ 1
 * @param margin δ ≥ 0 (default 0.1)
 * @param alpha α &gt; 0 (default 32)
 * @param convention PML or calibrax
 * @param epsilon ε of the calibrax conventions (1e-8)
 */
public record ProxyAnchorLoss(int numClasses, int embeddingSize, double margin, double alpha, Convention convention,
        double epsilon) implements ClassWeightLoss {
    static final String NAME = "ProxyAnchorLoss";

    /** Validates the configuration. */
    public ProxyAnchorLoss {
        Args.positiveInt(NAME, "numClasses", numClasses);
        Args.positiveInt(NAME, "embeddingSize", embeddingSize);
        Args.range(NAME, "margin", margin, 0, 1);
        Args.positive(NAME, "alpha", alpha);
        Args.notNull(NAME, "convention", convention);
        Args.nonNegative(NAME, "epsilon", epsilon);
    }

    /** δ = 0.1, α = 32, PML conventions. */
    public static ProxyAnchorLoss of(int numClasses, int embeddingSize) {
        return builder().numClasses(numClasses).embeddingSize(embeddingSize).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long[] weightShape() {
        return new long[] {numClasses, embeddingSize};
    }

    @Override
    public LossEvaluation evaluate(double[][] embeddings, int[] labels, double[][] proxies) {
        Args.matrix(NAME, "embeddings", embeddings, -1, embeddingSize);
        Args.labels(NAME, labels, embeddings.length, numClasses);
        Args.matrix(NAME, "proxies", proxies, numClasses, embeddingSize);
        Tape t = new Tape();
        Node[][] x = t.leaves(embeddings);
        Node[][] p = t.leaves(proxies);
        Node[][] c = Angular.cosines(t, x, p, convention, epsilon);
        List<Node> posTerms = Kernels.list();
        List<Node> negTerms = Kernels.list();
        for (int j = 0; j < numClasses; j++) {
            List<Node> pos = Kernels.list();
            List<Node> neg = Kernels.list();
            for (int i = 0; i < x.length; i++) {
                if (labels[i] == j) {
                    pos.add(t.scale(t.addConst(c[i][j], -margin), -alpha));
                } else {
                    neg.add(t.scale(t.addConst(c[i][j], margin), alpha));
                }
            }
            boolean present = !pos.isEmpty();
            if (convention == Convention.CALIBRAX) {
                if (present) {
                    posTerms.add(logOnePlus(t, pos));
                    negTerms.add(logOnePlus(t, neg));
                }
            } else {
                if (present) {
                    posTerms.add(t.logSumExp(pos, true));
                }
                negTerms.add(t.logSumExp(neg, true));
            }
        }
        Node loss;
        if (posTerms.isEmpty()) {
            loss = t.constant(0);
        } else {
            Node posPart = t.scale(t.sum(posTerms), 1.0 / posTerms.size());
            Node negPart = t.scale(t.sum(negTerms), 1.0 / negTerms.size());
            loss = t.add(posPart, negPart);
        }
        t.backward(loss);
        return new LossEvaluation(loss.v, Tape.grads(x), Tape.grads(p));
    }

    @Override
    public SDVariable define(SameDiff sd, String name, SDVariable embeddings, SDVariable labels, SDVariable proxies) {
        DataType dt = Graphs.check(NAME, embeddings, labels, embeddingSize);
        Graphs.checkWeights(NAME, proxies, weightShape());
        SDVariable xn = Graphs.normalizeRows(sd, embeddings, convention, epsilon);
        SDVariable pn = Graphs.normalizeRows(sd, proxies, convention, epsilon);
        SDVariable c = sd.mmul(xn, pn, false, true, false);
        SDVariable pos = Graphs.oneHot(sd, labels, numClasses, dt);
        SDVariable neg = pos.rsub(1.0);
        double k = 1 + (convention == Convention.CALIBRAX ? epsilon : 0);
        SDVariable posLog = logKPlusSumExp(sd, c.sub(margin).mul(-alpha), pos, k);
        SDVariable negLog = logKPlusSumExp(sd, c.add(margin).mul(alpha), neg, k);
        SDVariable present = sd.sum(pos, true, 0).gt(0.0).castTo(dt);
        SDVariable nPresent = sd.scalarMax(present.sum(), 1.0);
        SDVariable posTerm = posLog.mul(present).sum().div(nPresent);
        SDVariable negTerm = convention == Convention.CALIBRAX
                ? negLog.mul(present).sum().div(nPresent) : negLog.mean();
        return posTerm.add(negTerm).rename(name);
    }

    /**
     * Per column j: log(k + Σᵢ maskᵢⱼ·e^{zᵢⱼ}), with M = max(0, max of the unmasked z) shifted out so
     * that a large α cannot overflow; masked entries are pushed to −1e9 before the exponential, so
     * they contribute exactly 0 (value and gradient).
     */
    private static SDVariable logKPlusSumExp(SameDiff sd, SDVariable z, SDVariable mask, double k) {
        SDVariable zm = z.sub(mask.rsub(1.0).mul(1e9));
        SDVariable m = sd.scalarMax(sd.max(zm, true, 0), 0.0);
        SDVariable sum = sd.sum(sd.math.exp(zm.sub(m)).mul(mask), true, 0).add(sd.math.exp(m.neg()).mul(k));
        return sd.math.log(sum).add(m);
    }

    /** calibrax's log(1 + Σ e^z + ε), evaluated directly as it does. */
    private Node logOnePlus(Tape t, List<Node> z) {
        List<Node> e = Kernels.list();
        for (Node zi : z) {
            e.add(t.exp(zi));
        }
        return t.log(t.addConst(t.sum(e), 1 + epsilon));
    }

    /** A builder starting from the defaults (PML, δ = 0.1, α = 32). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ProxyAnchorLoss}; unset values keep their defaults. */
    public static final class Builder {
        private int numClasses;
        private int embeddingSize;
        private double margin = 0.1;
        private double alpha = 32;
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

        /** Margin δ (default 0.1). */
        public Builder margin(double v) {
            margin = v;
            return this;
        }

        /** Scale α (default 32). */
        public Builder alpha(double v) {
            alpha = v;
            return this;
        }

        /** Numerical conventions (default PML). */
        public Builder convention(Convention v) {
            convention = v;
            return this;
        }

        /** ε of the calibrax conventions (default 1e-8). */
        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        /** @throws IllegalArgumentException on an invalid value, naming it */
        public ProxyAnchorLoss build() {
            return new ProxyAnchorLoss(numClasses, embeddingSize, margin, alpha, convention, epsilon);
        }
    }
}
