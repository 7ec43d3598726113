package org.calibrax4j.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arrays of a NumPy {@code .npz} archive ({@code np.savez} / {@code np.savez_compressed}):
 * a zip file whose members are {@code .npy} files, read with {@link NpyFormat}.
 *
 * <p>Members may be stored or deflated (pytorch-fid's {@code --save-stats} files and
 * {@code np.savez_compressed} use deflate, which ND4J's own npz reader rejects). Member names lose
 * their {@code .npy} suffix, as {@code np.load} presents them; the map keeps the archive's order.
 * Directory entries are skipped; every other member must be an {@code .npy} file.
 *
 * <p>{@link #write(Path, Map)} writes stored members, the layout of {@code np.savez};
 * {@link #writeCompressed(Path, Map)} deflates them like {@code np.savez_compressed}. Entry times
 * are fixed (1980-01-01), so the same arrays always give the same bytes.
 */
public final class NpzArchive {
    private static final String SUFFIX = ".npy";
    private static final LocalDateTime DOS_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final String source;
    private final Map<String, INDArray> arrays;

    private NpzArchive(String source, Map<String, INDArray> arrays) {
        this.source = source;
        this.arrays = Collections.unmodifiableMap(arrays);
    }

    /**
     * Reads every member of {@code file}.
     *
     * @throws IOException when the file cannot be read, is not a zip archive, or a member is not a
     *     readable {@code .npy} file (the message names the file and the member)
     */
    public static NpzArchive read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IOException(source + ": not an .npz (zip) archive (" + e.getMessage() + ")", e);
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory()) {
                    try (InputStream in = new BufferedInputStream(zip.getInputStream(e), 1 << 16)) {
                        put(arrays, source, e.getName(), in);
                    }
                }
            }
        } catch (ZipException e) {
            throw new IOException(source + ": corrupt .npz (zip) archive (" + e.getMessage() + ")", e);
        }
        return new NpzArchive(source, arrays);
    }

    /**
     * Reads every member of the archive that {@code in} streams (local headers only; the central
     * directory is not consulted). {@code in} is not closed.
     *
     * @param source names the archive in error messages
     * @throws IOException as {@link #read(Path)}
     */
    public static NpzArchive read(InputStream in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        ZipInputStream zin = new ZipInputStream(in);
        try {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                if (!e.isDirectory()) {
                    put(arrays, source, e.getName(), zin);
                }
            }
        } catch (ZipException e) {
            throw new IOException(source + ": corrupt .npz (zip) archive (" + e.getMessage() + ")", e);
        }
        if (arrays.isEmpty()) {
            throw new IOException(source + ": not an .npz archive (no zip members found)");
        }
        return new NpzArchive(source, arrays);
    }

    private static void put(Map<String, INDArray> arrays, String source, String member, InputStream in)
            throws IOException {
        String name = member.endsWith(SUFFIX) ? member.substring(0, member.length() - SUFFIX.length()) : member;
        if (arrays.containsKey(name)) {
            throw new IOException(source + ": duplicate member '" + name + "'");
        }
        arrays.put(name, NpyFormat.read(in, source + ":" + member));
    }

    /** The archive this was read from, as given (a path or the stream's source name). */
    public String source() {
        return source;
    }

    /** Member names without {@code .npy}, in archive order. */
    public Set<String> names() {
        return arrays.keySet();
    }

    /** Whether the archive has a member {@code name} (without {@code .npy}). */
    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    /** An unmodifiable, ordered view of all arrays. */
    public Map<String, INDArray> arrays() {
        return arrays;
    }

    /**
     * The array stored as {@code name} (without {@code .npy}).
     *
     * @throws IllegalArgumentException when there is no such member; the message names the
     *     archive, the member and the members it has
     */
    public INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException(source + ": missing member '" + name + "' (members: " + arrays.keySet() + ")");
        }
        return a;
    }

    /**
     * Writes {@code arrays} as an uncompressed archive, the layout of {@code np.savez(file, **arrays)}
     * (members {@code <name>.npy}, stored), replacing {@code file}.
     *
     * @throws IllegalArgumentException when a name is empty or an array's type cannot be written
     *     (see {@link NpyFormat#write(INDArray, Path)})
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Map<String, ? extends INDArray> arrays) throws IOException {
        write(file, arrays, false);
    }

    /**
     * Writes {@code arrays} with deflated members, as {@code np.savez_compressed} does.
     *
     * @throws IllegalArgumentException as {@link #write(Path, Map)}
     * @throws IOException when the file cannot be written
     */
    public static void writeCompressed(Path file, Map<String, ? extends INDArray> arrays) throws IOException {
        write(file, arrays, true);
    }

    private static void write(Path file, Map<String, ? extends INDArray> arrays, boolean compressed) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(arrays, "arrays");
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends INDArray> e : arrays.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("NpzArchive: member names must not be empty (writing " + file + ")");
            }
            members.put(e.getKey() + SUFFIX, NpyFormat.toBytes(e.getValue()));
        }
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                byte[] data = m.getValue();
                ZipEntry entry = new ZipEntry(m.getKey());
                entry.setTimeLocal(DOS_EPOCH);
                if (compressed) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        }
    }

    @Override
    public String toString() {
        return "NpzArchive[" + source + ", members=" + arrays.keySet() + "]";
    }
}
