package org.calibrax4j.metric;

import java.util.Objects;

/**
 * What a metric is called and which way is better.
 *
 * @param name stable identifier, e.g. {@code fid}; also the primary result key
 * @param higherIsBetter whether larger values of the primary result mean better models
 */
public record MetricDescriptor(String name, boolean higherIsBetter) {
    /** Validates the name. */
    public MetricDescriptor {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("metric name must not be blank");
        }
    }
}
