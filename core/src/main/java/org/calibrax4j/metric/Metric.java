package org.calibrax4j.metric;

import java.nio.file.Path;
import java.util.Optional;
import org.calibrax4j.plot.MetricPlots;

/**
 * The lifecycle every calibrax4j metric shares: {@code update(...)} (repeatable, metric-specific
 * signature) → {@link #compute()} → {@link #reset()}, plus {@link #merge(Metric)} so that batches,
 * threads and machines fold the same way (as torchmetrics' {@code Metric} does).
 *
 * <p>An {@code update} that throws leaves the accumulated state untouched. Instances are not
 * thread-safe: give each thread its own instance and merge them.
 *
 * @param <M> the concrete metric type, so that {@code merge} takes only compatible instances
 */
public interface Metric<M extends Metric<M>> {

    /** Stable name and the direction of improvement. */
    MetricDescriptor descriptor();

    /**
     * The metric's value(s) over everything accumulated since the last reset.
     *
     * @throws IllegalStateException when not enough data has been accumulated
     */
    MetricResult compute();

    /** Returns the state to empty, as after construction. */
    void reset();

    /**
     * Folds the state of {@code other} into this metric; {@code other} is not modified and no
     * array is shared with it.
     *
     * @throws IllegalArgumentException when the two metrics are configured differently
     */
    void merge(M other);

    /**
     * Writes a PNG figure of the current result into {@code dir} (created if missing).
     *
     * @return the file written, or empty when the optional plotting library (XChart) is absent
     * @throws IllegalStateException as {@link #compute()}
     */
    default Optional<Path> plot(Path dir) {
        return MetricPlots.barChart(descriptor().name(), compute(), dir);
    }
}
