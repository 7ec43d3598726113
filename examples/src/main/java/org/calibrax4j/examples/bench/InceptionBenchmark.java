package org.calibrax4j.examples.bench;

import java.util.Locale;
import org.calibrax4j.zoo.inception.FidInceptionV3;
import org.calibrax4j.zoo.inception.ReferenceWeights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * InceptionV3 (FID) forward throughput in images/s at 299×299: the DL4J {@code ComputationGraph}
 * path against the same network run as direct libnd4j ops (SameDiff's kernels), timed in the same
 * run; {@code examples/bench/run_inception_bench.sh} adds PyTorch's figure from
 * {@code pytorch_fid_inception_baseline.py} on the same machine. Weights: {@link ReferenceWeights}
 * (speed does not depend on the values). Not a test; prints a table.
 *
 * <p>Arguments: batch (default 32), repetitions (default 3), and {@code direct} to time only the
 * direct ops (for interleaving with PyTorch on a noisy machine).
 */
public final class InceptionBenchmark {
    private InceptionBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean directOnly = args.length > 2 && args[2].equals("direct");
        BenchmarkHarness h = new BenchmarkHarness(1, reps);
        Nd4j.create(1);
        boolean oneDnn = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
        System.out.printf(Locale.ROOT, "InceptionV3-FID forward, batch %d at 299x299, %d cores, backend %s%s, median of %d%n",
                batch, Runtime.getRuntime().availableProcessors(), Nd4j.getBackend().getClass().getSimpleName(),
                oneDnn ? " with oneDNN" : "", reps);
        Nd4j.getRandom().setSeed(7);
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, 3, 299, 299);
        FidInceptionV3 graph = FidInceptionV3.fromStateDict(ReferenceWeights.stateDict(), "reference weights", batch)
                .withBackend(FidInceptionV3.Backend.DL4J_GRAPH);
        FidInceptionV3 direct = graph.withBackend(FidInceptionV3.Backend.DIRECT_OPS);
        double tg = directOnly ? Double.NaN : h.medianSeconds(() -> graph.features(images));
        double td = h.medianSeconds(() -> direct.features(images));
        if (directOnly) {
            System.out.printf(Locale.ROOT, "%-36s %8.3f s  %8.2f images/s%n", "direct libnd4j ops", td, batch / td);
            return;
        }
        System.out.printf(Locale.ROOT, "%-36s %8.3f s  %8.2f images/s%n", "DL4J ComputationGraph", tg, batch / tg);
        System.out.printf(Locale.ROOT, "%-36s %8.3f s  %8.2f images/s  (%.2fx the graph)%n", "direct libnd4j ops",
                td, batch / td, tg / td);
    }
}
