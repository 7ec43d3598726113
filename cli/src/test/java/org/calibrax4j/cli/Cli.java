package org.calibrax4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

/** Runs {@link Calibrax4j} in-process with captured stdout/stderr, and reads the copied reference fixtures. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Exit code and everything printed. */
    record Run(int code, String out, String err) {
        /** The value printed as {@code name: value}. */
        double value(String name) {
            for (String line : out.split("\\R")) {
                if (line.startsWith(name + ": ")) {
                    return Double.parseDouble(line.substring(name.length() + 2));
                }
            }
            throw new AssertionError("no '" + name + ": ' line in stdout:\n" + out + "\nstderr:\n" + err);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = String.valueOf(args[i]);
        }
        CommandLine cmd = Calibrax4j.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(a);
        return new Run(code, out.toString(), err.toString());
    }

    /** A file under test resources {@code reference/}. */
    static Path reference(String relative) {
        URL url = Cli.class.getResource("/reference/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test resource reference/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case {@code name} of {@code reference/<folder>/cases.json}. */
    static JsonNode referenceCase(String folder, String name) {
        try {
            for (JsonNode c : JSON.readTree(reference(folder + "/cases.json").toFile()).get("cases")) {
                if (c.get("name").asText().equals(name)) {
                    return c;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no case " + name + " in " + folder + "/cases.json");
    }

    /** |got − expected| ≤ max(abs, rel·|expected|) with the case's tolerance object. */
    static void assertWithin(double expected, double got, JsonNode tolerance, String what) {
        double tol = Math.max(tolerance.path("abs").asDouble(0), tolerance.path("rel").asDouble(0) * Math.abs(expected));
        if (!(Math.abs(got - expected) <= tol)) {
            throw new AssertionError(String.format("%s: expected %.17g, got %.17g (|diff| %.3g > tol %.3g)",
                    what, expected, got, Math.abs(got - expected), tol));
        }
    }
}
