package org.calibrax4j.zoo.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2 example

    @Test
    void hashesBytesAndFiles(@TempDir Path dir) throws IOException {
        assertEquals(ABC, Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
        Path f = dir.resolve("w.bin");
        Files.writeString(f, "abc", StandardCharsets.US_ASCII);
        assertEquals(ABC, Sha256.of(f));
        assertEquals(ABC, Sha256.verify(f, ABC.toUpperCase(), "re-download it"));
    }

    @Test
    void mismatchNamesFileAndBothHashes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.bin");
        Files.writeString(f, "abd", StandardCharsets.US_ASCII);
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> Sha256.verify(f, ABC, "re-download it"));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(ABC)
                && e.getMessage().contains(Sha256.of(f)), e.getMessage());
    }

    @Test
    void sidecarRoundTrip(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("model.zip");
        Files.writeString(f, "abc", StandardCharsets.US_ASCII);
        Sha256.writeSidecar(f);
        assertEquals(ABC, Sha256.readSidecar(Sha256.sidecarOf(f)));
    }
}
