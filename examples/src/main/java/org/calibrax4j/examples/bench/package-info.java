/**
 * Benchmark programs (not tests): each prints its timings with ratios against a baseline measured
 * in the same run ({@link org.calibrax4j.examples.bench.BenchmarkHarness}), since absolute times on
 * a shared machine mean little.
 */
package org.calibrax4j.examples.bench;
