package org.calibrax4j.cli;

import static org.calibrax4j.cli.Cli.assertWithin;
import static org.calibrax4j.cli.Cli.reference;
import static org.calibrax4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.calibrax4j.io.NpyFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;

/** {@code calibrax4j kid} against reference/kid (torchmetrics' own subset draws) and its error paths. */
class KidCommandTest {
    private static final String CASE = "d16_n200_150_m50_s10";
    private static final Path REAL = reference("kid/" + CASE + "_real.npy");
    private static final Path FAKE = reference("kid/" + CASE + "_fake.npy");
    private static final String IDX = reference("kid/" + CASE + "_subset_idx_real.npy") + ","
            + reference("kid/" + CASE + "_subset_idx_fake.npy");

    @TempDir
    Path tmp;

    private static void assertOneLineError(Cli.Run r, int code, String... fragments) {
        assertEquals(code, r.code(), r.toString());
        assertEquals("", r.out(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.toString());
        assertTrue(lines.get(0).startsWith("calibrax4j kid: error: "), r.toString());
        for (String f : fragments) {
            assertTrue(lines.get(0).contains(f), "'" + f + "' missing in: " + lines.get(0));
        }
    }

    @Test
    void givenSubsetIndicesReproduceTorchmetricsPerSubsetValues() {
        for (String name : List.of(CASE, "d2048_n60_m30_s5")) {
            JsonNode c = Cli.referenceCase("kid", name);
            Cli.Run r = run("kid", "--real", reference("kid/" + name + "_real.npy"), "--generated",
                    reference("kid/" + name + "_fake.npy"), "--subset-indices",
                    reference("kid/" + name + "_subset_idx_real.npy") + "," + reference("kid/" + name + "_subset_idx_fake.npy"),
                    "--full", "--per-subset");
            assertEquals(0, r.code(), r.toString());
            JsonNode e = c.get("expected");
            assertWithin(e.get("kid_mean").asDouble(), r.value("kid_mean"), c.get("tolerance"), name + " kid_mean");
            assertWithin(e.get("kid_std").asDouble(), r.value("kid_std"), c.get("tolerance"), name + " kid_std");
            assertWithin(e.get("full_set_unbiased_mmd2").asDouble(), r.value("kid_full"), c.get("tolerance"), name + " kid_full");
            for (int s = 0; s < e.get("per_subset_mmd2").size(); s++) {
                assertWithin(e.get("per_subset_mmd2").get(s).asDouble(), r.value("kid_subset_" + s), c.get("tolerance"),
                        name + " subset " + s);
            }
        }
    }

    @Test
    void jsonHasTheResultKeysInOrder() {
        Cli.Run text = run("kid", "--real", REAL, "--generated", FAKE, "--subset-indices", IDX);
        Cli.Run r = run("kid", "--real", REAL, "--generated", FAKE, "--subset-indices", IDX, "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals("{\"kid_mean\": " + text.value("kid_mean") + ", \"kid_std\": " + text.value("kid_std") + "}"
                + System.lineSeparator(), r.out());
    }

    @Test
    void seededDrawsAreReproducible() {
        Cli.Run a = run("kid", "--real", REAL, "--generated", FAKE, "--subsets", 20, "--subset-size", 50, "--seed", 3);
        Cli.Run b = run("kid", "--real", REAL, "--generated", FAKE, "--subsets", 20, "--subset-size", 50, "--seed", 3);
        Cli.Run c = run("kid", "--real", REAL, "--generated", FAKE, "--subsets", 20, "--subset-size", 50, "--seed", 4);
        assertEquals(0, a.code(), a.toString());
        assertEquals(a.out(), b.out());
        assertNotEquals(a.value("kid_mean"), c.value("kid_mean"));
        // same population: close to torchmetrics' mean over its own 10 draws
        double expected = Cli.referenceCase("kid", CASE).get("expected").get("full_set_unbiased_mmd2").asDouble();
        assertEquals(expected, a.value("kid_mean"), 0.1);
    }

    @Test
    void negativeKidIsPrintedAsIs() throws IOException {
        Path x = tmp.resolve("x.npy");
        NpyFormat.write(Nd4j.create(new double[] {0, 1}, new long[] {2, 1}, 'c'), x);
        Cli.Run r = run("kid", "--real", x, "--generated", x, "--subsets", 1, "--subset-size", 2, "--full");
        assertEquals(0, r.code(), r.toString());
        assertEquals(-3.5, r.value("kid_full"), 0.0);
        assertEquals(-3.5, r.value("kid_mean"), 0.0);
    }

    @Test
    void subsetSizeAboveTheSamplesIsAnErrorGivingBothCounts() {
        assertOneLineError(run("kid", "--real", REAL, "--generated", FAKE), 1, "--subset-size 1000 (the default)", "has 200", "has 150");
        assertOneLineError(run("kid", "--real", REAL, "--generated", FAKE, "--subset-size", 1), 2, "subsetSize", ">= 2");
    }

    @Test
    void badFilesAndOptionsAreOneLineErrors() throws IOException {
        Path narrow = tmp.resolve("narrow.npy");
        NpyFormat.write(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 10, 3), narrow);
        assertOneLineError(run("kid", "--real", REAL, "--generated", narrow), 1, "feature widths differ", "D=16", "D=3");
        assertOneLineError(run("kid", "--real", REAL, "--generated", FAKE, "--subset-indices", IDX, "--subsets", 5), 2,
                "--subset-indices");
        assertOneLineError(run("kid", "--real", REAL, "--generated", FAKE, "--subset-indices", reference("kid/" + CASE
                + "_subset_idx_real.npy")), 2, "two files");
        // indices of the 200-row real side applied to the 150-row generated side: out of range
        String swapped = reference("kid/" + CASE + "_subset_idx_real.npy") + "," + reference("kid/" + CASE + "_subset_idx_real.npy");
        Cli.Run r = run("kid", "--real", REAL, "--generated", FAKE, "--subset-indices", swapped);
        if (r.code() == 0) {
            throw new AssertionError("expected out-of-range indices to fail: " + r);
        }
        assertOneLineError(r, 1, "generated subset", "outside [0, 150)");
        assertOneLineError(run("kid", "--real", tmp.resolve("missing.npy"), "--generated", FAKE), 1, "no such file");
        assertOneLineError(run("kid", "--real", REAL, "--generated", FAKE, "--subset-indices", REAL + "," + FAKE), 1,
                "integer array");
    }
}
