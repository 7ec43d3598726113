package org.calibrax4j.cli;

import java.io.PrintWriter;
import org.calibrax4j.metric.MetricResult;

/** Prints results: {@code name: value} lines (full precision, {@link Double#toString}) or one JSON object. */
final class Output {
    private Output() {
    }

    static void print(PrintWriter out, MetricResult result, boolean json) {
        if (json) {
            out.println(result.toJson());
        } else {
            result.asMap().forEach((name, value) -> out.println(name + ": " + value));
        }
        out.flush();
    }
}
