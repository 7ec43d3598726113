package org.calibrax4j.learned.lpips;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small deterministic ReLU-like feature maps for the VGG tap layout. */
final class Synthetic {
    private Synthetic() {
    }

    static INDArray[] features(long seed, int n, int hw) {
        INDArray[] f = new INDArray[5];
        SplittableRandom r = new SplittableRandom(seed);
        for (int l = 0; l < 5; l++) {
            int c = LPIPSMetric.VGG_CHANNELS[l];
            float[] v = new float[n * c * hw * hw];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.max(0, r.nextGaussian());
            }
            f[l] = Nd4j.create(v, new long[]{n, c, hw, hw}, 'c');
        }
        return f;
    }

    /** f + strength·noise, per pair its own strength. */
    static INDArray[] perturbed(INDArray[] f, double[] strength, long seed) {
        INDArray[] out = new INDArray[f.length];
        SplittableRandom r = new SplittableRandom(seed);
        for (int l = 0; l < f.length; l++) {
            INDArray x = f[l].dup('c');
            long per = x.length() / x.size(0);
            float[] v = x.data().asFloat();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.max(0, v[i] + strength[(int) (i / per)] * r.nextGaussian());
            }
            out[l] = Nd4j.create(v, x.shape(), 'c');
        }
        return out;
    }

    static INDArray[] slice(INDArray[] f, int from, int to) {
        INDArray[] out = new INDArray[f.length];
        for (int l = 0; l < f.length; l++) {
            out[l] = f[l].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).dup();
        }
        return out;
    }
}
