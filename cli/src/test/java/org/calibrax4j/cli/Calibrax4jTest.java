package org.calibrax4j.cli;

import static org.calibrax4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The top-level command: version, help, usage errors and the error formatting. */
class Calibrax4jTest {

    @Test
    void versionIsPrinted() {
        Cli.Run r = run("--version");
        assertEquals(0, r.code());
        assertEquals("calibrax4j 0.1.0" + System.lineSeparator(), r.out());
    }

    @Test
    void helpListsSubcommands() {
        Cli.Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("fid") && r.out().contains("is") && r.out().contains("--verbose"), r.out());
    }

    @Test
    void noSubcommandIsAOneLineUsageError() {
        Cli.Run r = run();
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().startsWith("calibrax4j: error: missing subcommand (one of [fid, is"), r.toString());
    }

    @Test
    void unknownSubcommandIsAOneLineUsageError() {
        Cli.Run r = run("no-such-metric");
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().startsWith("calibrax4j: error: ") && r.err().contains("no-such-metric"), r.toString());
    }

    @Test
    void unexpectedExceptionsKeepTheirTypeOnOneLine() {
        assertEquals("/x.npy: no such file or directory",
                Calibrax4j.ErrorHandler.describe(new NoSuchFileException("/x.npy")));
        assertEquals("a.npy: truncated", Calibrax4j.ErrorHandler.describe(new IOException("a.npy: truncated")));
        assertEquals("java.lang.RuntimeException: native failure at op matmul",
                Calibrax4j.ErrorHandler.describe(new RuntimeException("native failure\n  at op matmul\n")));
        assertEquals("java.lang.NullPointerException", Calibrax4j.ErrorHandler.describe(new NullPointerException()));
    }
}
