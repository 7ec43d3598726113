package org.calibrax4j.cli;

import static org.calibrax4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.calibrax4j.io.NpyFormat;
import org.calibrax4j.io.NpzArchive;
import org.calibrax4j.zoo.vgg.VGG16Trunk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** {@code calibrax4j lpips} on the {@code vgg_det} reference images with the deterministic VGG16 weights. */
class LpipsCommandTest {
    private static final JsonNode CASE = Cli.referenceCase("lpips", "vgg_det");
    @TempDir
    static Path tmp;
    private static Path weights;
    private static Path a0;
    private static Path b0;

    @BeforeAll
    static void files() throws IOException {
        weights = tmp.resolve("vgg16_det.npz");
        NpzArchive.write(weights, VGG16Trunk.deterministicWeights());
        INDArray in0 = NpyFormat.read(Cli.reference("lpips/vgg_det_in0.npy"));
        INDArray in1 = NpyFormat.read(Cli.reference("lpips/vgg_det_in1.npy"));
        Files.createDirectories(tmp.resolve("d0"));
        Files.createDirectories(tmp.resolve("d1"));
        for (int i = 0; i < 3; i++) {
            NpyFormat.write(in0.get(NDArrayIndex.point(i)).dup(), tmp.resolve("d0/p" + i + ".npy"));
            NpyFormat.write(in1.get(NDArrayIndex.point(i)).dup(), tmp.resolve("d1/p" + i + ".npy"));
        }
        a0 = tmp.resolve("d0/p0.npy");
        b0 = tmp.resolve("d1/p0.npy");
    }

    private static double expected(int pair) {
        return CASE.get("expected").get("distance").get(pair).asDouble();
    }

    @Test
    void twoImagesMatchReferenceAndJsonPrintsLpips() throws IOException {
        Cli.Run r = run("lpips", a0, b0, "--weights", weights);
        assertEquals(0, r.code(), r.toString());
        Cli.assertWithin(expected(0), r.value("lpips"), CASE.get("tolerance"), "pair 0");
        Cli.Run j = run("lpips", a0, b0, "--weights", weights, "--json");
        assertEquals(0, j.code(), j.toString());
        JsonNode n = new ObjectMapper().readTree(j.out());
        assertEquals(List.of("lpips"), List.copyOf(iterable(n.fieldNames())));
        Cli.assertWithin(expected(0), n.get("lpips").asDouble(), CASE.get("tolerance"), "json pair 0");
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void directoriesPairByFileName() throws IOException {
        Cli.Run r = run("lpips", "--dir0", tmp.resolve("d0"), "--dir1", tmp.resolve("d1"), "--weights", weights, "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode n = new ObjectMapper().readTree(r.out());
        Cli.assertWithin((expected(0) + expected(1) + expected(2)) / 3, n.get("lpips").asDouble(), CASE.get("tolerance"), "mean");
        assertEquals(3, n.get("pairs").asInt());
        Files.copy(a0, tmp.resolve("d0/extra.npy"));
        try {
            Cli.Run bad = run("lpips", "--dir0", tmp.resolve("d0"), "--dir1", tmp.resolve("d1"), "--weights", weights);
            assertEquals(1, bad.code(), bad.toString());
            assertTrue(bad.err().startsWith("calibrax4j lpips: error: ") && bad.err().contains("extra.npy"), bad.err());
        } finally {
            Files.delete(tmp.resolve("d0/extra.npy"));
        }
    }

    @Test
    void pngImagesAreReadAsUnitRangeRgb() throws IOException {
        BufferedImage img = new BufferedImage(20, 18, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 18; y++) {
            for (int x = 0; x < 20; x++) {
                img.setRGB(x, y, (x * 12) << 16 | (y * 13) << 8 | ((x + y) * 6));
            }
        }
        Path p = tmp.resolve("img.png");
        ImageIO.write(img, "png", p.toFile());
        Path q = tmp.resolve("img2.png");
        img.setRGB(3, 4, 0xffffff);
        ImageIO.write(img, "png", q.toFile());
        Cli.Run same = run("lpips", p, p, "--weights", weights);
        assertEquals(0, same.code(), same.toString());
        assertEquals(0.0, same.value("lpips"), 0.0);
        Cli.Run diff = run("lpips", p, q, "--weights", weights);
        assertTrue(diff.value("lpips") > 0, diff.toString());
    }

    @Test
    void errorsAreOneLine() throws IOException {
        Cli.Run noWeights = run("lpips", a0, b0);
        assertEquals(1, noWeights.code(), noWeights.toString());
        assertTrue(noWeights.err().contains("--weights VGG_FILE is required"), noWeights.err());
        Cli.Run one = run("lpips", a0, "--weights", weights);
        assertEquals(2, one.code(), one.toString());
        Path small = tmp.resolve("small.npy");
        NpyFormat.write(org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 8, 8), small);
        Cli.Run tiny = run("lpips", small, small, "--weights", weights);
        assertEquals(1, tiny.code(), tiny.toString());
        assertTrue(tiny.err().contains("too small"), tiny.err());
        Cli.Run badWeights = run("lpips", a0, b0, "--weights", a0);
        assertEquals(1, badWeights.code(), badWeights.toString());
        assertEquals(1, badWeights.err().lines().count(), badWeights.err());
    }
}
