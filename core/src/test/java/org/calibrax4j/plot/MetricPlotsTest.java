package org.calibrax4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.calibrax4j.inception.InceptionScoreMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class MetricPlotsTest {

    @Test
    void metricPlotWritesAPngOfItsResult(@TempDir Path dir) throws Exception {
        InceptionScoreMetric m = new InceptionScoreMetric(2);
        m.update(Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {.5, .5}, {.2, .8}}));
        Optional<Path> file = m.plot(dir.resolve("plots"));
        assertTrue(MetricPlots.available());
        assertTrue(file.isPresent());
        assertEquals(dir.resolve("plots").resolve("inception_score.png"), file.get());
        BufferedImage img = ImageIO.read(file.get().toFile());
        assertEquals(640, img.getWidth());
        assertEquals(360, img.getHeight());
    }

    @Test
    void linePanelsStackOnePanelPerSeries(@TempDir Path dir) throws Exception {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("fid", List.of(90.0, 60.0, 45.0));
        series.put("inception_score", List.of(2.0, 3.1, 3.9));
        Path file = MetricPlots.linePanels("metrics per epoch", List.of(1, 2, 3), series, dir).orElseThrow();
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(2 * 360, img.getHeight());
        assertTrue(file.getFileName().toString().equals("metrics_per_epoch.png"));
    }
}
