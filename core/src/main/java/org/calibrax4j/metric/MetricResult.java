package org.calibrax4j.metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable, ordered mapping from result names ({@code fid}, {@code inception_score}, ...) to values.
 *
 * <p>Iteration order is insertion order, so reports and JSON keep the order a metric chose.
 */
public final class MetricResult {
    private final Map<String, Double> values;

    private MetricResult(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A result with one value. */
    public static MetricResult of(String name, double value) {
        return builder().put(name, value).build();
    }

    /** Starts an ordered result. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The value stored under {@code name}.
     *
     * @throws IllegalArgumentException when the result has no such name (the message lists the names it has)
     */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("result has no value '" + name + "'; it has " + values.keySet());
        }
        return v;
    }

    /** Whether a value is stored under {@code name}. */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The names, in order. */
    public Set<String> names() {
        return values.keySet();
    }

    /** An unmodifiable, ordered view of all values. */
    public Map<String, Double> asMap() {
        return values;
    }

    /** This result followed by the values of {@code other}; a name present in both is an error. */
    public MetricResult concat(MetricResult other) {
        Builder b = builder();
        values.forEach(b::put);
        other.values.forEach(b::put);
        return b.build();
    }

    /**
     * One JSON object whose keys are the result names; values keep full double precision
     * (shortest round-trip form). Non-finite values are written as {@code null}, as JSON has no NaN.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append('"').append(e.getKey()).append("\": ");
            double v = e.getValue();
            sb.append(Double.isFinite(v) ? Double.toString(v) : "null");
        }
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricResult r && values.equals(r.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** Collects named values in order. */
    public static final class Builder {
        private final Map<String, Double> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a value.
         *
         * @throws IllegalArgumentException when {@code name} is blank or already present
         */
        public Builder put(String name, double value) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("result name must not be blank");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("duplicate result name '" + name + "'");
            }
            return this;
        }

        /** The immutable result. */
        public MetricResult build() {
            return new MetricResult(new LinkedHashMap<>(values));
        }
    }
}
