package org.calibrax4j.plot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.calibrax4j.metric.MetricResult;

/**
 * PNG figures of metric results, drawn with XChart when it is on the class path (it is an optional
 * dependency of {@code calibrax4j-core}); every method returns empty when it is not.
 */
public final class MetricPlots {
    private static final boolean XCHART_PRESENT = isPresent("org.knowm.xchart.BitmapEncoder");

    private MetricPlots() {
    }

    /** Whether XChart is available, i.e. whether plots will be written. */
    public static boolean available() {
        return XCHART_PRESENT;
    }

    /**
     * A bar chart of the values of one result, written to {@code dir/<name>.png}.
     *
     * @return the file, or empty without XChart
     */
    public static Optional<Path> barChart(String name, MetricResult result, Path dir) {
        if (!XCHART_PRESENT) {
            return Optional.empty();
        }
        return Optional.of(XChartRenderer.bar(name, result, dir));
    }

    /**
     * One line per series against epochs (x = epoch), written to {@code dir/<name>.png}; each
     * series gets its own panel so that values on different scales stay readable.
     *
     * @param epochs x values
     * @param series name → y values (same length as {@code epochs}), in panel order
     * @return the file, or empty without XChart
     */
    public static Optional<Path> linePanels(String name, List<Integer> epochs, Map<String, List<Double>> series, Path dir) {
        if (!XCHART_PRESENT) {
            return Optional.empty();
        }
        return Optional.of(XChartRenderer.lines(name, epochs, series, dir));
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, MetricPlots.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
