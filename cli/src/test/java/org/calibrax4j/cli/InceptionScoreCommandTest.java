package org.calibrax4j.cli;

import static org.calibrax4j.cli.Cli.assertWithin;
import static org.calibrax4j.cli.Cli.reference;
import static org.calibrax4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * {@code calibrax4j is} against {@code reference/inception_score/cases.json} (Salimans convention:
 * floor(k·N/splits) chunks, population std), copied from core's test resources.
 */
class InceptionScoreCommandTest {
    private static final Path PROBS = reference("inception_score/c10_n100_probs.npy");
    private static final Path LOGITS = reference("inception_score/c10_n100_logits.npy");
    private static final JsonNode CASE = Cli.referenceCase("inception_score", "c10_n100");

    private static JsonNode salimans(int splits) {
        return CASE.get("expected").get("splits_" + splits).get("salimans");
    }

    private static void assertMatches(Cli.Run r, int splits) {
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.err());
        JsonNode ref = salimans(splits);
        assertWithin(ref.get("mean").asDouble(), r.value("inception_score"), CASE.get("tolerance"), "mean, splits " + splits);
        assertWithin(ref.get("std").asDouble(), r.value("inception_score_std"), CASE.get("tolerance"), "std, splits " + splits);
    }

    @Test
    void probabilitiesWithDefaultTenSplitsMatchReference() {
        Cli.Run r = run("is", "--probabilities", PROBS);
        assertMatches(r, 10);
        assertEquals(2, r.out().lines().count(), r.out());
    }

    @Test
    void logitsMatchReference() {
        assertMatches(run("is", "--probabilities", LOGITS, "--logits", "--splits", "10"), 10);
    }

    @Test
    void oneSplitMatchesReference() {
        Cli.Run r = run("is", "--probabilities", PROBS, "--splits", "1");
        assertMatches(r, 1);
        assertEquals(0.0, r.value("inception_score_std"));
    }

    @Test
    void jsonHasBothValuesInOrder() {
        Cli.Run text = run("is", "--probabilities", PROBS);
        Cli.Run r = run("is", "--probabilities", PROBS, "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals("{\"inception_score\": " + text.value("inception_score") + ", \"inception_score_std\": "
                + text.value("inception_score_std") + "}" + System.lineSeparator(), r.out());
    }

    @Test
    void logitsWithoutFlagAreRejectedNamingTheFile() {
        Cli.Run r = run("is", "--probabilities", LOGITS);
        assertEquals(1, r.code(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.toString());
        assertTrue(lines.get(0).startsWith("calibrax4j is: error: " + LOGITS + ": "), r.toString());
        assertTrue(lines.get(0).contains("must lie in [0, 1]") && lines.get(0).contains("--logits"), r.toString());
    }

    @Test
    void moreSplitsThanRowsIsAnError() {
        Cli.Run r = run("is", "--probabilities", PROBS, "--splits", "101");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("calibrax4j is: error: " + PROBS + ": "), r.toString());
        assertTrue(r.err().contains("splits=101") && r.err().contains("have 100"), r.toString());
    }

    @Test
    void nonPositiveSplitsIsAUsageError() {
        Cli.Run r = run("is", "--probabilities", PROBS, "--splits", "0");
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().startsWith("calibrax4j is: error: --splits must be > 0, got 0"), r.toString());
    }

    @Test
    void missingFileIsOneLine() {
        Cli.Run r = run("is", "--probabilities", "/nonexistent/probs.npy");
        assertEquals(1, r.code(), r.toString());
        assertEquals("calibrax4j is: error: /nonexistent/probs.npy: no such file or directory" + System.lineSeparator(),
                r.err());
    }

    @Test
    void missingProbabilitiesOptionIsAUsageError() {
        Cli.Run r = run("is");
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().contains("--probabilities"), r.toString());
    }
}
