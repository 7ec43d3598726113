package org.calibrax4j.io;

import static org.calibrax4j.io.NpyFormatTest.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link NpzArchive} against np.savez / np.savez_compressed files (numpy 2.4.6, io/make_fixtures.py). */
class NpzArchiveTest {
    private static final double[] MU = {0.5, -1.25, 2.0};
    private static final double[] SIGMA = {2.0, 0.5, 0.0, 0.5, 1.0, -0.25, 0.0, -0.25, 3.0};

    @TempDir
    Path tmp;

    private static List<Integer> methods(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<Integer> m = new ArrayList<>();
            z.stream().forEach(e -> m.add(e.getMethod()));
            return m;
        }
    }

    private static void assertStats(NpzArchive npz) {
        assertEquals(List.of("mu", "sigma", "count"), new ArrayList<>(npz.names()));
        INDArray mu = npz.get("mu");
        assertEquals(DataType.DOUBLE, mu.dataType());
        assertArrayEquals(new long[] {3}, mu.shape());
        assertArrayEquals(MU, mu.data().asDouble());
        INDArray sigma = npz.get("sigma");
        assertArrayEquals(new long[] {3, 3}, sigma.shape());
        assertArrayEquals(SIGMA, sigma.data().asDouble());
        INDArray count = npz.get("count");
        assertEquals(0, count.rank());
        assertEquals(DataType.INT64, count.dataType());
        assertEquals(42L, count.getLong(0));
    }

    @Test
    void readsStoredSavez() throws IOException {
        Path f = fixture("savez_stats.npz");
        assertEquals(List.of(ZipEntry.STORED, ZipEntry.STORED, ZipEntry.STORED), methods(f));
        assertStats(NpzArchive.read(f));
    }

    @Test
    void readsDeflatedSavezCompressed() throws IOException {
        Path f = fixture("savez_compressed_stats.npz");
        assertEquals(List.of(ZipEntry.DEFLATED, ZipEntry.DEFLATED, ZipEntry.DEFLATED), methods(f));
        NpzArchive npz = NpzArchive.read(f);
        assertStats(npz);
        assertEquals(f.toString(), npz.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"savez_stats.npz", "savez_compressed_stats.npz"})
    void readsFromAStream(String file) throws IOException {
        try (InputStream in = Files.newInputStream(fixture(file))) {
            NpzArchive npz = NpzArchive.read(in, file);
            assertStats(npz);
            assertEquals(file, npz.source());
        }
    }

    @Test
    void readsPositionalNames() throws IOException {
        NpzArchive npz = NpzArchive.read(fixture("savez_positional.npz"));
        assertEquals(List.of("arr_0", "arr_1"), new ArrayList<>(npz.names()));
        assertArrayEquals(new long[] {1, 2, 3}, npz.get("arr_0").data().asLong());
        assertEquals(DataType.BOOL, npz.get("arr_1").dataType());
        assertArrayEquals(new long[] {1, 1}, npz.get("arr_1").shape());
    }

    @Test
    void readsDeflatedMemberLargerThanOneChunk() throws IOException {
        INDArray big = NpzArchive.read(fixture("savez_compressed_large.npz")).get("big");
        assertArrayEquals(new long[] {600, 500}, big.shape());
        float[] v = big.data().asFloat();
        assertEquals(300_000, v.length);
        for (int i = 0; i < v.length; i++) {
            if (v[i] != i % 1000) {
                throw new AssertionError("element " + i + " is " + v[i] + ", expected " + i % 1000);
            }
        }
    }

    @Test
    void missingMemberNamesArchiveMemberAndWhatItHas() throws IOException {
        Path f = fixture("savez_compressed_stats.npz");
        NpzArchive npz = NpzArchive.read(f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> npz.get("features"));
        assertEquals(f + ": missing member 'features' (members: [mu, sigma, count])", e.getMessage());
        assertTrue(npz.contains("mu"));
        assertFalse(npz.contains("mu.npy"));
    }

    @Test
    void rejectsAnNpyFileAsArchive() {
        Path f = fixture("f4_2x3.npy");
        IOException e = assertThrows(IOException.class, () -> NpzArchive.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not an .npz (zip) archive"), e.getMessage());
    }

    @Test
    void rejectsTruncatedArchive() throws IOException {
        byte[] full = Files.readAllBytes(fixture("savez_compressed_stats.npz"));
        Path f = tmp.resolve("cut.npz");
        Files.write(f, Arrays.copyOf(full, full.length / 2));
        IOException e = assertThrows(IOException.class, () -> NpzArchive.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
    }

    @Test
    void rejectsMemberThatIsNotNpyNamingTheMember() throws IOException {
        Path f = tmp.resolve("odd.npz");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry("notes.txt"));
            z.write("just text".getBytes());
            z.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> NpzArchive.read(f));
        assertTrue(e.getMessage().startsWith(f + ":notes.txt: not an .npy file (bad magic"), e.getMessage());
    }

    @Test
    void rejectsTruncatedMember() throws IOException {
        byte[] npy = NpyFormat.toBytes(Nd4j.createFromArray(1.0, 2.0, 3.0));
        Path f = tmp.resolve("short.npz");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry("x.npy"));
            z.write(npy, 0, npy.length - 8);
            z.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> NpzArchive.read(f));
        assertEquals(f + ":x.npy: truncated data: expected 24 bytes for shape [3], got 16", e.getMessage());
    }

    private static Map<String, INDArray> stats() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("mu", Nd4j.create(MU, new long[] {3}, 'c'));
        m.put("sigma", Nd4j.create(SIGMA, new long[] {3, 3}, 'c'));
        m.put("count", Nd4j.scalar(42L));
        return m;
    }

    @Test
    void writesStoredArchiveThatReadsBack() throws IOException {
        Path f = tmp.resolve("stats.npz");
        NpzArchive.write(f, stats());
        assertEquals(List.of(ZipEntry.STORED, ZipEntry.STORED, ZipEntry.STORED), methods(f));
        try (ZipFile z = new ZipFile(f.toFile())) {
            assertEquals(List.of("mu.npy", "sigma.npy", "count.npy"), z.stream().map(ZipEntry::getName).toList());
            assertArrayEquals(NpyFormat.toBytes(stats().get("sigma")), z.getInputStream(z.getEntry("sigma.npy")).readAllBytes());
        }
        assertStats(NpzArchive.read(f));
    }

    @Test
    void writesDeflatedArchiveThatReadsBack() throws IOException {
        Path f = tmp.resolve("stats_compressed.npz");
        NpzArchive.writeCompressed(f, stats());
        assertEquals(List.of(ZipEntry.DEFLATED, ZipEntry.DEFLATED, ZipEntry.DEFLATED), methods(f));
        assertStats(NpzArchive.read(f));
        try (InputStream in = Files.newInputStream(f)) {
            assertStats(NpzArchive.read(in, "stream"));
        }
    }

    @Test
    void sameArraysGiveTheSameBytes() throws IOException {
        Path a = tmp.resolve("a.npz");
        Path b = tmp.resolve("b.npz");
        NpzArchive.write(a, stats());
        NpzArchive.write(b, stats());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void membersOfNumpyArchiveEqualOurSerialisation() throws IOException {
        // The members np.savez wrote are byte-identical to what NpyFormat writes for the same arrays.
        try (ZipFile z = new ZipFile(fixture("savez_stats.npz").toFile())) {
            for (Map.Entry<String, INDArray> e : stats().entrySet()) {
                byte[] numpy = z.getInputStream(z.getEntry(e.getKey() + ".npy")).readAllBytes();
                assertArrayEquals(numpy, NpyFormat.toBytes(e.getValue()), e.getKey());
            }
        }
    }

    @Test
    void rejectsEmptyMemberName() {
        Map<String, INDArray> m = Map.of("", Nd4j.scalar(1.0));
        assertThrows(IllegalArgumentException.class, () -> NpzArchive.write(tmp.resolve("x.npz"), m));
    }

    @Test
    void emptyStreamIsNotAnArchive() {
        IOException e = assertThrows(IOException.class,
                () -> NpzArchive.read(new ByteArrayInputStream(new byte[0]), "nothing.npz"));
        assertTrue(e.getMessage().startsWith("nothing.npz: not an .npz archive"), e.getMessage());
    }
}
