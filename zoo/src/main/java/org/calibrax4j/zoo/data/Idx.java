package org.calibrax4j.zoo.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reader for IDX files of unsigned bytes (the MNIST / Fashion-MNIST format: a big-endian magic
 * {@code 0x0000 08 RR}, RR dimension sizes as int32, then the data). Gzip is detected by its magic
 * bytes, so {@code .gz} and plain files both work. The whole file goes through one buffered stream
 * into one {@code byte[]}.
 */
final class Idx {
    /** IDX type code of unsigned bytes. */
    static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER = 1 << 16;

    private Idx() {
    }

    /** Dimension sizes and raw (unsigned) bytes of one IDX file. */
    record Contents(int[] dims, byte[] data) {
    }

    /**
     * Reads an IDX file of unsigned bytes with {@code expectedRank} dimensions.
     *
     * @throws IOException when the file cannot be read, its magic number is not
     *                     {@code 0x000008RR}, or it is truncated or has trailing bytes
     */
    static Contents readUnsignedBytes(Path file, int expectedRank) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            InputStream in = gzip ? new GZIPInputStream(raw, BUFFER) : raw;
            DataInputStream data = new DataInputStream(in);

            int expectedMagic = (UNSIGNED_BYTE << 8) | expectedRank;
            int magic;
            try {
                magic = data.readInt();
            } catch (EOFException e) {
                throw new IOException(file + ": not an IDX file (shorter than its 4-byte magic number)", e);
            }
            if (magic != expectedMagic) {
                throw new IOException(String.format(
                        "%s: bad IDX magic number 0x%08X, expected 0x%08X (unsigned bytes, %d dimensions)%s",
                        file, magic, expectedMagic, expectedRank,
                        gzip ? "" : "; the file is not gzip-compressed either"));
            }
            int[] dims = new int[expectedRank];
            long total = 1;
            try {
                for (int i = 0; i < expectedRank; i++) {
                    dims[i] = data.readInt();
                    if (dims[i] < 0) {
                        throw new IOException(String.format("%s: negative IDX dimension %d at index %d",
                                file, dims[i], i));
                    }
                    total *= dims[i];
                }
            } catch (EOFException e) {
                throw new IOException(file + ": IDX header truncated", e);
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new IOException(String.format("%s: IDX dimensions %s hold %d bytes, too many for one array",
                        file, Arrays.toString(dims), total));
            }
            byte[] bytes = new byte[(int) total];
            try {
                data.readFully(bytes);
            } catch (EOFException e) {
                throw new IOException(String.format("%s: IDX data truncated: dimensions %s need %d bytes",
                        file, Arrays.toString(dims), total), e);
            }
            if (data.read() != -1) {
                throw new IOException(String.format("%s: trailing bytes after the %d bytes that dimensions %s declare",
                        file, total, Arrays.toString(dims)));
            }
            return new Contents(dims, bytes);
        }
    }
}
