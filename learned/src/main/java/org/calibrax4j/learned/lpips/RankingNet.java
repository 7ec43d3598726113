package org.calibrax4j.learned.lpips;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The small network of the LPIPS 2AFC objective ({@code lpips.BCERankingLoss}, Zhang et al. 2018,
 * §3.3): from two distances d0, d1 it predicts the probability that a human prefers distortion 1,
 * <pre>
 *   x = [d0, d1, d0 − d1, d0/(d1 + ε), d1/(d0 + ε)]   (ε = 0.1 as in the reference)
 *   p = σ(W2 · lrelu(W1 · lrelu(W0 · x + b0) + b1) + b2)   (1×1 convs 5→32→32→1, LeakyReLU 0.2)
 *   loss = mean BCE(p, h)
 * </pre>
 * The 1×1 convolutions on a 1×1 map are dense layers; weights keep the reference's (out, in) layout.
 * BCE is computed from the logit z as max(z,0) − z·h + log(1 + e^{−|z|}), which equals
 * −[h log p + (1−h) log(1−p)] without the overflow of log(σ(z)) (the reference clamps log at −100).
 */
public final class RankingNet {
    /** ε in the distance ratios, as in {@code lpips.Dist2LogitLayer}. */
    public static final double RATIO_EPS = 0.1;
    /** Width of the hidden layers ({@code chn_mid=32}). */
    public static final int HIDDEN = 32;
    /** Negative slope of the LeakyReLUs. */
    public static final double LEAKY_SLOPE = 0.2;
    /** Parameter names: weights (out, in) and biases (out) of the three layers. */
    public static final List<String> PARAMETERS = List.of("rank_w0", "rank_b0", "rank_w1", "rank_b1", "rank_w2", "rank_b2");
    private static final int[][] SHAPES = {{HIDDEN, 5}, {HIDDEN}, {HIDDEN, HIDDEN}, {HIDDEN}, {1, HIDDEN}, {1}};

    /** The outputs: the probability p (shape [N]) and the scalar loss. */
    public record Outputs(SDVariable probability, SDVariable loss) {
    }

    private RankingNet() {
    }

    /**
     * Adds the network and its loss to {@code sd} with parameters initialised by the reference's
     * deterministic rule (weights U(±√(1/in)) from SplittableRandom(3000 + j), biases U(±0.1) from
     * SplittableRandom(3100 + j)); use {@link #initialValues} to inspect or replace them.
     *
     * @param d0    distances to distortion 0, shape [N]
     * @param d1    distances to distortion 1, shape [N]
     * @param judge fraction of humans preferring distortion 1, shape [N], in [0, 1]
     */
    public static Outputs build(SameDiff sd, String prefix, SDVariable d0, SDVariable d1, SDVariable judge) {
        DataType dt = d0.dataType();
        Map<String, INDArray> init = initialValues(dt);
        SDVariable[] p = new SDVariable[PARAMETERS.size()];
        for (int i = 0; i < p.length; i++) {
            String n = PARAMETERS.get(i);
            p[i] = sd.hasVariable(n) ? sd.getVariable(n) : sd.var(n, init.get(n));
        }
        SDVariable a = d0.reshape(-1, 1);
        SDVariable b = d1.reshape(-1, 1);
        SDVariable x = sd.concat(1, a, b, a.sub(b), a.div(b.add(RATIO_EPS)), b.div(a.add(RATIO_EPS)));
        SDVariable h = sd.nn.leakyRelu(sd.mmul(x, p[0], false, true, false).add(p[1]), LEAKY_SLOPE);
        h = sd.nn.leakyRelu(sd.mmul(h, p[2], false, true, false).add(p[3]), LEAKY_SLOPE);
        SDVariable z = sd.mmul(h, p[4], false, true, false).add(p[5]).reshape(-1);
        SDVariable prob = sd.nn.sigmoid(prefix + "_prob", z);
        SDVariable perSample = sd.nn.relu(z, 0).sub(z.mul(judge)).add(sd.math.log(sd.math.exp(sd.math.abs(z).neg()).add(1.0)));
        SDVariable loss = sd.mean(prefix + "_loss", perSample);
        return new Outputs(prob, loss);
    }

    /** The deterministic initial parameters described at {@link #build}. */
    public static Map<String, INDArray> initialValues(DataType dt) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int j = 0; j < 3; j++) {
            int[] ws = SHAPES[2 * j];
            out.put(PARAMETERS.get(2 * j), uniform(3000 + j, Math.sqrt(1.0 / ws[1]), ws, dt));
            out.put(PARAMETERS.get(2 * j + 1), uniform(3100 + j, 0.1, SHAPES[2 * j + 1], dt));
        }
        return out;
    }

    private static INDArray uniform(long seed, double scale, int[] shape, DataType dt) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * (2.0 * r.nextDouble() - 1.0));
        }
        long[] ls = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            ls[i] = shape[i];
        }
        return Nd4j.create(v, ls, 'c').castTo(dt);
    }
}
