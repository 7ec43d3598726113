package org.calibrax4j.zoo.inception;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The deterministic InceptionV3 weights of the project's reference fixtures
 * ({@code reference/inception/README}): not a trained network, but a reproducible one for tests,
 * benchmarks and end-to-end checks of the loading path. Every tensor of
 * {@link FidInceptionV3#stateDictShapes()} at 0-based position k is filled in C order from
 * u = {@code new SplittableRandom(seed).nextDouble()}, in double, then cast to float:
 * <ul>
 * <li>conv / fc weight: seed 10000+k, √(6/fan_in)·(2u−1), fan_in = I·kh·kw (2048 for fc);
 * <li>fc bias: seed 20000+k, 0.1·(2u−1);
 * <li>BN weight 1 + 0.1·(2u−1), BN bias and running_mean 0.1·(2u−1), running_var 1 + 0.5·u (seed 10000+k);
 * <li>{@code num_batches_tracked}: int64 0.
 * </ul>
 */
public final class ReferenceWeights {
    private ReferenceWeights() {
    }

    /** The full state_dict (566 entries, PyTorch order) filled by the rule above. */
    public static Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, long[]> e : FidInceptionV3.stateDictShapes().entrySet()) {
            String key = e.getKey();
            long[] shape = e.getValue();
            if (key.endsWith(".num_batches_tracked")) {
                out.put(key, Nd4j.scalar(DataType.LONG, 0L));
            } else {
                out.put(key, fill(key, shape, k));
            }
            k++;
        }
        return out;
    }

    private static INDArray fill(String key, long[] shape, int k) {
        int n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, (int) d);
        }
        boolean fcBias = key.equals("fc.bias");
        SplittableRandom rnd = new SplittableRandom((fcBias ? 20000L : 10000L) + k);
        float[] v = new float[n];
        if (key.endsWith(".conv.weight") || key.equals("fc.weight")) {
            long fanIn = key.equals("fc.weight") ? 2048 : shape[1] * shape[2] * shape[3];
            double scale = Math.sqrt(6.0 / fanIn);
            for (int i = 0; i < n; i++) {
                v[i] = (float) (scale * (2 * rnd.nextDouble() - 1));
            }
        } else if (key.endsWith(".bn.weight")) {
            for (int i = 0; i < n; i++) {
                v[i] = (float) (1.0 + 0.1 * (2 * rnd.nextDouble() - 1));
            }
        } else if (key.endsWith(".bn.running_var")) {
            for (int i = 0; i < n; i++) {
                v[i] = (float) (1.0 + 0.5 * rnd.nextDouble());
            }
        } else if (fcBias || key.endsWith(".bn.bias") || key.endsWith(".bn.running_mean")) {
            for (int i = 0; i < n; i++) {
                v[i] = (float) (0.1 * (2 * rnd.nextDouble() - 1));
            }
        } else {
            throw new IllegalStateException("no rule for " + key);
        }
        return Nd4j.create(v, shape, DataType.FLOAT);
    }
}
