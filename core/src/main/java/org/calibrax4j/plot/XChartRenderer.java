package org.calibrax4j.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.calibrax4j.metric.MetricResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** XChart drawing; only loaded after {@link MetricPlots} has checked that XChart is present. */
final class XChartRenderer {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;

    private XChartRenderer() {
    }

    static Path bar(String name, MetricResult result, Path dir) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(name)
                .xAxisTitle("result").yAxisTitle("value").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> names = new ArrayList<>(result.names());
        List<Double> values = new ArrayList<>();
        names.forEach(n -> values.add(finiteOrZero(result.get(n))));
        chart.addSeries(name, names, values);
        return write(chart, dir, name);
    }

    static Path lines(String name, List<Integer> epochs, Map<String, List<Double>> series, Path dir) {
        List<BufferedImage> panels = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(e.getKey() + " per epoch")
                    .xAxisTitle("epoch").yAxisTitle(e.getKey()).build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
            chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            List<Double> ys = new ArrayList<>();
            e.getValue().forEach(v -> ys.add(finiteOrZero(v)));
            chart.addSeries(e.getKey(), new ArrayList<Number>(epochs), ys);
            panels.add(BitmapEncoder.getBufferedImage(chart));
        }
        BufferedImage out = new BufferedImage(WIDTH, Math.max(1, panels.size()) * HEIGHT, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), 0, i * HEIGHT, null);
        }
        g.dispose();
        Path file = target(dir, name);
        try {
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write plot " + file, ex);
        }
        return file;
    }

    private static Path write(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path dir, String name) {
        Path file = target(dir, name);
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write plot " + file, ex);
        }
        return file;
    }

    private static Path target(Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create plot directory " + dir, ex);
        }
        return dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
    }

    private static double finiteOrZero(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
