package org.calibrax4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Reference fixtures copied from {@code ../shared/reference} into test resources (computed with
 * pytorch-fid, torchmetrics and numpy; see each folder's cases.json for versions).
 */
public final class Reference {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Reference() {
    }

    /** Path of a resource under {@code reference/}. */
    public static Path path(String relative) {
        URL url = Reference.class.getResource("/reference/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test resource reference/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cases of {@code <folder>/cases.json}. */
    public static List<JsonNode> cases(String folder) {
        try {
            JsonNode root = JSON.readTree(path(folder + "/cases.json").toFile());
            List<JsonNode> out = new ArrayList<>();
            root.get("cases").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An array file named relative to the reference folder, as in cases.json. */
    public static INDArray npy(String relative) {
        return Nd4j.createFromNpyFile(path(relative).toFile());
    }

    /** Row-major float64 copy of an array file. */
    public static double[] doubles(String relative) {
        return npy(relative).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Whether |got − expected| ≤ max(abs, rel·|expected|), as the reference README defines. */
    public static void assertWithin(double expected, double got, double abs, double rel, String what) {
        double tol = Math.max(abs, rel * Math.abs(expected));
        if (!(Math.abs(got - expected) <= tol)) {
            throw new AssertionError(String.format("%s: expected %.17g, got %.17g (|diff| %.3g > tol %.3g)",
                    what, expected, got, Math.abs(got - expected), tol));
        }
    }

    /** Same with the tolerance object of a case ({@code abs}, {@code rel}). */
    public static void assertWithin(double expected, double got, JsonNode tolerance, String what) {
        assertWithin(expected, got, tolerance.path("abs").asDouble(0), tolerance.path("rel").asDouble(0), what);
    }
}
