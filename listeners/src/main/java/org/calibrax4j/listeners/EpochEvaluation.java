package org.calibrax4j.listeners;

import java.util.Objects;
import org.calibrax4j.metric.MetricResult;

/**
 * The metric values of one evaluation.
 *
 * @param epoch number of epochs completed when the evaluation ran (1 after the first epoch)
 * @param iteration the model's global iteration count at that time
 * @param result every metric's values, in the order the metrics were added
 * @param seconds wall time the evaluation took (sampling, feature extraction and compute)
 */
public record EpochEvaluation(int epoch, long iteration, MetricResult result, double seconds) {
    /** Validates the fields. */
    public EpochEvaluation {
        Objects.requireNonNull(result, "result");
    }
}
