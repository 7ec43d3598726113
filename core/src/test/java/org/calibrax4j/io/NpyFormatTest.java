package org.calibrax4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link NpyFormat} against files written by numpy 2.4.6 (see resources io/make_fixtures.py). */
class NpyFormatTest {

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(NpyFormatTest.class.getResource("/io/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource io/" + name, e);
        }
    }

    private static INDArray read(String name) throws IOException {
        return NpyFormat.read(fixture(name));
    }

    private static double[] doubles(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    @Test
    void readsFloat32Matrix() throws IOException {
        INDArray a = read("f4_2x3.npy");
        assertEquals(DataType.FLOAT, a.dataType());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {-1.5f, 0f, 0.1f, 3.25f, 1e-30f, 3e38f}, a.data().asFloat());
        assertEquals(0.1f, a.getFloat(0, 2));
        assertEquals(3.25f, a.getFloat(1, 0));
    }

    @Test
    void readsFloat64MatrixBitExactly() throws IOException {
        INDArray a = read("f8_3x2.npy");
        assertEquals(DataType.DOUBLE, a.dataType());
        assertArrayEquals(new long[] {3, 2}, a.shape());
        assertArrayEquals(new double[] {Math.PI, -0.0, 1e-300, -2.5, 1e300, 7.0}, a.data().asDouble());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(a.getDouble(0, 1)));
    }

    @Test
    void readsInt32Extremes() throws IOException {
        INDArray a = read("i4_2x2.npy");
        assertEquals(DataType.INT32, a.dataType());
        assertArrayEquals(new long[] {2, 2}, a.shape());
        assertArrayEquals(new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, a.data().asInt());
    }

    @Test
    void readsInt64Extremes() throws IOException {
        INDArray a = read("i8_4.npy");
        assertEquals(DataType.INT64, a.dataType());
        assertArrayEquals(new long[] {4}, a.shape());
        assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 1L << 40, Long.MAX_VALUE}, a.data().asLong());
    }

    @Test
    void readsUint8AsUnsigned() throws IOException {
        INDArray a = read("u1_5.npy");
        assertEquals(DataType.UINT8, a.dataType());
        assertArrayEquals(new long[] {5}, a.shape());
        assertArrayEquals(new byte[] {0, 1, 127, (byte) 128, (byte) 255}, a.data().asBytes());
        assertEquals(128.0, a.getDouble(3));
        assertEquals(255.0, a.getDouble(4));
    }

    @Test
    void readsInt8() throws IOException {
        INDArray a = read("i1_4.npy");
        assertEquals(DataType.INT8, a.dataType());
        assertArrayEquals(new byte[] {-128, -1, 0, 127}, a.data().asBytes());
        assertEquals(-128.0, a.getDouble(0));
    }

    @Test
    void readsBool() throws IOException {
        INDArray a = read("b1_2x2.npy");
        assertEquals(DataType.BOOL, a.dataType());
        assertArrayEquals(new long[] {2, 2}, a.shape());
        assertArrayEquals(new byte[] {1, 0, 0, 1}, a.data().asBytes());
    }

    @Test
    void readsBigEndian() throws IOException {
        INDArray d = read("be_f8_3.npy");
        assertEquals(DataType.DOUBLE, d.dataType());
        assertArrayEquals(new double[] {1.5, -2.0, 1e-10}, d.data().asDouble());
        INDArray i = read("be_i4_3.npy");
        assertEquals(DataType.INT32, i.dataType());
        assertArrayEquals(new int[] {1, -2, 65536}, i.data().asInt());
    }

    @Test
    void readsOneDimensionalVector() throws IOException {
        INDArray a = read("vector_f4_5.npy");
        assertEquals(1, a.rank());
        assertArrayEquals(new long[] {5}, a.shape());
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5.5f}, a.data().asFloat());
    }

    @Test
    void readsZeroDimensionalArraysAsRankZeroScalars() throws IOException {
        INDArray d = read("scalar_f8.npy");
        assertEquals(0, d.rank());
        assertEquals(1, d.length());
        assertEquals(DataType.DOUBLE, d.dataType());
        assertEquals(3.5, d.getDouble(0));
        INDArray l = read("scalar_i8.npy");
        assertEquals(0, l.rank());
        assertEquals(DataType.INT64, l.dataType());
        assertEquals(42L, l.getLong(0));
    }

    @Test
    void readsEmptyMatrix() throws IOException {
        INDArray a = read("empty_f4_0x3.npy");
        assertTrue(a.isEmpty());
        assertArrayEquals(new long[] {0, 3}, a.shape());
        assertEquals(DataType.FLOAT, a.dataType());
    }

    @Test
    void convertsFortranOrderMatrixToCOrder() throws IOException {
        INDArray a = read("fortran_f8_2x3.npy");
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals('c', a.ordering());
        assertArrayEquals(new double[] {0, 1, 2, 10, 11, 12}, a.data().asDouble());
    }

    @Test
    void convertsFortranOrderRank3ToCOrder() throws IOException {
        INDArray a = read("fortran_i4_2x3x4.npy");
        assertArrayEquals(new long[] {2, 3, 4}, a.shape());
        assertEquals(DataType.INT32, a.dataType());
        int[] data = a.dup('c').data().asInt();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(100 * i + 10 * j + k, data[(i * 3 + j) * 4 + k], "element " + i + "," + j + "," + k);
                    assertEquals(100 * i + 10 * j + k, a.getInt(i, j, k));
                }
            }
        }
    }

    @Test
    void readsVersion2And3Headers() throws IOException {
        INDArray v2 = read("v2_f4_2x2.npy");
        assertArrayEquals(new long[] {2, 2}, v2.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, v2.data().asFloat());
        INDArray v3 = read("v3_f8_3.npy");
        assertArrayEquals(new double[] {0.25, 0.5, 0.75}, v3.data().asDouble());
    }

    @Test
    void streamReadStopsAfterTheArray() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(Files.readAllBytes(fixture("vector_f4_5.npy")));
        both.write(Files.readAllBytes(fixture("scalar_i8.npy")));
        InputStream in = new ByteArrayInputStream(both.toByteArray());
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5.5f}, NpyFormat.read(in, "first").data().asFloat());
        assertEquals(42L, NpyFormat.read(in, "second").getLong(0));
        assertEquals(-1, in.read());
    }

    @ParameterizedTest
    @CsvSource({"unsupported_U3.npy, <U3", "unsupported_c16.npy, <c16", "unsupported_f2.npy, <f2"})
    void rejectsUnsupportedDtypeNamingFileAndDtype(String file, String descr) {
        IOException e = assertThrows(IOException.class, () -> read(file));
        assertTrue(e.getMessage().contains(fixture(file).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("unsupported dtype '" + descr + "'"), e.getMessage());
    }

    @Test
    void rejectsBadMagic() throws IOException {
        Path f = tmp.resolve("text.npy");
        Files.writeString(f, "hello, this is not numpy");
        IOException e = assertThrows(IOException.class, () -> NpyFormat.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not an .npy file (bad magic"), e.getMessage());
        assertTrue(e.getMessage().contains("got 68 65 6c 6c 6f 2c"), e.getMessage());
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Path f = tmp.resolve("empty.npy");
        Files.write(f, new byte[0]);
        IOException e = assertThrows(IOException.class, () -> NpyFormat.read(f));
        assertTrue(e.getMessage().contains(f + ": not an .npy file"), e.getMessage());
        assertTrue(e.getMessage().contains("an empty file"), e.getMessage());
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] full = Files.readAllBytes(fixture("f8_3x2.npy"));
        Path f = tmp.resolve("cut.npy");
        Files.write(f, Arrays.copyOf(full, full.length - 5));
        EOFException e = assertThrows(EOFException.class, () -> NpyFormat.read(f));
        assertEquals(f + ": truncated data: expected 48 bytes for shape [3, 2], got 43", e.getMessage());
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        byte[] full = Files.readAllBytes(fixture("f8_3x2.npy"));
        Path f = tmp.resolve("cut_header.npy");
        Files.write(f, Arrays.copyOf(full, 30));
        EOFException e = assertThrows(EOFException.class, () -> NpyFormat.read(f));
        assertTrue(e.getMessage().startsWith(f + ": truncated header: expected 118 bytes, got 20"), e.getMessage());
    }

    @Test
    void rejectsUnknownVersion() throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("f4_2x3.npy"));
        bytes[6] = 4;
        Path f = tmp.resolve("v4.npy");
        Files.write(f, bytes);
        IOException e = assertThrows(IOException.class, () -> NpyFormat.read(f));
        assertTrue(e.getMessage().contains(f + ": unsupported .npy format version 4.0"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'descr': '<f4', 'shape': (2,), }",
        "{'descr': '<f4', 'fortran_order': 'no', 'shape': (2,), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,) ",
        "[1, 2]"})
    void rejectsMalformedHeader(String header) {
        byte[] text = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, 0});
        b.writeBytes(text);
        b.writeBytes(new byte[8]);
        IOException e = assertThrows(IOException.class,
                () -> NpyFormat.read(new ByteArrayInputStream(b.toByteArray()), "hand.npy"));
        assertTrue(e.getMessage().startsWith("hand.npy: malformed .npy header"), e.getMessage());
    }

    @Test
    void acceptsPython2StyleHeader() throws IOException {
        byte[] text = "{'descr': '<i8', 'fortran_order': False, 'shape': (2L,)}\n".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, 0});
        b.writeBytes(text);
        b.writeBytes(new byte[] {7, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1});
        INDArray a = NpyFormat.read(new ByteArrayInputStream(b.toByteArray()), "py2.npy");
        assertArrayEquals(new long[] {7, -1}, a.data().asLong());
    }

    // ---------------------------------------------------------------- writer

    @ParameterizedTest
    @ValueSource(strings = {"f4_2x3.npy", "f8_3x2.npy", "i4_2x2.npy", "i8_4.npy", "u1_5.npy", "i1_4.npy",
        "b1_2x2.npy", "vector_f4_5.npy", "scalar_f8.npy", "scalar_i8.npy", "empty_f4_0x3.npy"})
    void writesTheSameBytesAsNumpy(String file) throws IOException {
        byte[] numpy = Files.readAllBytes(fixture(file));
        INDArray a = read(file);
        assertArrayEquals(numpy, NpyFormat.toBytes(a));
        Path out = tmp.resolve(file);
        NpyFormat.write(a, out);
        assertArrayEquals(numpy, Files.readAllBytes(out));
    }

    @Test
    void writesFortranFixtureAsCOrder() throws IOException {
        INDArray a = read("fortran_i4_2x3x4.npy");
        byte[] bytes = NpyFormat.toBytes(a);
        String header = new String(bytes, 10, bytes[8] & 0xff, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3, 4), }"), header);
        INDArray back = NpyFormat.read(new ByteArrayInputStream(bytes), "mem");
        assertEquals(a, back);
        assertEquals(123, back.getInt(1, 2, 3));
    }

    @Test
    void roundTripsLargeFloat64MatrixThroughAFile() throws IOException {
        Random r = new Random(7);
        double[] values = new double[700 * 300]; // 1.68 MB: more than one conversion chunk
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextGaussian() * Math.exp(r.nextInt(40) - 20);
        }
        INDArray a = Nd4j.create(values, new long[] {700, 300}, 'c');
        Path f = tmp.resolve("big.npy");
        NpyFormat.write(a, f);
        assertEquals(128 + values.length * 8L, Files.size(f));
        INDArray back = NpyFormat.read(f);
        assertArrayEquals(new long[] {700, 300}, back.shape());
        assertArrayEquals(values, back.data().asDouble());
    }

    @Test
    void writesViewsAndFortranArraysInCOrder() throws IOException {
        INDArray base = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new long[] {3, 4}, 'c');
        INDArray view = base.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(1, 4));
        INDArray back = NpyFormat.read(new ByteArrayInputStream(NpyFormat.toBytes(view)), "view");
        assertArrayEquals(new long[] {2, 3}, back.shape());
        assertArrayEquals(new float[] {6, 7, 8, 10, 11, 12}, back.data().asFloat());

        INDArray fortran = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f');
        INDArray fb = NpyFormat.read(new ByteArrayInputStream(NpyFormat.toBytes(fortran)), "fortran");
        assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, fb.data().asDouble());

        INDArray transposed = base.transpose();
        INDArray tb = NpyFormat.read(new ByteArrayInputStream(NpyFormat.toBytes(transposed)), "transposed");
        assertArrayEquals(new long[] {4, 3}, tb.shape());
        assertArrayEquals(new float[] {1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12}, tb.data().asFloat());
    }

    @Test
    void roundTripsEveryWritableType() throws IOException {
        INDArray[] arrays = {
            Nd4j.createFromArray(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}),
            Nd4j.createFromArray(new int[] {Integer.MIN_VALUE, 5}),
            Nd4j.createFromArray(new byte[] {(byte) 255, 0, 127}).castTo(DataType.UINT8),
            Nd4j.createFromArray(new boolean[] {true, false, false}),
            Nd4j.scalar(2.75f),
        };
        for (INDArray a : arrays) {
            INDArray back = NpyFormat.read(new ByteArrayInputStream(NpyFormat.toBytes(a)), "mem");
            assertEquals(a.dataType(), back.dataType());
            assertArrayEquals(a.shape(), back.shape());
            assertArrayEquals(a.data().asBytes(), back.data().asBytes(), a.dataType().toString());
        }
        assertEquals(255.0, NpyFormat.read(new ByteArrayInputStream(NpyFormat.toBytes(arrays[2])), "u8").getDouble(0));
    }

    @Test
    void refusesToWriteUnsupportedType() {
        INDArray half = Nd4j.createFromArray(new float[] {1, 2}).castTo(DataType.HALF);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpyFormat.toBytes(half));
        assertTrue(e.getMessage().contains("HALF"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("half.npy")));
        assertThrows(IllegalArgumentException.class, () -> NpyFormat.write(half, tmp.resolve("half.npy")));
        assertFalse(Files.exists(tmp.resolve("half.npy")), "nothing written for a rejected array");
    }

    @Test
    void recognisesMagic() throws IOException {
        assertTrue(NpyFormat.hasMagic(Files.readAllBytes(fixture("f4_2x3.npy"))));
        assertFalse(NpyFormat.hasMagic("PK\u0003\u0004xx".getBytes(StandardCharsets.ISO_8859_1)));
        assertFalse(NpyFormat.hasMagic(new byte[3]));
    }
}
