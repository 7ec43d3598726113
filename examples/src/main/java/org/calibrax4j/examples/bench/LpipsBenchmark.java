package org.calibrax4j.examples.bench;

import java.util.Locale;
import java.util.Map;
import org.calibrax4j.learned.lpips.LPIPSMetric;
import org.calibrax4j.zoo.vgg.VGG16Trunk;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LPIPS speed on CPU at 64×64: image pairs/s through VGG16 (DL4J layers and SameDiff conv ops, same
 * weights) and feature rows/s of the features-only path, each against the DL4J-layers trunk forward
 * of the same images timed in the same run (the baseline).
 *
 * <p>Run with the examples classpath: {@code java -cp ... org.calibrax4j.examples.bench.LpipsBenchmark
 * [pairsPerBatch=8] [repetitions=3]}; not a test, prints a table.
 */
public final class LpipsBenchmark {
    private LpipsBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int hw = 64;
        BenchmarkHarness h = new BenchmarkHarness(1, reps);
        Nd4j.getRandom().setSeed(7);
        System.out.printf(Locale.ROOT, "LPIPS benchmark, %d pairs of %dx%d per batch, %d cores, median of %d%n",
                pairs, hw, hw, Runtime.getRuntime().availableProcessors(), reps);
        Map<String, INDArray> weights = VGG16Trunk.deterministicWeights();
        VGG16Trunk dl4j = VGG16Trunk.fromStateDict(weights, "det", VGG16Trunk.Backend.DL4J_LAYERS);
        VGG16Trunk samediff = VGG16Trunk.fromStateDict(weights, "det", VGG16Trunk.Backend.SAMEDIFF);
        INDArray x0 = Nd4j.rand(DataType.FLOAT, pairs, 3, hw, hw).muli(2).subi(1);
        INDArray x1 = Nd4j.rand(DataType.FLOAT, pairs, 3, hw, hw).muli(2).subi(1);
        INDArray both = Nd4j.concat(0, x0, x1);

        double base = h.medianSeconds(() -> dl4j.taps(both));
        BenchmarkHarness.report("baseline: VGG16 taps, DL4J layers, " + 2 * pairs + " img", base, "trunk", base);
        double sdTrunk = h.medianSeconds(() -> samediff.taps(both));
        BenchmarkHarness.report("VGG16 taps, SameDiff conv2d, " + 2 * pairs + " img", sdTrunk, "trunk", base);

        LPIPSMetric viaDl4j = LPIPSMetric.builder().trunk(dl4j).build();
        LPIPSMetric viaSd = LPIPSMetric.builder().trunk(samediff).build();
        double imgDl4j = h.medianSeconds(() -> viaDl4j.imageDistances(x0, x1));
        BenchmarkHarness.report("LPIPS images, DL4J trunk, " + pairs + " pairs", imgDl4j, "trunk", base);
        double imgSd = h.medianSeconds(() -> viaSd.imageDistances(x0, x1));
        BenchmarkHarness.report("LPIPS images, SameDiff trunk, " + pairs + " pairs", imgSd, "trunk", base);

        INDArray[] f0 = viaDl4j.tapFeatures(x0);
        INDArray[] f1 = viaDl4j.tapFeatures(x1);
        LPIPSMetric features = LPIPSMetric.vggFeatures();
        double feat = h.medianSeconds(() -> features.distances(f0, f1));
        BenchmarkHarness.report("LPIPS features only, " + pairs + " rows", feat, "trunk", base);

        System.out.printf(Locale.ROOT, "%nimage pairs/s: DL4J trunk %.2f, SameDiff trunk %.2f; features-only rows/s %.1f%n",
                pairs / imgDl4j, pairs / imgSd, pairs / feat);
    }
}
