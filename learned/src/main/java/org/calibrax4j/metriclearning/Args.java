package org.calibrax4j.metriclearning;

import java.util.Arrays;

/** The one place for argument checks of the metric-learning losses and miners. */
final class Args {
    private Args() {
    }

    static IllegalArgumentException fail(String who, String fmt, Object... args) {
        return new IllegalArgumentException(who + ": " + String.format(fmt, args));
    }

    /** Checks a finite, rectangular B × D matrix with B ≥ 1 and D ≥ 1 (D = {@code cols} if ≥ 0). */
    static void matrix(String who, String arg, double[][] m, int rows, int cols) {
        if (m == null) {
            throw fail(who, "%s must not be null", arg);
        }
        if (m.length == 0 || (rows >= 0 && m.length != rows)) {
            throw fail(who, "%s must have %s rows, got %d", arg, rows >= 0 ? String.valueOf(rows) : "≥ 1",
                    m.length);
        }
        int d = m[0] == null ? 0 : m[0].length;
        if (d == 0 || (cols >= 0 && d != cols)) {
            throw fail(who, "%s must have %s columns, got %d (shape %d x %d)", arg,
                    cols >= 0 ? String.valueOf(cols) : "≥ 1", d, m.length, d);
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != d) {
                throw fail(who, "%s is ragged: row %d has %s columns, row 0 has %d", arg, i,
                        m[i] == null ? "null" : String.valueOf(m[i].length), d);
            }
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(m[i][k])) {
                    throw fail(who, "%s contains %s at row %d, column %d", arg, m[i][k], i, k);
                }
            }
        }
    }

    /** Checks B labels, each in [0, classes) (any non-negative id when {@code classes} < 0). */
    static void labels(String who, int[] labels, int batch, int classes) {
        if (labels == null) {
            throw fail(who, "labels must not be null");
        }
        if (labels.length != batch) {
            throw fail(who, "labels has length %d but embeddings has %d rows", labels.length, batch);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || (classes >= 0 && labels[i] >= classes)) {
                throw fail(who, "labels[%d] = %d is outside [0, %s)", i, labels[i],
                        classes >= 0 ? String.valueOf(classes) : "∞");
            }
        }
    }

    static double positive(String who, String arg, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw fail(who, "%s must be finite and > 0, got %s", arg, v);
        }
        return v;
    }

    static double nonNegative(String who, String arg, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw fail(who, "%s must be finite and ≥ 0, got %s", arg, v);
        }
        return v;
    }

    static double range(String who, String arg, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw fail(who, "%s must be in [%s, %s], got %s", arg, lo, hi, v);
        }
        return v;
    }

    static <T> T notNull(String who, String arg, T v) {
        if (v == null) {
            throw fail(who, "%s must not be null", arg);
        }
        return v;
    }

    static void oneOf(String who, String arg, Object v, Object... allowed) {
        if (!Arrays.asList(allowed).contains(v)) {
            throw fail(who, "%s must be one of %s, got %s", arg, Arrays.toString(allowed), v);
        }
    }

    static int positiveInt(String who, String arg, int v) {
        if (v < 1) {
            throw fail(who, "%s must be ≥ 1, got %d", arg, v);
        }
        return v;
    }
}
