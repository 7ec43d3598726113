package org.calibrax4j.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import org.calibrax4j.kid.KIDConfig;
import org.calibrax4j.kid.KIDMetric;
import org.calibrax4j.metric.MetricResult;
import org.calibrax4j.prdc.PrecisionRecallMetric;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * KID (100 subsets of 1000 rows, D = 2048, torchmetrics' defaults) and precision/recall/density/
 * coverage (10k × 10k rows, D = 2048, k = 5): wall time of {@code compute()} and peak Java heap,
 * each against the plain ND4J float64 GEMM that dominates its work, timed in the same run.
 *
 * <p>Not a test; prints a table. Arguments (all optional): real and generated rows for KID
 * (default 10000), rows per side for PRDC (default 10000), D (default 2048), repetitions (default 1).
 * Peak heap is the sum of the heap pools' peak usage since just before the measured call (JMX),
 * after a GC; the features themselves are part of it (float64, 8·D bytes per row and side).
 */
public final class KidPrdcBenchmark {
    private KidPrdcBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int kidRows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int prdcRows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int d = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        BenchmarkHarness h = new BenchmarkHarness(0, reps);
        System.out.printf(Locale.ROOT, "KID / PRDC benchmark, D=%d, %d cores, max heap %d MiB, median of %d%n", d,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, reps);

        Nd4j.getRandom().setSeed(42);
        // pool3-like features: non-negative, float32
        INDArray real = Nd4j.rand(DataType.FLOAT, Math.max(kidRows, prdcRows), d);
        INDArray fake = Nd4j.rand(DataType.FLOAT, Math.max(kidRows, prdcRows), d).muli(1.05f);

        INDArray a = Nd4j.rand(DataType.DOUBLE, 1000, d);
        INDArray b = Nd4j.rand(DataType.DOUBLE, d, 1000);
        double gemm = h.medianSeconds(() -> a.mmul(b));
        BenchmarkHarness.report("baseline: ND4J GEMM 1000x" + d + " * " + d + "x1000 f64", gemm, "GEMM", gemm);

        // KID
        KIDMetric kid = new KIDMetric(d, KIDConfig.defaults());
        kid.update(rows(real, kidRows), rows(fake, kidRows));
        MetricResult[] kr = new MetricResult[1];
        long[] kidHeap = new long[1];
        double kidTime = h.medianSeconds(() -> kidHeap[0] = peakHeapDuring(() -> kr[0] = kid.compute()));
        // 100 subsets x (2 dsyrk ≈ 1 GEMM + 1 GEMM) = 200 GEMM-equivalents of this size
        BenchmarkHarness.report("KID compute(), 100 subsets of 1000 (" + kidRows + "/side)", kidTime, "GEMM", gemm);
        System.out.printf(Locale.ROOT, "  = %.2fx the 200 GEMMs of its kernel matrices; peak heap %d MiB (features %d MiB); %s%n",
                kidTime / (200 * gemm), kidHeap[0] >> 20, (2L * kidRows * d * 8) >> 20, kr[0]);

        // PRDC
        INDArray a2 = Nd4j.rand(DataType.DOUBLE, 1024, d);
        INDArray b2 = Nd4j.rand(DataType.DOUBLE, d, 1024);
        double block = h.medianSeconds(() -> a2.mmul(b2));
        BenchmarkHarness.report("baseline: ND4J GEMM 1024x" + d + " * " + d + "x1024 f64", block, "block", block);
        kid.reset();
        PrecisionRecallMetric prdc = new PrecisionRecallMetric(d);
        prdc.update(rows(real, prdcRows), rows(fake, prdcRows));
        MetricResult[] pr = new MetricResult[1];
        long[] prdcHeap = new long[1];
        double prdcTime = h.medianSeconds(() -> prdcHeap[0] = peakHeapDuring(() -> pr[0] = prdc.compute()));
        double blocks = Math.ceil(prdcRows / 1024.0);
        // real self (upper blocks) + fake self (upper blocks) + real x fake (all blocks)
        double gemms = 2 * blocks * (blocks + 1) / 2 + blocks * blocks;
        BenchmarkHarness.report("PRDC compute(), " + prdcRows + " x " + prdcRows + ", k=5", prdcTime, "block", block);
        System.out.printf(Locale.ROOT, "  = %.2fx its %.0f block GEMMs; peak heap %d MiB (features %d MiB, a full %dx%d f64 matrix would be %d MiB); %s%n",
                prdcTime / (gemms * block), gemms, prdcHeap[0] >> 20, (2L * prdcRows * d * 8) >> 20, prdcRows, prdcRows,
                ((long) prdcRows * prdcRows * 8) >> 20, pr[0]);
    }

    private static INDArray rows(INDArray x, int n) {
        return x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n), org.nd4j.linalg.indexing.NDArrayIndex.all());
    }

    /** Runs the task and returns the peak heap (sum over heap pools) reached meanwhile, in bytes. */
    static long peakHeapDuring(Runnable task) {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
        task.run();
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
