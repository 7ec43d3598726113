package org.calibrax4j.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.calibrax4j.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Every case of reference/functional/cases.json (scikit-learn 1.2.1, SciPy 1.10.1, scikit-image
 * 0.19.3, NLTK 3.8, torchmetrics 1.9.0, documented formulas), each within its own tolerance,
 * including the pinned non-finite values and the cases where the reference raises.
 */
class FunctionalReferenceTest {

    static Stream<Arguments> cases() {
        return Reference.cases("functional").stream().map(c -> Arguments.of(c.get("name").asText(), c));
    }

    @Test
    void fixtureHoldsAllCasesAndMetrics() {
        List<JsonNode> all = Reference.cases("functional");
        assertEquals(138, all.size());
        Set<String> metrics = new TreeSet<>();
        all.forEach(c -> metrics.add(c.get("metric").asText()));
        assertEquals(46, metrics.size(), metrics.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesReference(String name, JsonNode c) {
        if (c.hasNonNull("expects_error")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FunctionalCases.compute(c),
                    name + ": the reference raises " + c.get("expects_error"));
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), name);
            return;
        }
        Object got = FunctionalCases.compute(c);
        JsonNode expected = c.get("expected");
        JsonNode tol = c.get("tolerance");
        if (c.hasNonNull("expected_special")) {
            double v = assertInstanceOf(Double.class, got, name);
            switch (c.get("expected_special").asText()) {
                case "inf" -> assertEquals(Double.POSITIVE_INFINITY, v, name);
                case "-inf" -> assertEquals(Double.NEGATIVE_INFINITY, v, name);
                case "nan" -> assertTrue(Double.isNaN(v), name + ": expected NaN, got " + v);
                default -> throw new AssertionError("unknown expected_special " + c.get("expected_special"));
            }
            return;
        }
        if (expected.isNumber()) {
            double v = assertInstanceOf(Double.class, got, name);
            Reference.assertWithin(expected.asDouble(), v, tol, name);
            return;
        }
        assertTrue(expected.isArray(), name + ": expected is neither a number nor an array");
        if (got instanceof long[][] counts) {
            assertEquals(expected.size(), counts.length, name + " rows");
            for (int i = 0; i < counts.length; i++) {
                assertEquals(expected.get(i).size(), counts[i].length, name + " row " + i);
                for (int j = 0; j < counts[i].length; j++) {
                    assertEquals(expected.get(i).get(j).asLong(), counts[i][j], name + " [" + i + "][" + j + "]");
                }
            }
        } else if (got instanceof double[][] m) {
            assertEquals(expected.size(), m.length, name + " rows");
            for (int i = 0; i < m.length; i++) {
                assertVector(expected.get(i), m[i], tol, name + " row " + i);
            }
        } else if (got instanceof double[] v) {
            assertVector(expected, v, tol, name);
        } else {
            throw new AssertionError(name + ": unexpected result type " + got);
        }
    }

    private static void assertVector(JsonNode expected, double[] got, JsonNode tol, String what) {
        assertEquals(expected.size(), got.length, what + " length");
        for (int i = 0; i < got.length; i++) {
            JsonNode e = expected.get(i);
            if (e.isNull()) {
                assertTrue(Double.isNaN(got[i]), what + "[" + i + "]: expected NaN, got " + got[i]);
            } else {
                Reference.assertWithin(e.asDouble(), got[i], tol, what + "[" + i + "]");
            }
        }
    }
}
