package org.calibrax4j.metric;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A metric whose accumulated state can be saved and restored, e.g. to keep the real-data statistics
 * of a long evaluation, or to move a shard's state to the machine that merges.
 * {@code restoreState(saveState())} leaves the metric computing exactly what it computed before.
 */
public interface PersistentMetric {

    /** A copy of the accumulated state (no array is shared with the metric). */
    MetricState saveState();

    /**
     * Replaces the accumulated state; all-or-nothing.
     *
     * @throws IllegalArgumentException when the state has another type, version or configuration
     *     (e.g. feature width) than this metric
     */
    void restoreState(MetricState state);

    /** Writes {@link #saveState()} to {@code file} ({@code .npz}). */
    default void saveState(Path file) throws IOException {
        saveState().write(file);
    }

    /** Restores the state written to {@code file} by {@link #saveState(Path)}. */
    default void restoreState(Path file) throws IOException {
        restoreState(MetricState.read(file));
    }
}
