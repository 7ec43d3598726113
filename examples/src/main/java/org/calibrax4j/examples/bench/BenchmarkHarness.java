package org.calibrax4j.examples.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * A minimal benchmark harness: warm-up runs, then timed repetitions; reports the median and the
 * ratio against a baseline timed in the same run (so the figure survives a slower or busier machine).
 */
public final class BenchmarkHarness {
    private final int warmups;
    private final int repetitions;

    /** A harness with the given warm-up and measured repetition counts. */
    public BenchmarkHarness(int warmups, int repetitions) {
        if (warmups < 0 || repetitions < 1) {
            throw new IllegalArgumentException("warmups must be >= 0 and repetitions >= 1");
        }
        this.warmups = warmups;
        this.repetitions = repetitions;
    }

    /** Median wall time of {@code task} in seconds. */
    public double medianSeconds(Runnable task) {
        for (int i = 0; i < warmups; i++) {
            task.run();
        }
        double[] t = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            task.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[repetitions / 2];
    }

    /** Prints one result line with its ratio to the baseline. */
    public static void report(String name, double seconds, String baselineName, double baselineSeconds) {
        System.out.printf(Locale.ROOT, "%-44s %9.3f s   %7.2fx %s%n", name, seconds, seconds / baselineSeconds, baselineName);
    }
}
