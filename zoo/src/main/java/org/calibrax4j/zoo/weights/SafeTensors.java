package org.calibrax4j.zoo.weights;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Reads and writes Hugging Face's {@code .safetensors} format
 * (<a href="https://github.com/huggingface/safetensors">safetensors</a>): an unsigned 64-bit
 * little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets relative to the byte buffer
 * that follows the header; an optional {@code "__metadata__"} string map), then the raw
 * little-endian, C-order tensor bytes.
 *
 * <p>Reading accepts the dtypes {@code F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL}; half-precision
 * tensors are widened to FLOAT. Every tensor's byte range must lie inside the buffer and match its
 * shape × item size exactly; overlapping ranges are rejected. The returned map is ordered by
 * position in the file. Writing produces what the reference {@code safetensors.numpy.save_file}
 * writes for the same tensors (header padded with spaces to a multiple of 8).
 */
public final class SafeTensors {
    /** Largest header accepted: the reference implementation's limit (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {
    }

    /**
     * Reads every tensor of {@code file}.
     *
     * @return tensors in file order (by data offset)
     * @throws IOException when the file cannot be read or is not a valid safetensors file; the
     *     message names the file and, where it concerns one, the tensor
     */
    public static Map<String, INDArray> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String src = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new IOException(src + ": not a safetensors file (" + size + " bytes, shorter than the 8-byte header length)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, src);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
                throw new IOException(src + ": not a safetensors file (header length " + Long.toUnsignedString(headerLen)
                        + " for a file of " + size + " bytes)");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
            readFully(ch, headerBuf, 8, src);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBuf.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IOException(src + ": safetensors header is not valid JSON (" + e.getMessage() + ")", e);
            }
            if (header == null || !header.isObject()) {
                throw new IOException(src + ": safetensors header is not a JSON object");
            }
            long dataStart = 8 + headerLen;
            long dataLen = size - dataStart;
            List<Entry> entries = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = header.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!"__metadata__".equals(f.getKey())) {
                    entries.add(parseEntry(src, f.getKey(), f.getValue(), dataLen));
                }
            }
            entries.sort(Comparator.comparingLong((Entry e) -> e.begin).thenComparing(e -> e.name));
            for (int i = 1; i < entries.size(); i++) {
                Entry a = entries.get(i - 1);
                Entry b = entries.get(i);
                if (b.begin < a.end) {
                    throw new IOException(src + ": tensors '" + a.name + "' and '" + b.name + "' overlap in the data buffer");
                }
            }
            Map<String, INDArray> out = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer data = ByteBuffer.allocate((int) (e.end - e.begin)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, data, dataStart + e.begin, src);
                data.flip();
                out.put(e.name, decode(e, data));
            }
            return out;
        }
    }

    /**
     * Writes {@code tensors} (any order; the file stores them sorted by name) as a safetensors file,
     * replacing {@code file}.
     *
     * @throws IllegalArgumentException when a name is empty or {@code __metadata__}, or a tensor's
     *     data type has no safetensors code
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Map<String, ? extends INDArray> tensors) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> names = new ArrayList<>(tensors.keySet());
        names.sort(Comparator.naturalOrder());
        ObjectNode header = JSON.createObjectNode();
        List<byte[]> blobs = new ArrayList<>();
        long offset = 0;
        for (String name : names) {
            if (name.isEmpty() || "__metadata__".equals(name)) {
                throw new IllegalArgumentException("SafeTensors.write: invalid tensor name '" + name + "'");
            }
            INDArray a = tensors.get(name);
            String code = codeOf(name, a.dataType());
            byte[] bytes = encode(a);
            ObjectNode e = header.putObject(name);
            e.put("dtype", code);
            var shape = e.putArray("shape");
            for (long d : a.shape()) {
                shape.add(d);
            }
            e.putArray("data_offsets").add(offset).add(offset + bytes.length);
            offset += bytes.length;
            blobs.add(bytes);
        }
        byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(headerBytes);
            for (byte[] b : blobs) {
                out.write(b);
            }
        }
    }

    private record Entry(String name, String dtype, long[] shape, long begin, long end) {
    }

    private static Entry parseEntry(String src, String name, JsonNode node, long dataLen) throws IOException {
        String where = src + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new IOException(where + ": header entry is not an object");
        }
        JsonNode dtype = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shapeNode == null || !shapeNode.isArray()
                || offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new IOException(where + ": header entry needs dtype, shape and data_offsets [begin, end], got " + node);
        }
        long[] shape = new long[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || d.asLong() < 0) {
                throw new IOException(where + ": invalid shape " + shapeNode);
            }
            shape[i] = d.asLong();
            numel = Math.multiplyExact(numel, shape[i]);
        }
        int item = itemSize(where, dtype.asText());
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataLen) {
            throw new IOException(where + ": data_offsets " + offsets + " outside the data buffer of " + dataLen + " bytes");
        }
        if (end - begin != numel * item) {
            throw new IOException(where + ": data_offsets " + offsets + " hold " + (end - begin) + " bytes but shape "
                    + Arrays.toString(shape) + " of " + dtype.asText() + " needs " + numel * item);
        }
        if (numel > Integer.MAX_VALUE - 8) {
            throw new IOException(where + ": " + numel + " elements is more than one array can hold");
        }
        return new Entry(name, dtype.asText(), shape, begin, end);
    }

    private static int itemSize(String where, String dtype) throws IOException {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> throw new IOException(where + ": unsupported dtype " + dtype
                    + " (supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        };
    }

    private static INDArray decode(Entry e, ByteBuffer b) {
        int n = (int) (e.end - e.begin) / Math.max(1, sizeOf(e.dtype));
        long[] shape = e.shape;
        switch (e.dtype) {
            case "F64": {
                double[] v = new double[n];
                b.asDoubleBuffer().get(v);
                return Nd4j.create(v, shape, DataType.DOUBLE);
            }
            case "F32": {
                float[] v = new float[n];
                b.asFloatBuffer().get(v);
                return Nd4j.create(v, shape, DataType.FLOAT);
            }
            case "F16": {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = halfToFloat(b.getShort());
                }
                return Nd4j.create(v, shape, DataType.FLOAT);
            }
            case "BF16": {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                }
                return Nd4j.create(v, shape, DataType.FLOAT);
            }
            case "I64": {
                long[] v = new long[n];
                b.asLongBuffer().get(v);
                return Nd4j.createFromArray(v).reshape(shape);
            }
            case "I32": {
                int[] v = new int[n];
                b.asIntBuffer().get(v);
                return Nd4j.createFromArray(v).reshape(shape);
            }
            case "I16": {
                short[] v = new short[n];
                b.asShortBuffer().get(v);
                return Nd4j.createFromArray(v).reshape(shape);
            }
            case "I8": {
                byte[] v = new byte[n];
                b.get(v);
                return Nd4j.createFromArray(v).reshape(shape);
            }
            case "U8": {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.get() & 0xff;
                }
                return Nd4j.createFromArray(v).castTo(DataType.UINT8).reshape(shape);
            }
            case "BOOL": {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.get() != 0;
                }
                return Nd4j.createFromArray(v).reshape(shape);
            }
            default:
                throw new IllegalStateException(e.dtype);
        }
    }

    private static int sizeOf(String dtype) {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            default -> 1;
        };
    }

    private static String codeOf(String name, DataType t) {
        return switch (t) {
            case DOUBLE -> "F64";
            case FLOAT -> "F32";
            case HALF -> "F16";
            case BFLOAT16 -> "BF16";
            case LONG -> "I64";
            case INT -> "I32";
            case SHORT -> "I16";
            case BYTE -> "I8";
            case UBYTE -> "U8";
            case BOOL -> "BOOL";
            default -> throw new IllegalArgumentException("SafeTensors.write: tensor '" + name + "' has data type " + t
                    + ", which safetensors cannot store");
        };
    }

    private static byte[] encode(INDArray a) {
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        long n = c.length();
        int item = sizeOf(codeOf("", c.dataType()));
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(n * item)).order(ByteOrder.LITTLE_ENDIAN);
        switch (c.dataType()) {
            case DOUBLE -> b.asDoubleBuffer().put(c.data().asDouble());
            case FLOAT -> b.asFloatBuffer().put(c.data().asFloat());
            case HALF -> {
                for (float f : c.castTo(DataType.FLOAT).data().asFloat()) {
                    b.putShort(floatToHalf(f));
                }
            }
            case BFLOAT16 -> {
                for (float f : c.castTo(DataType.FLOAT).data().asFloat()) {
                    b.putShort((short) (Float.floatToIntBits(f) >>> 16));
                }
            }
            case LONG -> b.asLongBuffer().put(c.data().asLong());
            case INT -> b.asIntBuffer().put(c.data().asInt());
            case SHORT -> {
                for (int v : c.data().asInt()) {
                    b.putShort((short) v);
                }
            }
            case BYTE, UBYTE, BOOL -> {
                for (int v : c.data().asInt()) {
                    b.put((byte) v);
                }
            }
            default -> throw new IllegalStateException(c.dataType().toString());
        }
        return b.array();
    }

    /** IEEE 754 binary16 → float (exact). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** float → IEEE 754 binary16, rounding to nearest even. */
    static short floatToHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        float abs = Math.abs(f);
        if (Float.isNaN(f)) {
            return (short) (sign | 0x7e00);
        }
        if (abs >= 65520f) {
            return (short) (sign | 0x7c00);
        }
        if (abs < 0x1p-14f) {
            // subnormal half: value = m * 2^-24, Math.rint rounds half to even
            return (short) (sign | (int) Math.rint(abs * 0x1p24f));
        }
        int e = (Float.floatToIntBits(abs) >>> 23) - 127;
        int mant = Float.floatToIntBits(abs) & 0x7fffff;
        int h = ((e + 15) << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (h & 1) == 1)) {
            h++;
        }
        return (short) (sign | h);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, String src) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException(src + ": unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }
}
