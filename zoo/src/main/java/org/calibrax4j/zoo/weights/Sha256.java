package org.calibrax4j.zoo.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SHA-256 of files, and sidecar files in {@code sha256sum} format ({@code <64 hex>  <file name>}),
 * so that {@code sha256sum -c model.zip.sha256} also checks them.
 */
public final class Sha256 {
    /** Suffix of a sidecar file: {@code model.zip} → {@code model.zip.sha256}. */
    public static final String SIDECAR_SUFFIX = ".sha256";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    /**
     * SHA-256 of a file's content as 64 lower-case hex digits.
     *
     * @throws IOException when the file cannot be read
     */
    public static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 of bytes as 64 lower-case hex digits. */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /**
     * Checks a file against an expected hash (hex, any case).
     *
     * @param advice appended to the exception's message, e.g. "Delete it and download again"
     * @return the actual hash
     * @throws ChecksumMismatchException when the hashes differ
     * @throws IllegalArgumentException  when {@code expectedHex} is not 64 hex digits
     * @throws IOException               when the file cannot be read
     */
    public static String verify(Path file, String expectedHex, String advice) throws IOException {
        String expected = normalise(expectedHex);
        String actual = of(file);
        if (!actual.equals(expected)) {
            throw new ChecksumMismatchException(file, expected, actual, advice);
        }
        return actual;
    }

    /** The sidecar of {@code file}: the same path with {@value #SIDECAR_SUFFIX} appended. */
    public static Path sidecarOf(Path file) {
        return file.resolveSibling(file.getFileName() + SIDECAR_SUFFIX);
    }

    /**
     * Reads the hash from a {@code sha256sum}-style sidecar (first token of the first line).
     *
     * @throws IOException when the sidecar is missing, unreadable or holds no 64-digit hex hash
     */
    public static String readSidecar(Path sidecar) throws IOException {
        String text = Files.readString(sidecar, StandardCharsets.US_ASCII).strip();
        String token = text.isEmpty() ? "" : text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(token).matches()) {
            throw new IOException(sidecar + ": expected a SHA-256 (64 hex digits) at its start, found \""
                    + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "\"");
        }
        return token;
    }

    /**
     * Hashes {@code file} and writes its sidecar atomically (temp file + move) as
     * {@code <hash>  <file name>\n}.
     *
     * @return the hash
     */
    public static String writeSidecar(Path file) throws IOException {
        return writeSidecar(file, file.getFileName().toString());
    }

    /**
     * Hashes {@code file} and writes the sidecar of {@code recordedName} (next to {@code file})
     * atomically, recording that name: for a temp file that will be moved to {@code recordedName}.
     *
     * @return the hash
     */
    public static String writeSidecar(Path file, String recordedName) throws IOException {
        String hash = of(file);
        Path sidecar = sidecarOf(file.resolveSibling(recordedName));
        Path tmp = Files.createTempFile(sidecar.toAbsolutePath().getParent(), sidecar.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, hash + "  " + recordedName + "\n", StandardCharsets.US_ASCII);
            moveAtomically(tmp, sidecar);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return hash;
    }

    /** Moves {@code source} over {@code target}, atomically where the file system allows it. */
    static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String normalise(String hex) {
        String h = hex == null ? "" : hex.strip().toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(h).matches()) {
            throw new IllegalArgumentException("Sha256: expected hash must be 64 hex digits, got \"" + hex + "\"");
        }
        return h;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
