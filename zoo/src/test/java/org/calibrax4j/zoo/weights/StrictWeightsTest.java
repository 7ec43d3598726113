package org.calibrax4j.zoo.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calibrax4j.io.NpzArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StrictWeightsTest {
    @TempDir
    Path dir;

    private static Map<String, long[]> expected() {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("conv.weight", new long[] {4, 3, 3, 3});
        m.put("bn.weight", new long[] {4});
        m.put("bn.running_var", new long[] {4});
        m.put("bn.num_batches_tracked", new long[] {});
        m.put("fc.weight", new long[] {2, 4});
        return m;
    }

    private static Map<String, INDArray> fitting() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("conv.weight", Nd4j.linspace(1, 108, 108, DataType.FLOAT).reshape(4, 3, 3, 3));
        m.put("bn.weight", Nd4j.ones(DataType.FLOAT, 4));
        m.put("bn.running_var", Nd4j.createFromArray(1f, 2f, 3f, 4f));
        m.put("bn.num_batches_tracked", Nd4j.scalar(DataType.LONG, 7L));
        m.put("fc.weight", Nd4j.createFromArray(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}));
        return m;
    }

    @Test
    void oneMissingOneExtraOneWrongShapeAreAllNamedInOneError() {
        Map<String, INDArray> file = fitting();
        file.remove("bn.weight");
        file.put("bn.extra_thing", Nd4j.zeros(DataType.FLOAT, 4));
        file.put("fc.weight", Nd4j.zeros(DataType.FLOAT, 4, 2));
        WeightMismatchException e = assertThrows(WeightMismatchException.class,
                () -> StrictWeights.check("TestNet", "w.npz", file, expected()));
        assertEquals(List.of("bn.weight"), e.missing());
        assertEquals(List.of("bn.extra_thing"), e.unexpected());
        assertEquals(1, e.wrongShape().size());
        assertEquals("fc.weight", e.wrongShape().get(0).name());
        assertArrayEquals(new long[] {2, 4}, e.wrongShape().get(0).expected());
        assertArrayEquals(new long[] {4, 2}, e.wrongShape().get(0).actual());
        String msg = e.getMessage();
        assertTrue(msg.startsWith("TestNet: weights from w.npz"), msg);
        assertTrue(msg.contains("missing: bn.weight"), msg);
        assertTrue(msg.contains("unexpected: bn.extra_thing"), msg);
        assertTrue(msg.contains("fc.weight expected [2, 4] but file has [4, 2]"), msg);
    }

    @Test
    void numBatchesTrackedIsOptionalAndIgnored() {
        Map<String, INDArray> with = StrictWeights.check("TestNet", "a", fitting(), expected());
        assertEquals(List.of("conv.weight", "bn.weight", "bn.running_var", "fc.weight"), List.copyOf(with.keySet()));
        Map<String, INDArray> without = fitting();
        without.remove("bn.num_batches_tracked");
        without.put("other.num_batches_tracked", Nd4j.scalar(DataType.LONG, 0L));
        assertEquals(with.keySet(), StrictWeights.check("TestNet", "b", without, expected()).keySet());
    }

    @Test
    void npzRoundTripThroughStrictLoad() throws IOException {
        Path f = dir.resolve("w.npz");
        NpzArchive.writeCompressed(f, fitting());
        Map<String, INDArray> got = StrictWeights.load("TestNet", f, Sha256.of(f), expected());
        assertEquals(fitting().get("conv.weight"), got.get("conv.weight"));
        assertEquals(fitting().get("fc.weight"), got.get("fc.weight"));
        assertEquals(StrictWeights.Format.NPZ, StrictWeights.detect(f));
    }

    @Test
    void safetensorsRoundTripKeepsValuesShapesAndTypes() throws IOException {
        Path f = dir.resolve("w.safetensors");
        Map<String, INDArray> in = fitting();
        in.put("d", Nd4j.createFromArray(new double[][] {{Math.PI, -1e300}}));
        in.put("i", Nd4j.createFromArray(new int[] {-5, 6}));
        in.put("u", Nd4j.createFromArray(new int[] {0, 200, 255}).castTo(DataType.UBYTE));
        SafeTensors.write(f, in);
        Map<String, INDArray> got = StrictWeights.read(f);
        assertEquals(in.keySet(), got.keySet());
        for (String k : in.keySet()) {
            assertEquals(in.get(k).dataType(), got.get(k).dataType(), k);
            assertArrayEquals(in.get(k).shape(), got.get(k).shape(), k);
            assertEquals(in.get(k), got.get(k), k);
        }
        assertEquals(0, got.get("bn.num_batches_tracked").rank());
        assertEquals(7L, got.get("bn.num_batches_tracked").getLong(0));
    }

    /** A file laid out by hand as the safetensors spec describes, independent of our writer. */
    @Test
    void readsHandWrittenSafetensorsWithMetadataAndHalfPrecision() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[24,28]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"c\":{\"dtype\":\"BF16\",\"shape\":[],\"data_offsets\":[28,30]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            data.putFloat(i * 0.5f);
        }
        data.putShort((short) 0x3c00); // 1.0 in binary16
        data.putShort((short) 0xc000); // -2.0
        data.putShort((short) 0x4049); // bf16 of 3.140625
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.write(h);
        out.write(data.array());
        Path f = dir.resolve("hand.safetensors");
        Files.write(f, out.toByteArray());
        Map<String, INDArray> got = StrictWeights.read(f);
        assertEquals(List.of("a", "b", "c"), List.copyOf(got.keySet()));
        assertEquals(Nd4j.createFromArray(new float[][] {{0f, 0.5f, 1f}, {1.5f, 2f, 2.5f}}), got.get("a"));
        assertEquals(Nd4j.createFromArray(1f, -2f), got.get("b"));
        assertEquals(3.140625f, got.get("c").getFloat(0));
    }

    @Test
    void halfPrecisionConversionRoundsToNearestEven() {
        for (float f : new float[] {0f, 1f, -2f, 65504f, 0x1p-24f, 0x1p-14f, 1.0009765625f, 1234f}) {
            assertEquals(f, SafeTensors.halfToFloat(SafeTensors.floatToHalf(f)), "value " + f);
        }
        // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa, 1.0
        assertEquals(1f, SafeTensors.halfToFloat(SafeTensors.floatToHalf(1f + 0x1p-11f)));
        // 1234.5 lies halfway between 1234 and 1235 (spacing 1 above 1024): ties go to even, 1234
        assertEquals(1234f, SafeTensors.halfToFloat(SafeTensors.floatToHalf(1234.5f)));
        assertEquals(Float.POSITIVE_INFINITY, SafeTensors.halfToFloat(SafeTensors.floatToHalf(1e6f)));
    }

    @Test
    void wrongSha256IsRefusedBeforeParsing() throws IOException {
        Path f = dir.resolve("w.npz");
        Files.write(f, "not an archive at all".getBytes(StandardCharsets.US_ASCII));
        String wrong = "0".repeat(64);
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> StrictWeights.load("TestNet", f, wrong, expected()));
        assertEquals(wrong, e.expected());
        assertEquals(Sha256.of(f), e.actual());
        assertThrows(IllegalArgumentException.class, () -> StrictWeights.read(f, "abc"));
    }

    @Test
    void corruptSafetensorsAreRejectedWithTheTensorNamed() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,12]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.write(h);
        out.write(new byte[12]);
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, out.toByteArray());
        IOException e = assertThrows(IOException.class, () -> StrictWeights.read(f));
        assertTrue(e.getMessage().contains("tensor 'w'") && e.getMessage().contains("needs 16"), e.getMessage());
        Files.write(f, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> StrictWeights.read(f));
        Path pth = dir.resolve("model.pth");
        Files.write(pth, new byte[] {(byte) 0x80, 2, 3, 4, 5});
        IOException p = assertThrows(IOException.class, () -> StrictWeights.read(pth));
        assertTrue(p.getMessage().contains("np.savez"), p.getMessage());
    }
}
