package org.calibrax4j.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every metric's test extends (after torchmetrics' {@code MetricTester}): per-batch
 * updates equal one update of everything, merged shards equal one pass, reset returns to empty, a
 * rejected update leaves the state untouched, and (for a {@link PersistentMetric}) a saved state
 * restores to the same result.
 */
public abstract class MetricContractTest<M extends Metric<M>> {

    /** A fresh metric. */
    protected abstract M create();

    /** The data set as a sequence of updates (at least 3). */
    protected abstract List<Consumer<M>> batches();

    /** The same data in one update. */
    protected abstract Consumer<M> allAtOnce();

    /** An update that must be rejected with IllegalArgumentException. */
    protected abstract Consumer<M> badUpdate();

    /** Relative tolerance between results of different fold orders. */
    protected double relativeTolerance() {
        return 1e-10;
    }

    private M fold(List<Consumer<M>> updates) {
        M m = create();
        updates.forEach(u -> u.accept(m));
        return m;
    }

    private void assertSameResult(MetricResult expected, MetricResult got) {
        assertEquals(expected.names(), got.names());
        for (String k : expected.names()) {
            double e = expected.get(k);
            double tol = Math.max(1e-12, relativeTolerance() * Math.abs(e));
            assertEquals(e, got.get(k), tol, k);
        }
    }

    @Test
    void perBatchUpdatesEqualOneUpdate() {
        M one = create();
        allAtOnce().accept(one);
        assertSameResult(one.compute(), fold(batches()).compute());
    }

    @Test
    void mergedShardsEqualOnePass() {
        List<Consumer<M>> b = batches();
        MetricResult single = fold(b).compute();
        for (int cut = 1; cut < b.size(); cut++) {
            M left = fold(b.subList(0, cut));
            M right = fold(b.subList(cut, b.size()));
            left.merge(right);
            assertSameResult(single, left.compute());
        }
    }

    @Test
    void mergeDoesNotChangeTheOther() {
        List<Consumer<M>> b = batches();
        M left = fold(b.subList(0, 1));
        M right = fold(b.subList(1, b.size()));
        MetricResult before = right.compute();
        left.merge(right);
        b.get(0).accept(left); // later updates of one must not leak into the other
        assertSameResult(before, right.compute());
    }

    @Test
    void resetReturnsToEmpty() {
        M m = fold(batches());
        m.reset();
        assertThrows(IllegalStateException.class, m::compute);
        batches().forEach(u -> u.accept(m));
        assertSameResult(fold(batches()).compute(), m.compute());
    }

    @Test
    void computeBeforeAnyUpdateIsAnError() {
        assertThrows(IllegalStateException.class, () -> create().compute());
    }

    @Test
    void rejectedUpdateLeavesStateUntouched() {
        M m = fold(batches());
        MetricResult before = m.compute();
        assertThrows(IllegalArgumentException.class, () -> badUpdate().accept(m));
        assertSameResult(before, m.compute());
    }

    @Test
    void savedStateRestoresTheSameResult(@TempDir Path dir) throws IOException {
        M m = fold(batches());
        Assumptions.assumeTrue(m instanceof PersistentMetric, "not a PersistentMetric");
        Path file = dir.resolve("state.npz");
        ((PersistentMetric) m).saveState(file);
        M restored = create();
        ((PersistentMetric) restored).restoreState(file);
        assertEquals(m.compute(), restored.compute()); // lossless: bit-identical values
        batches().get(0).accept(restored);             // and it keeps accumulating like the original
        batches().get(0).accept(m);
        assertSameResult(m.compute(), restored.compute());
    }

    @Test
    void restoringAStateOfAnotherTypeIsRejected() {
        M m = fold(batches());
        Assumptions.assumeTrue(m instanceof PersistentMetric, "not a PersistentMetric");
        MetricResult before = m.compute();
        MetricState alien = new MetricState("no_such_metric", 1, Map.of());
        assertThrows(IllegalArgumentException.class, () -> ((PersistentMetric) m).restoreState(alien));
        assertSameResult(before, m.compute());
    }
}
