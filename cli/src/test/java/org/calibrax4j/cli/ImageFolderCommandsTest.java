package org.calibrax4j.cli;

import static org.calibrax4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.calibrax4j.inception.InceptionScore;
import org.calibrax4j.io.NpzArchive;
import org.calibrax4j.zoo.images.ImageFolder;
import org.calibrax4j.zoo.inception.FidInceptionV3;
import org.calibrax4j.zoo.inception.ReferenceWeights;
import org.calibrax4j.zoo.weights.Sha256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * End to end: folders of PNGs → {@code fid} / {@code is} through InceptionV3 with the reference
 * fixtures' deterministic weights (a real network, not a trained one), written by the test.
 */
class ImageFolderCommandsTest {
    @TempDir
    static Path shared;
    static Path weights;
    static String sha;
    static Path real;
    static Path fake;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() throws IOException {
        weights = shared.resolve("fid_inception_reference.npz");
        NpzArchive.write(weights, ReferenceWeights.stateDict());
        sha = Sha256.of(weights);
        real = Files.createDirectories(shared.resolve("real"));
        fake = Files.createDirectories(shared.resolve("fake/nested"));
        SplittableRandom rnd = new SplittableRandom(4);
        // mixed sizes and a grey image: each is resized on its own
        png(real.resolve("a.png"), 32, 32, rnd, false, 0);
        png(real.resolve("b.png"), 40, 24, rnd, false, 0);
        png(real.resolve("c.png"), 28, 28, rnd, true, 0);
        png(fake.resolve("x.png"), 32, 32, rnd, false, 60);
        png(fake.resolve("y.png"), 32, 32, rnd, false, 60);
        png(fake.getParent().resolve("z.png"), 20, 30, rnd, true, 60);
    }

    private static void png(Path f, int w, int h, SplittableRandom rnd, boolean grey, int shift) throws IOException {
        BufferedImage img = new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grey) {
                    img.getRaster().setSample(x, y, 0, Math.min(255, rnd.nextInt(196) + shift));
                } else {
                    img.setRGB(x, y, Math.min(255, rnd.nextInt(196) + shift) << 16 | rnd.nextInt(256) << 8 | (x * 8 & 0xff));
                }
            }
        }
        ImageIO.write(img, "png", f.toFile());
    }

    @Test
    void fidOfFoldersEqualsFidAgainstTheirSavedStatistics() throws IOException {
        Cli.Run both = run("fid", real, fake, "--weights", weights, "--weights-sha256", sha);
        assertEquals(0, both.code(), both.toString());
        double fid = both.value("fid");
        assertTrue(fid > 0 && Double.isFinite(fid), both.toString());
        assertTrue(both.err().contains("images/s"), both.toString());

        Path stats = tmp.resolve("real_stats.npz");
        Cli.Run saved = run("fid", "--save-stats", real, stats, "--weights", weights);
        assertEquals(0, saved.code(), saved.toString());
        NpzArchive npz = NpzArchive.read(stats);
        assertArrayEquals(new long[] {2048}, npz.get("mu").shape());
        assertArrayEquals(new long[] {2048, 2048}, npz.get("sigma").shape());

        Cli.Run fromStats = run("fid", stats, fake, "--weights", weights, "--json");
        assertEquals(0, fromStats.code(), fromStats.toString());
        double again = new org.nd4j.shade.jackson.databind.ObjectMapper().readTree(fromStats.out()).get("fid").asDouble();
        assertEquals(fid, again, 0.0, "FID against saved statistics is the same number");
    }

    @Test
    void inceptionScoreOfAFolderMatchesTheLibrary() throws IOException {
        Cli.Run r = run("is", real, "--weights", weights, "--splits", 1, "--batch-size", 2);
        assertEquals(0, r.code(), r.toString());
        FidInceptionV3 net = FidInceptionV3.load(weights, sha);
        List<INDArray> probs = new ArrayList<>();
        for (Path f : ImageFolder.list(real)) {
            INDArray img = ImageFolder.read(f);
            probs.add(net.classProbabilities(img.reshape(1, 3, img.size(1), img.size(2))));
        }
        double[] p = Nd4j.concat(0, probs.toArray(new INDArray[0])).data().asDouble();
        double expected = InceptionScore.compute(p, 3, 1008, 1).mean();
        double got = r.value("inception_score");
        assertTrue(got > 1.0, r.toString());
        assertEquals(Math.log(expected), Math.log(got), 1e-6 * Math.log(expected), r.toString());
    }

    @Test
    void smallerDimsSaveNarrowerStatistics() throws IOException {
        Path stats = tmp.resolve("s64.npz");
        Cli.Run r = run("fid", "--save-stats", fake, stats, "--weights", weights, "--dims", 64);
        assertEquals(0, r.code(), r.toString());
        assertArrayEquals(new long[] {64, 64}, NpzArchive.read(stats).get("sigma").shape());
    }

    @Test
    void anEmptyFolderIsRefusedBeforeTheOtherSideIsRead(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path empty = java.nio.file.Files.createDirectory(tmp.resolve("empty"));
        Cli.Run r = run("fid", real, empty, "--weights", weights);
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), "one error line, no progress of the real side: " + r);
        assertTrue(r.err().contains("no image files"), r.toString());
    }

    @Test
    void wrongSha256IsRefusedBeforeAnyImageIsRead() {
        Cli.Run r = run("fid", real, fake, "--weights", weights, "--weights-sha256", "ab".repeat(32));
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().contains("SHA-256 mismatch") && r.err().contains(sha), r.toString());
    }

    @Test
    void foldersWithoutWeightsAndBadOptionsAreUsageErrors() {
        Cli.Run noWeights = run("fid", real, fake);
        assertEquals(2, noWeights.code(), noWeights.toString());
        assertTrue(noWeights.err().contains("--weights"), noWeights.toString());
        Cli.Run dims = run("fid", real, fake, "--weights", weights, "--dims", 100);
        assertEquals(2, dims.code(), dims.toString());
        assertTrue(dims.err().contains("--dims must be one of 64, 192, 768, 2048, got 100"), dims.toString());
        Cli.Run cuda = run("fid", real, fake, "--weights", weights, "--device", "cuda");
        assertEquals(2, cuda.code(), cuda.toString());
        assertTrue(cuda.err().contains("nd4j-cuda"), cuda.toString());
        Cli.Run one = run("fid", real, "--weights", weights);
        assertEquals(2, one.code(), one.toString());
        Cli.Run isBoth = run("is", real, "--probabilities", weights);
        assertEquals(2, isBoth.code(), isBoth.toString());
    }
}
