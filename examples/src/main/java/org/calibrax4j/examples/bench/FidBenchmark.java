package org.calibrax4j.examples.bench;

import java.util.Locale;
import org.calibrax4j.fid.FIDMetric;
import org.calibrax4j.fid.FrechetDistance;
import org.calibrax4j.fid.GaussianStatistics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * FID speed at D = 2048 (InceptionV3 pool3): {@code compute()} on full-rank and on rank-deficient
 * covariances, and {@code update} throughput in rows/s, each against a plain ND4J float64 GEMM of
 * the same size timed in the same run.
 *
 *  <p>Run after {@code mvn -B -DskipTests install} with {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.calibrax4j.examples.bench.FidBenchmark};
 * not a test, prints a table.
 */
public final class FidBenchmark {
    private FidBenchmark() {
    }

    /** Entry point: optional arguments D (default 2048) and repetitions (default 3). */
    public static void main(String[] args) {
        int d = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        BenchmarkHarness h = new BenchmarkHarness(1, reps);
        Nd4j.getRandom().setSeed(42);
        System.out.printf(Locale.ROOT, "FID benchmark, D=%d, %d cores, median of %d%n", d,
                Runtime.getRuntime().availableProcessors(), reps);

        INDArray a = Nd4j.rand(DataType.DOUBLE, d, d);
        INDArray b = Nd4j.rand(DataType.DOUBLE, d, d);
        double gemm = h.medianSeconds(() -> a.mmul(b));
        BenchmarkHarness.report("baseline: ND4J GEMM " + d + "x" + d + " float64", gemm, "GEMM", gemm);

        // Full-rank statistics: 2D rows of correlated features.
        int n = 2 * d;
        INDArray realRows = Nd4j.randn(DataType.FLOAT, n, d).mmul(Nd4j.rand(DataType.FLOAT, d, d).subi(0.5).muli(0.1))
                .addi(Nd4j.randn(DataType.FLOAT, n, d));
        INDArray genRows = realRows.mul(1.1f).addi(0.05f);
        GaussianStatistics real = GaussianStatistics.ofRows(realRows.castTo(DataType.DOUBLE).dup('c').data().asDouble(), n, d);
        GaussianStatistics gen = GaussianStatistics.ofRows(genRows.castTo(DataType.DOUBLE).dup('c').data().asDouble(), n, d);
        double[] mu1 = real.mean();
        double[] s1 = real.covariance();
        double[] mu2 = gen.mean();
        double[] s2 = gen.covariance();
        double[] value = new double[1];
        double full = h.medianSeconds(() -> value[0] = FrechetDistance.compute(mu1, s1, mu2, s2));
        BenchmarkHarness.report("compute(), full rank (Cholesky route)", full, "GEMM", gemm);

        // Rank-deficient: fewer samples than dimensions, the pivoted Cholesky route.
        int small = d / 8;
        GaussianStatistics r2 = GaussianStatistics.ofRows(realRows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, small))
                .castTo(DataType.DOUBLE).dup('c').data().asDouble(), small, d);
        GaussianStatistics g2 = GaussianStatistics.ofRows(genRows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, small))
                .castTo(DataType.DOUBLE).dup('c').data().asDouble(), small, d);
        double[] rm = r2.mean();
        double[] rs = r2.covariance();
        double[] gm = g2.mean();
        double[] gs = g2.covariance();
        double singular = h.medianSeconds(() -> FrechetDistance.compute(rm, rs, gm, gs));
        BenchmarkHarness.report("compute(), N=" + small + " < D (pivoted Cholesky route)", singular, "GEMM", gemm);

        // Update throughput: batches of 256 float32 rows, as a backbone would produce them.
        int batch = 256;
        INDArray rows = realRows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, batch)).dup();
        FIDMetric metric = new FIDMetric(d);
        int batches = 8;
        double upd = h.medianSeconds(() -> {
            for (int i = 0; i < batches; i++) {
                metric.updateGenerated(rows);
            }
        });
        double rowsPerSecond = batches * batch / upd;
        INDArray x = Nd4j.rand(DataType.DOUBLE, batch, d);
        double gemmBatch = h.medianSeconds(() -> {
            for (int i = 0; i < batches; i++) {
                Nd4j.gemm(x, x, true, false);
            }
        });
        BenchmarkHarness.report("baseline: ND4J XᵀX, " + batches + "x(" + batch + "x" + d + ")", gemmBatch, "XᵀX", gemmBatch);
        BenchmarkHarness.report("update(), " + batches + " batches of " + batch + " rows", upd, "XᵀX", gemmBatch);
        System.out.printf(Locale.ROOT, "update throughput: %.0f rows/s (ND4J XᵀX alone: %.0f rows/s)%n", rowsPerSecond,
                batches * batch / gemmBatch);
        System.out.printf(Locale.ROOT, "(FID of the full-rank pair: %.6f)%n", value[0]);
    }
}
