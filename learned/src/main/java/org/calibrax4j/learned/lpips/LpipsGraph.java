package org.calibrax4j.learned.lpips;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The LPIPS distance as SameDiff ops, shared by the metric's graph and its training objective. */
final class LpipsGraph {
    /** ε of {@code lpips.normalize_tensor}: f / (‖f‖₂ + 1e-10), so an all-zero vector stays 0. */
    static final double EPS = 1e-10;

    private LpipsGraph() {
    }

    /**
     * Per-layer distances d_l = mean_{h,w} Σ_c w_l[c] (f̂0 − f̂1)², each of shape [N].
     *
     * @param f0 per tap N×C×H×W
     * @param f1 per tap, same shapes
     * @param w  per tap the [C] linear weights
     */
    static SDVariable[] layerDistances(SameDiff sd, String prefix, SDVariable[] f0, SDVariable[] f1, SDVariable[] w,
                                       int[] channels) {
        SDVariable[] out = new SDVariable[f0.length];
        for (int l = 0; l < f0.length; l++) {
            SDVariable diff = unitNormalised(sd, f0[l]).sub(unitNormalised(sd, f1[l]));
            // mean over h,w first: Σ_c w_c mean_hw(·) is the same sum and the matrix product is one op.
            SDVariable perChannel = sd.mean(diff.mul(diff), false, 2, 3);
            SDVariable d = sd.mmul(perChannel, w[l].reshape(channels[l], 1));
            out[l] = sd.reshape(prefix + "_layer" + l, d, -1);
        }
        return out;
    }

    private static SDVariable unitNormalised(SameDiff sd, SDVariable f) {
        SDVariable norm = sd.math.sqrt(sd.sum(f.mul(f), true, 1)).add(EPS);
        return f.div(norm);
    }

    /** Σ_l d_l. */
    static SDVariable total(SameDiff sd, String name, SDVariable[] layers) {
        SDVariable sum = layers[0];
        for (int l = 1; l < layers.length; l++) {
            sum = sum.add(layers[l]);
        }
        return sum.rename(name);
    }
}
