package org.calibrax4j.zoo.weights;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file's SHA-256 differs from the one recorded for it: the file is corrupt, truncated or was
 * replaced. The message names the file, both hashes and what to do.
 */
public class ChecksumMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String expected;
    private final String actual;

    /**
     * @param file     the file that was hashed
     * @param expected the recorded hash (lower-case hex)
     * @param actual   the hash of the file's current content (lower-case hex)
     * @param advice   what the user should do, appended to the message (may be empty)
     */
    public ChecksumMismatchException(Path file, String expected, String actual, String advice) {
        super("SHA-256 mismatch for " + file + ": expected " + expected + ", actual " + actual
                + (advice == null || advice.isEmpty() ? "" : ". " + advice));
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    /** The file whose content does not match. */
    public Path file() {
        return file;
    }

    /** The recorded SHA-256, lower-case hex. */
    public String expected() {
        return expected;
    }

    /** The SHA-256 of the file as found, lower-case hex. */
    public String actual() {
        return actual;
    }
}
