package org.calibrax4j.metriclearning;

import java.util.List;
import org.calibrax4j.metriclearning.Tape.Node;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ProxyNCA (Movshovitz-Attias et al. 2017): cross-entropy over softmax(−σ·d(x̂, p̂ⱼ)) with one
 * proxy per class, the positive proxy <em>in</em> the denominator, mean over the batch:
 * ℓᵢ = −log(e^{−σ d(x̂ᵢ, p̂_y)} / Σⱼ e^{−σ d(x̂ᵢ, p̂ⱼ)}).
 *
 * <p>Defaults = pytorch-metric-learning {@code ProxyNCALoss(softmax_scale=1,
 * distance=LpDistance(normalize_embeddings=True, p=2, power=1))}: the Euclidean distance between
 * normalised embedding and proxy, not squared (as calibrax). {@code distancePower = 2} is PML's
 * default {@code LpDistance(power=2)}. {@link Convention#CALIBRAX} normalises by ‖·‖ + ε and uses
 * d = √(‖x̂ − p̂‖² + ε). {@code excludePositive} gives the paper's form as written (positive proxy
 * excluded from the denominator; usually with power 2).
 *
 * @param numClasses C ≥ 1
 * @param embeddingSize D ≥ 1
 * @param softmaxScale σ &gt; 0 (default 1)
 * @param distancePower 1 or 2
 * @param convention PML or calibrax
 * @param epsilon ε of the calibrax conventions (1e-8)
 * @param excludePositive whether the positive proxy is left out of the denominator (paper)
 */
public record ProxyNcaLoss(int numClasses, int embeddingSize, double softmaxScale, int distancePower,
        Convention convention, double epsilon, boolean excludePositive) implements ClassWeightLoss {
    static final String NAME = "ProxyNcaLoss";

    /** Validates the configuration. */
    public ProxyNcaLoss {
        Args.positiveInt(NAME, "numClasses", numClasses);
        Args.positiveInt(NAME, "embeddingSize", embeddingSize);
        Args.positive(NAME, "softmaxScale", softmaxScale);
        Args.oneOf(NAME, "distancePower", distancePower, 1, 2);
        Args.notNull(NAME, "convention", convention);
        Args.nonNegative(NAME, "epsilon", epsilon);
        if (excludePositive && numClasses < 2) {
            throw Args.fail(NAME, "excludePositive needs numClasses ≥ 2, got %d", numClasses);
        }
    }

    /** σ = 1, power 1, PML conventions, positive in the denominator. */
    public static ProxyNcaLoss of(int numClasses, int embeddingSize) {
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
        Node[][] xn = new Node[x.length][];
        for (int i = 0; i < x.length; i++) {
            xn[i] = Kernels.normalize(t, x[i], convention, epsilon);
        }
        Node[][] pn = new Node[numClasses][];
        for (int j = 0; j < numClasses; j++) {
            pn[j] = Kernels.normalize(t, p[j], convention, epsilon);
        }
        List<Node> losses = Kernels.list();
        for (int i = 0; i < x.length; i++) {
            List<Node> logits = Kernels.list();
            Node positive = null;
            for (int j = 0; j < numClasses; j++) {
                Node sq = t.squaredDistance(xn[i], pn[j]);
                if (convention == Convention.CALIBRAX) {
                    sq = t.addConst(sq, epsilon);
                }
                Node d = distancePower == 2 ? sq : t.sqrt(sq);
                Node z = t.scale(d, -softmaxScale);
                if (j == labels[i]) {
                    positive = z;
                    if (excludePositive) {
                        continue;
                    }
                }
                logits.add(z);
            }
            losses.add(t.sub(t.logSumExp(logits, false), positive));
        }
        Node loss = Kernels.mean(t, losses);
        t.backward(loss);
        return new LossEvaluation(loss.v, Tape.grads(x), Tape.grads(p));
    }

    @Override
    public SDVariable define(SameDiff sd, String name, SDVariable embeddings, SDVariable labels, SDVariable proxies) {
        DataType dt = Graphs.check(NAME, embeddings, labels, embeddingSize);
        Graphs.checkWeights(NAME, proxies, weightShape());
        SDVariable xn = Graphs.normalizeRows(sd, embeddings, convention, epsilon);
        SDVariable pn = Graphs.normalizeRows(sd, proxies, convention, epsilon);
        SDVariable rx = sd.sum(sd.math.square(xn), true, 1);
        SDVariable rp = sd.sum(sd.math.square(pn), true, 1);
        SDVariable sq = rx.add(sd.transpose(rp)).sub(sd.mmul(xn, pn, false, true, false).mul(2.0));
        if (convention == Convention.CALIBRAX) {
            sq = sq.add(epsilon);
        }
        SDVariable d = distancePower == 2 ? sq : Graphs.safeSqrt(sd, sq);
        SDVariable z = d.mul(-softmaxScale);
        SDVariable oneHot = Graphs.oneHot(sd, labels, numClasses, dt);
        SDVariable target = sd.sum(z.mul(oneHot), true, 1);
        // The paper's form leaves the positive proxy out of the softmax: push its logit to −∞.
        SDVariable den = excludePositive ? z.sub(oneHot.mul(1e9)) : z;
        return Graphs.logSumExpRows(sd, den).sub(target).mean().rename(name);
    }

    /** A builder starting from the defaults (PML, σ = 1, power 1). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ProxyNcaLoss}; unset values keep their defaults. */
    public static final class Builder {
        private int numClasses;
        private int embeddingSize;
        private double softmaxScale = 1;
        private int distancePower = 1;
        private Convention convention = Convention.PML;
        private double epsilon = 1e-8;
        private boolean excludePositive = false;

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

        /** Softmax scale σ (default 1). */
        public Builder softmaxScale(double v) {
            softmaxScale = v;
            return this;
        }

        /** Distance power (1 or 2) (default 1). */
        public Builder distancePower(int v) {
            distancePower = v;
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

        /** Whether the positive proxy leaves the denominator (default false). */
        public Builder excludePositive(boolean v) {
            excludePositive = v;
            return this;
        }

        /** @throws IllegalArgumentException on an invalid value, naming it */
        public ProxyNcaLoss build() {
            return new ProxyNcaLoss(numClasses, embeddingSize, softmaxScale, distancePower, convention, epsilon, excludePositive);
        }
    }
}
