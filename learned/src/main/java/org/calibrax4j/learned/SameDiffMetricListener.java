package org.calibrax4j.learned;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.calibrax4j.metric.Metric;
import org.calibrax4j.metric.MetricResult;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerResponse;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.listeners.records.LossCurve;
import org.nd4j.autodiff.samediff.SameDiff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SameDiff {@link org.nd4j.autodiff.listeners.Listener} that evaluates a metric every N epochs of
 * {@code SameDiff.fit}: the SameDiff counterpart of the DL4J epoch-end listener
 * ({@code MetricEvaluationListener} in {@code calibrax4j-listeners}), after SameDiff's own
 * {@code requiredVariables}/{@code isActive} listener pattern.
 *
 * <p>At the end of every N-th epoch it resets the metric, lets a feeder fill it (the feeder gets the
 * graph being trained, e.g. to run it on validation data and pass the outputs to {@code update}),
 * computes, logs one SLF4J line, appends to {@link #history()}, calls an optional callback and resets
 * the metric again. A failing evaluation throws from {@code epochEnd}, which stops {@code fit}.
 *
 * @param <M> the metric type
 */
public final class SameDiffMetricListener<M extends Metric<M>> extends BaseListener {
    private static final Logger LOG = LoggerFactory.getLogger(SameDiffMetricListener.class);

    /**
     * One evaluation.
     *
     * @param epoch     epochs completed (1 after the first)
     * @param iteration SameDiff's iteration counter at the time
     * @param result    the metric's values
     */
    public record Evaluation(int epoch, long iteration, MetricResult result) {
        /** Validates the fields. */
        public Evaluation {
            Objects.requireNonNull(result, "result");
        }
    }

    private final M metric;
    private final BiConsumer<SameDiff, M> feeder;
    private final int everyNEpochs;
    private final Consumer<Evaluation> callback;
    private final List<Evaluation> history = new ArrayList<>();

    private SameDiffMetricListener(M metric, BiConsumer<SameDiff, M> feeder, int everyNEpochs,
                                   Consumer<Evaluation> callback) {
        this.metric = metric;
        this.feeder = feeder;
        this.everyNEpochs = everyNEpochs;
        this.callback = callback;
    }

    /**
     * @param metric       the metric to evaluate
     * @param feeder       fills the (reset) metric from the graph being trained
     * @param everyNEpochs evaluation frequency, ≥ 1
     * @throws IllegalArgumentException when {@code everyNEpochs} &lt; 1
     */
    public static <M extends Metric<M>> SameDiffMetricListener<M> of(M metric, BiConsumer<SameDiff, M> feeder,
                                                                      int everyNEpochs) {
        return of(metric, feeder, everyNEpochs, null);
    }

    /** As {@link #of(Metric, BiConsumer, int)} with a callback for each evaluation (may be {@code null}). */
    public static <M extends Metric<M>> SameDiffMetricListener<M> of(M metric, BiConsumer<SameDiff, M> feeder,
                                                                      int everyNEpochs, Consumer<Evaluation> callback) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(feeder, "feeder");
        if (everyNEpochs < 1) {
            throw new IllegalArgumentException("SameDiffMetricListener: everyNEpochs must be >= 1, got " + everyNEpochs);
        }
        return new SameDiffMetricListener<>(metric, feeder, everyNEpochs, callback);
    }

    /** The evaluations so far, oldest first. */
    public List<Evaluation> history() {
        return Collections.unmodifiableList(history);
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public ListenerResponse epochEnd(SameDiff sd, At at, LossCurve lossCurve, long epochTimeMillis) {
        int completed = at.epoch() + 1;
        if (completed % everyNEpochs == 0) {
            metric.reset();
            feeder.accept(sd, metric);
            MetricResult r = metric.compute();
            metric.reset();
            Evaluation e = new Evaluation(completed, at.iteration(), r);
            history.add(e);
            LOG.info("epoch {} (iteration {}): {} {}", completed, at.iteration(), metric.descriptor().name(), r);
            if (callback != null) {
                callback.accept(e);
            }
        }
        return ListenerResponse.CONTINUE;
    }
}
