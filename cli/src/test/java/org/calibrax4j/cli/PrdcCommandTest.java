package org.calibrax4j.cli;

import static org.calibrax4j.cli.Cli.assertWithin;
import static org.calibrax4j.cli.Cli.reference;
import static org.calibrax4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;

/** {@code calibrax4j prdc} against reference/prdc (clovaai prdc) and its error paths. */
class PrdcCommandTest {

    private static void assertMatches(String name, int k, Cli.Run r, String ball) {
        assertEquals(0, r.code(), r.toString());
        JsonNode c = Cli.referenceCase("prdc", name);
        JsonNode e = ball == null ? c.get("expected").get("k" + k) : c.get("expected").get("k" + k).get(ball);
        for (String key : List.of("precision", "recall", "density", "coverage")) {
            assertWithin(e.get(key).asDouble(), r.value(key), c.get("tolerance"), name + " k=" + k + " " + key);
        }
    }

    @Test
    void defaultKIsFiveAndMatchesPrdc() {
        Cli.Run r = run("prdc", "--real", reference("prdc/d8_n200_150_real.npy"), "--generated", reference("prdc/d8_n200_150_fake.npy"));
        assertMatches("d8_n200_150", 5, r, null);
        assertEquals(4, r.out().lines().count(), r.out());
    }

    @Test
    void everyKOfTheTiedIntegerCaseMatchesOpenAndClosedBalls() {
        for (int k : new int[] {1, 3, 5}) {
            assertMatches("d8_dups_int", k, run("prdc", "--real", reference("prdc/d8_dups_int_real.npy"), "--generated",
                    reference("prdc/d8_dups_int_fake.npy"), "--k", k), null);
            assertMatches("d8_dups_int", k, run("prdc", "--real", reference("prdc/d8_dups_int_real.npy"), "--generated",
                    reference("prdc/d8_dups_int_fake.npy"), "--k", k, "--closed"), "closed_ball_all");
        }
    }

    @Test
    void jsonHasTheFourKeys() {
        Cli.Run r = run("prdc", "--real", reference("prdc/d8_n200_150_real.npy"), "--generated",
                reference("prdc/d8_n200_150_fake.npy"), "--k", 3, "--json");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().matches("\\{\"precision\": [0-9.E-]+, \"recall\": [0-9.E-]+, \"density\": [0-9.E-]+, \"coverage\": [0-9.E-]+\\}\\R"),
                r.out());
    }

    @Test
    void badInputIsAOneLineError() {
        Cli.Run r = run("prdc", "--real", reference("prdc/d8_n200_150_real.npy"), "--generated",
                reference("prdc/d8_n200_150_fake.npy"), "--k", 0);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("calibrax4j prdc: error: --k: ") && r.err().contains("nearestK"), r.toString());
        Cli.Run few = run("prdc", "--real", reference("prdc/d8_n200_150_real.npy"), "--generated",
                reference("prdc/d8_n200_150_fake.npy"), "--k", 200);
        assertEquals(1, few.code(), few.toString());
        assertTrue(few.err().contains("d8_n200_150_real.npy") && few.err().contains("at least 201 rows"), few.toString());
        Cli.Run wide = run("prdc", "--real", reference("prdc/d8_n200_150_real.npy"), "--generated",
                reference("bertscore/pair0_cand.npy"), "--k", 2);
        assertEquals(1, wide.code(), wide.toString());
        assertTrue(wide.err().contains("feature widths differ"), wide.toString());
    }
}
