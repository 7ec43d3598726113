package org.calibrax4j.cli;

import static org.calibrax4j.cli.Cli.assertWithin;
import static org.calibrax4j.cli.Cli.reference;
import static org.calibrax4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.calibrax4j.io.NpyFormat;
import org.calibrax4j.io.NpzArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * {@code calibrax4j fid} against the pytorch-fid / torchmetrics reference values in
 * {@code reference/fid/cases.json} (copied from core's test resources), and its error paths.
 */
class FidCommandTest {
    private static final Path REAL = reference("fid/d8_basic_real.npy");
    private static final Path FAKE = reference("fid/d8_basic_fake.npy");
    private static final JsonNode D8 = Cli.referenceCase("fid", "d8_basic");

    @TempDir
    Path tmp;

    private static double expected(JsonNode c) {
        return c.get("expected").get("fid").asDouble();
    }

    /** Exit code 1 or 2 and exactly one stderr line that starts with the command and names {@code file}. */
    private static void assertOneLineError(Cli.Run r, int code, String... fragments) {
        assertEquals(code, r.code(), r.toString());
        assertEquals("", r.out(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.toString());
        assertTrue(lines.get(0).startsWith("calibrax4j fid: error: "), r.toString());
        for (String f : fragments) {
            assertTrue(lines.get(0).contains(f), "'" + f + "' missing in: " + lines.get(0));
        }
    }

    @Test
    void fidOfFeatureFilesMatchesReference() {
        Cli.Run r = run("fid", "--real", REAL, "--generated", FAKE);
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.err());
        assertTrue(r.out().matches("fid: [0-9.E-]+\\R"), r.out());
        assertWithin(expected(D8), r.value("fid"), D8.get("tolerance"), "d8_basic");
    }

    @Test
    void fidOfFloat32FeaturesMatchesReference() {
        JsonNode c = Cli.referenceCase("fid", "d16_float32");
        Cli.Run r = run("fid", "--real", reference("fid/d16_float32_real.npy"),
                "--generated", reference("fid/d16_float32_fake.npy"));
        assertEquals(0, r.code(), r.toString());
        assertWithin(expected(c), r.value("fid"), c.get("tolerance"), "d16_float32");
    }

    @Test
    void jsonIsMetricResultJsonWithTheSameValue() {
        double text = run("fid", "--real", REAL, "--generated", FAKE).value("fid");
        Cli.Run r = run("fid", "--real", REAL, "--generated", FAKE, "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals("{\"fid\": " + Double.toString(text) + "}" + System.lineSeparator(), r.out());
    }

    @Test
    void fidOfPytorchFidStatisticsMatchesReference() {
        // Real side deflated (np.savez_compressed), generated side stored (np.savez), both from numpy.
        Cli.Run r = run("fid", "--real", reference("fid/d8_basic_stats_real_compressed.npz"),
                "--generated", reference("fid/d8_basic_stats_fake.npz"));
        assertEquals(0, r.code(), r.toString());
        assertWithin(D8.get("expected").get("fid_exact_from_stats_eigh").asDouble(), r.value("fid"),
                D8.get("tolerance"), "d8_basic from stats");
    }

    @Test
    void mixesFeaturesAndStatistics() {
        Cli.Run r = run("fid", "--real", reference("fid/d8_basic_stats_real_compressed.npz"), "--generated", FAKE);
        assertEquals(0, r.code(), r.toString());
        assertWithin(expected(D8), r.value("fid"), D8.get("tolerance"), "stats vs features");
    }

    @Test
    void savedStatisticsGiveTheSameFidAsTheFeatures() throws IOException {
        Path realStats = tmp.resolve("real_stats.npz");
        Path fakeStats = tmp.resolve("fake_stats.npz");
        Cli.Run saved = run("fid", "--save-stats", REAL, realStats);
        assertEquals(0, saved.code(), saved.toString());
        assertEquals("saved mu (8) and sigma (8x8) of 100 rows to " + realStats + System.lineSeparator(), saved.out());
        assertEquals(0, run("fid", "--save-stats", FAKE, fakeStats).code());

        double fromFeatures = run("fid", "--real", REAL, "--generated", FAKE).value("fid");
        double fromStats = run("fid", "--real", realStats, "--generated", fakeStats).value("fid");
        assertEquals(fromFeatures, fromStats, 0.0);
        assertEquals(fromFeatures, run("fid", "--real", realStats, "--generated", FAKE).value("fid"), 0.0);
    }

    @Test
    void savedStatisticsHavePytorchFidLayoutAndValues() throws IOException {
        Path out = tmp.resolve("stats.npz");
        assertEquals(0, run("fid", "--save-stats", REAL, out).code());
        try (ZipFile z = new ZipFile(out.toFile())) {
            assertEquals(List.of("mu.npy", "sigma.npy"), z.stream().map(ZipEntry::getName).toList());
            assertTrue(z.stream().allMatch(e -> e.getMethod() == ZipEntry.STORED), "np.savez stores members");
        }
        NpzArchive npz = NpzArchive.read(out);
        INDArray mu = npz.get("mu");
        INDArray sigma = npz.get("sigma");
        assertEquals(DataType.DOUBLE, mu.dataType());
        assertEquals(DataType.DOUBLE, sigma.dataType());
        assertArrayEquals(new long[] {8}, mu.shape());
        assertArrayEquals(new long[] {8, 8}, sigma.shape());
        // np.mean(x, axis=0) and np.cov(x, rowvar=False) from the reference files.
        double[] muRef = NpyFormat.read(reference("fid/d8_basic_mu_real.npy")).data().asDouble();
        double[] sigmaRef = NpyFormat.read(reference("fid/d8_basic_sigma_real.npy")).data().asDouble();
        assertArrayEquals(muRef, mu.data().asDouble(), 1e-13);
        assertArrayEquals(sigmaRef, sigma.data().asDouble(), 1e-12);
    }

    @Test
    void missingFileIsOneLineNamingTheFile() {
        Path missing = tmp.resolve("nope.npy");
        assertOneLineError(run("fid", "--real", missing, "--generated", FAKE), 1,
                missing.toString(), "no such file");
    }

    @Test
    void textFileIsNotAnNpy() throws IOException {
        Path text = tmp.resolve("features.npy");
        Files.writeString(text, "0.1,0.2\n0.3,0.4\n");
        assertOneLineError(run("fid", "--real", REAL, "--generated", text), 1,
                text.toString(), "not an .npy file (bad magic");
    }

    @Test
    void npzWithoutSigmaNamesFileAndMember() {
        Path noSigma = reference("fid/d8_basic_stats_no_sigma.npz");
        assertOneLineError(run("fid", "--real", noSigma, "--generated", FAKE), 1,
                noSigma.toString(), "missing member 'sigma'");
    }

    @Test
    void mismatchedWidthsNameBothFilesAndWidths() {
        Path d16 = reference("fid/d16_float32_fake.npy");
        assertOneLineError(run("fid", "--real", REAL, "--generated", d16), 1,
                "feature widths differ", REAL + " has D=8", d16 + " has D=16");
    }

    @Test
    void oneDimensionalArrayIsRejected() {
        Path vector = reference("fid/d8_basic_mu_real.npy");
        assertOneLineError(run("fid", "--real", vector, "--generated", FAKE), 1,
                vector.toString(), "expected a feature matrix (N x D)", "shape [8]");
    }

    @Test
    void integerFeaturesAreRejected() throws IOException {
        Path ints = tmp.resolve("ints.npy");
        NpyFormat.write(Nd4j.createFromArray(new long[][] {{1, 2}, {3, 4}, {5, 6}}), ints);
        assertOneLineError(run("fid", "--real", ints, "--generated", ints), 1, ints.toString(), "LONG");
    }

    @Test
    void nonFiniteFeatureNamesFileAndPosition() throws IOException {
        Path nan = tmp.resolve("nan.npy");
        NpyFormat.write(Nd4j.createFromArray(new double[][] {{1, 2}, {3, Double.NaN}, {5, 7}}), nan);
        Path ok = tmp.resolve("ok.npy");
        NpyFormat.write(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 7}}), ok);
        assertOneLineError(run("fid", "--real", ok, "--generated", nan), 1, nan.toString(), "NaN at row 1, column 1");
    }

    @Test
    void singleRowIsRejected() throws IOException {
        Path one = tmp.resolve("one.npy");
        NpyFormat.write(Nd4j.createFromArray(new double[][] {{1, 2}}), one);
        assertOneLineError(run("fid", "--real", one, "--generated", FAKE), 1, one.toString(), "at least 2 rows");
    }

    @Test
    void missingGeneratedIsAUsageError() {
        assertOneLineError(run("fid", "--real", REAL), 2, "needs both --real and --generated", "calibrax4j fid --help");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertOneLineError(run("fid", "--real", REAL, "--generated", FAKE, "--frobnicate"), 2, "--frobnicate");
    }

    @Test
    void saveStatsNeedsTwoPaths() {
        assertOneLineError(run("fid", "--save-stats", REAL), 2, "needs two paths");
    }

    @Test
    void saveStatsRefusesAnNpzInput() {
        Path npz = reference("fid/d8_basic_stats_fake.npz");
        assertOneLineError(run("fid", "--save-stats", npz, tmp.resolve("x.npz")), 1, npz.toString(), "is an .npz archive");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        Path missing = tmp.resolve("nope.npy");
        Cli.Run r = run("fid", "--verbose", "--real", missing, "--generated", FAKE);
        assertEquals(1, r.code());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("calibrax4j fid: error: " + missing), r.toString());
        assertTrue(lines.size() > 2 && lines.get(1).contains("NoSuchFileException"), r.toString());
        assertTrue(r.err().contains("at org.calibrax4j.cli."), r.toString());

        Cli.Run before = run("--verbose", "fid", "--real", missing, "--generated", FAKE);
        assertTrue(before.err().lines().count() > 2, before.toString());
    }

    @Test
    void helpListsTheOptions() {
        Cli.Run r = run("fid", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--save-stats") && r.out().contains("--generated"), r.out());
    }
}
