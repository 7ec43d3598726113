package org.calibrax4j.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes one array in NumPy's {@code .npy} format
 * (<a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>).
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0, the dtypes {@code f4 f8 i4 i8 u1 i1 b1} in
 * little- or big-endian byte order, 0-d arrays (shape {@code ()} → a rank-0 {@link INDArray}),
 * zero-length dimensions, and {@code fortran_order: True} (returned in C order). The resulting
 * {@link DataType} is FLOAT, DOUBLE, INT32, INT64, UINT8, INT8 or BOOL respectively.
 * Structured, string, complex, half-precision and object dtypes are rejected.
 *
 * <p>Writing produces version 1.0, C order, little-endian, with the header padded exactly as
 * {@code np.save} (NumPy ≥ 1.24) pads it, so a C-order array saved by either side is byte-identical.
 *
 * <p>Arrays are limited to {@value #MAX_ELEMENTS} elements (one Java array holds the data while it
 * is converted). Every error message starts with the file (or source name) it concerns.
 */
public final class NpyFormat {
    /** Largest element count that can be read or written. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Bytes converted per step; a multiple of every item size. */
    private static final int CHUNK = 1 << 20;
    private static final String SUPPORTED = "f4, f8, i4, i8, u1, i1, b1 (either byte order)";

    private NpyFormat() {
    }

    /** Whether {@code prefix} starts with the six magic bytes {@code \x93NUMPY}. */
    public static boolean hasMagic(byte[] prefix) {
        return prefix != null && prefix.length >= MAGIC.length
                && Arrays.equals(prefix, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * Reads the array stored in {@code file}.
     *
     * @throws IOException when the file cannot be read, is not an {@code .npy} file, has an
     *     unsupported version or dtype, or holds fewer data bytes than its header declares
     */
    public static INDArray read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads one array from the current position of {@code in}; the stream is left after the
     * array's last data byte and is not closed.
     *
     * @param source names the data in error messages (a file name, {@code archive.npz:mu.npy}, ...)
     * @throws IOException as {@link #read(Path)}
     */
    public static INDArray read(InputStream in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        Header h = readHeader(in, source);
        return readData(in, h, source);
    }

    /**
     * Writes {@code array} to {@code file} (created or replaced) as {@code np.save} would.
     *
     * @throws IllegalArgumentException when the array's data type has no {@code .npy} counterpart
     *     here (supported: FLOAT, DOUBLE, INT32, INT64, UINT8, INT8, BOOL)
     * @throws IOException when the file cannot be written
     */
    public static void write(INDArray array, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String descr = descrOf(array);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), CHUNK)) {
            write(array, descr, out);
        }
    }

    /**
     * Writes {@code array} to {@code out} as {@code np.save} would; {@code out} is not closed.
     *
     * @throws IllegalArgumentException as {@link #write(INDArray, Path)}
     * @throws IOException when writing fails
     */
    public static void write(INDArray array, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        write(array, descrOf(array), out);
    }

    /** The serialised form of {@code array}: exactly the bytes {@link #write(INDArray, OutputStream)} writes. */
    public static byte[] toBytes(INDArray array) {
        String descr = descrOf(array);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(array, descr, out);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e); // ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- reading

    private record Header(DataType dtype, ByteOrder order, boolean fortran, long[] shape) {
    }

    private static Header readHeader(InputStream in, String source) throws IOException {
        byte[] prefix = in.readNBytes(8);
        if (!hasMagic(prefix)) {
            throw new IOException(source + ": not an .npy file (bad magic: expected 93 4e 55 4d 50 59 '\\x93NUMPY', got "
                    + hex(prefix) + ")");
        }
        if (prefix.length < 8) {
            throw new EOFException(source + ": truncated header: file ends after " + prefix.length + " bytes");
        }
        int major = prefix[6] & 0xff;
        int minor = prefix[7] & 0xff;
        int lengthBytes;
        if (major == 1 && minor == 0) {
            lengthBytes = 2;
        } else if ((major == 2 || major == 3) && minor == 0) {
            lengthBytes = 4;
        } else {
            throw new IOException(source + ": unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes) {
            throw new EOFException(source + ": truncated header: file ends after " + (8 + len.length) + " bytes");
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = headerLength << 8 | (len[i] & 0xff);
        }
        if (headerLength > 1 << 20) {
            throw new IOException(source + ": implausible .npy header length " + headerLength + " bytes");
        }
        byte[] raw = in.readNBytes((int) headerLength);
        if (raw.length < headerLength) {
            throw new EOFException(source + ": truncated header: expected " + headerLength + " bytes, got " + raw.length);
        }
        String text = new String(raw, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        return parseHeader(text, source);
    }

    private static Header parseHeader(String text, String source) throws IOException {
        Object parsed;
        try {
            LiteralParser p = new LiteralParser(text);
            parsed = p.value();
            p.end();
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": malformed .npy header (" + e.getMessage() + "): " + text);
        }
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw new IOException(source + ": malformed .npy header (not a dict): " + text);
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new IOException(source + ": malformed .npy header (no '" + key + "'): " + text);
            }
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String d)) {
            throw new IOException(source + ": unsupported dtype " + LiteralParser.repr(descr)
                    + " (structured dtypes are not supported; supported: " + SUPPORTED + ")");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new IOException(source + ": malformed .npy header ('fortran_order' is not True/False): " + text);
        }
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw new IOException(source + ": malformed .npy header ('shape' is not a tuple): " + text);
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long v) || v < 0) {
                throw new IOException(source + ": malformed .npy header (bad dimension " + dims.get(i) + " in 'shape'): " + text);
            }
            shape[i] = v;
        }
        return new Header(dataTypeOf(d, source), orderOf(d), fortran, shape);
    }

    private static ByteOrder orderOf(String descr) {
        return descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static DataType dataTypeOf(String descr, String source) throws IOException {
        String code = descr;
        if (!code.isEmpty() && "<>|=".indexOf(code.charAt(0)) >= 0) {
            code = code.substring(1);
        }
        DataType t = switch (code) {
            case "f4" -> DataType.FLOAT;
            case "f8" -> DataType.DOUBLE;
            case "i4" -> DataType.INT32;
            case "i8" -> DataType.INT64;
            case "u1" -> DataType.UINT8;
            case "i1" -> DataType.INT8;
            case "b1" -> DataType.BOOL;
            default -> null;
        };
        if (t == null || descr.isEmpty() || descr.charAt(0) == '=' && ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IOException(source + ": unsupported dtype '" + descr + "' (supported: " + SUPPORTED + ")");
        }
        return t;
    }

    private static INDArray readData(InputStream in, Header h, String source) throws IOException {
        long n;
        try {
            n = 1;
            for (long d : h.shape) {
                n = Math.multiplyExact(n, d);
            }
        } catch (ArithmeticException e) {
            n = Long.MAX_VALUE;
        }
        if (n > MAX_ELEMENTS) {
            throw new IOException(source + ": array of shape " + Arrays.toString(h.shape) + " is too large ("
                    + (n == Long.MAX_VALUE ? "overflow" : n + " elements") + "; at most " + MAX_ELEMENTS + ")");
        }
        int count = (int) n;
        int width = h.dtype.width();
        long nbytes = n * width;
        Object values = allocate(h.dtype, count);
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(nbytes, 1))];
        long done = 0;
        while (done < nbytes) {
            int want = (int) Math.min(chunk.length, nbytes - done);
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                throw new EOFException(source + ": truncated data: expected " + nbytes + " bytes for shape "
                        + Arrays.toString(h.shape) + ", got " + (done + got));
            }
            decode(chunk, want, h.order, values, (int) (done / width));
            done += want;
        }
        long[] stored = h.fortran ? reversed(h.shape) : h.shape;
        INDArray a = Nd4j.createUninitialized(h.dtype, stored, 'c');
        if (count > 0) {
            setData(a.data(), values);
        }
        if (h.fortran && h.shape.length > 1) {
            int[] axes = new int[h.shape.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = axes.length - 1 - i;
            }
            a = a.permute(axes).dup('c');
        }
        return a;
    }

    private static Object allocate(DataType t, int count) {
        if (t == DataType.FLOAT) {
            return new float[count];
        } else if (t == DataType.DOUBLE) {
            return new double[count];
        } else if (t == DataType.INT32) {
            return new int[count];
        } else if (t == DataType.INT64) {
            return new long[count];
        } else if (t == DataType.BOOL) {
            return new boolean[count];
        }
        return new byte[count]; // UINT8, INT8
    }

    private static void decode(byte[] chunk, int length, ByteOrder order, Object values, int offset) {
        ByteBuffer bb = ByteBuffer.wrap(chunk, 0, length).order(order);
        if (values instanceof float[] f) {
            bb.asFloatBuffer().get(f, offset, length / Float.BYTES);
        } else if (values instanceof double[] d) {
            bb.asDoubleBuffer().get(d, offset, length / Double.BYTES);
        } else if (values instanceof int[] i) {
            bb.asIntBuffer().get(i, offset, length / Integer.BYTES);
        } else if (values instanceof long[] l) {
            bb.asLongBuffer().get(l, offset, length / Long.BYTES);
        } else if (values instanceof boolean[] z) {
            for (int k = 0; k < length; k++) {
                z[offset + k] = chunk[k] != 0;
            }
        } else {
            System.arraycopy(chunk, 0, (byte[]) values, offset, length);
        }
    }

    private static void setData(DataBuffer buffer, Object values) {
        if (values instanceof float[] f) {
            buffer.setData(f);
        } else if (values instanceof double[] d) {
            buffer.setData(d);
        } else if (values instanceof int[] i) {
            buffer.setData(i);
        } else if (values instanceof long[] l) {
            buffer.setData(l);
        } else if (values instanceof boolean[] z) {
            buffer.setData(z);
        } else {
            buffer.setData((byte[]) values);
        }
    }

    private static long[] reversed(long[] shape) {
        long[] r = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            r[i] = shape[shape.length - 1 - i];
        }
        return r;
    }

    private static String hex(byte[] b) {
        if (b.length == 0) {
            return "an empty file";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, MAGIC.length); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- writing

    private static String descrOf(INDArray array) {
        Objects.requireNonNull(array, "array");
        DataType t = array.dataType();
        if (t == DataType.FLOAT) {
            return "<f4";
        } else if (t == DataType.DOUBLE) {
            return "<f8";
        } else if (t == DataType.INT32) {
            return "<i4";
        } else if (t == DataType.INT64) {
            return "<i8";
        } else if (t == DataType.UINT8) {
            return "|u1";
        } else if (t == DataType.INT8) {
            return "|i1";
        } else if (t == DataType.BOOL) {
            return "|b1";
        }
        throw new IllegalArgumentException("NpyFormat: cannot write data type " + t
                + " (supported: FLOAT, DOUBLE, INT32, INT64, UINT8, INT8, BOOL)");
    }

    private static void write(INDArray array, String descr, OutputStream out) throws IOException {
        long[] shape = array.shape();
        if (array.length() > MAX_ELEMENTS) {
            throw new IllegalArgumentException("NpyFormat: array of shape " + Arrays.toString(shape)
                    + " is too large (at most " + MAX_ELEMENTS + " elements)");
        }
        out.write(header(descr, shape));
        int n = (int) array.length();
        if (n == 0) {
            return;
        }
        Object values = valuesOf(array.isView() || array.ordering() != 'c' ? array.dup('c') : array);
        if (java.lang.reflect.Array.getLength(values) != n) {
            values = valuesOf(array.dup('c'));
        }
        if (values instanceof byte[] b) {
            out.write(b);
            return;
        }
        int width = array.dataType().width();
        ByteBuffer bb = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK / width;
        for (int off = 0; off < n; off += perChunk) {
            int k = Math.min(perChunk, n - off);
            bb.clear();
            if (values instanceof float[] f) {
                bb.asFloatBuffer().put(f, off, k);
            } else if (values instanceof double[] d) {
                bb.asDoubleBuffer().put(d, off, k);
            } else if (values instanceof int[] i) {
                bb.asIntBuffer().put(i, off, k);
            } else {
                bb.asLongBuffer().put((long[]) values, off, k);
            }
            out.write(bb.array(), 0, k * width);
        }
    }

    private static Object valuesOf(INDArray c) {
        DataType t = c.dataType();
        DataBuffer data = c.data();
        if (t == DataType.FLOAT) {
            return data.asFloat();
        } else if (t == DataType.DOUBLE) {
            return data.asDouble();
        } else if (t == DataType.INT32) {
            return data.asInt();
        } else if (t == DataType.INT64) {
            return data.asLong();
        }
        return data.asBytes(); // UINT8, INT8, BOOL: one byte per element, 0/1 for BOOL
    }

    /** Version 1.0 header (2.0 if it does not fit), keys sorted and padded as np.save does. */
    private static byte[] header(String descr, long[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        dict.append(shape.length == 1 ? ",), }" : "), }");
        if (shape.length > 0) {
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        int hlen = text.length + 1;
        int lengthBytes = 2;
        int pad = padding(MAGIC.length + 2 + lengthBytes, hlen);
        if (hlen + pad > 0xffff) {
            lengthBytes = 4;
            pad = padding(MAGIC.length + 2 + lengthBytes, hlen);
        }
        int prefix = MAGIC.length + 2 + lengthBytes;
        ByteBuffer bb = ByteBuffer.allocate(prefix + hlen + pad).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) (lengthBytes == 2 ? 1 : 2)).put((byte) 0);
        if (lengthBytes == 2) {
            bb.putShort((short) (hlen + pad));
        } else {
            bb.putInt(hlen + pad);
        }
        bb.put(text);
        for (int i = 0; i < pad; i++) {
            bb.put((byte) ' ');
        }
        bb.put((byte) '\n');
        return bb.array();
    }

    private static int padding(int prefix, int hlen) {
        return (ALIGN - (prefix + hlen) % ALIGN) % ALIGN;
    }

    // ---------------------------------------------------------------- header literal

    /**
     * The subset of Python literal syntax that {@code .npy} headers use: dicts, tuples, lists,
     * quoted strings, integers (with Python 2's {@code L} suffix), {@code True}, {@code False}, {@code None}.
     */
    private static final class LiteralParser {
        static final Object NONE = new Object() {
            @Override
            public String toString() {
                return "None";
            }
        };
        private final String s;
        private int pos;

        LiteralParser(String s) {
            this.s = s;
        }

        static String repr(Object o) {
            if (o instanceof String str) {
                return "'" + str + "'";
            }
            return String.valueOf(o);
        }

        void end() {
            skipSpace();
            if (pos != s.length()) {
                throw new IllegalArgumentException("unexpected text at offset " + pos);
            }
        }

        Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                return dict();
            } else if (c == '(') {
                return sequence('(', ')');
            } else if (c == '[') {
                return sequence('[', ']');
            } else if (c == '\'' || c == '"') {
                return string();
            } else if (c == '-' || Character.isDigit(c)) {
                return integer();
            } else if (Character.isLetter(c)) {
                int start = pos;
                while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                    pos++;
                }
                String word = s.substring(start, pos);
                return switch (word) {
                    case "True" -> Boolean.TRUE;
                    case "False" -> Boolean.FALSE;
                    case "None" -> NONE;
                    default -> throw new IllegalArgumentException("unexpected '" + word + "' at offset " + start);
                };
            }
            throw new IllegalArgumentException("unexpected '" + c + "' at offset " + pos);
        }

        private Map<String, Object> dict() {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return m;
                }
                Object key = value();
                if (!(key instanceof String k)) {
                    throw new IllegalArgumentException("dict key is not a string at offset " + pos);
                }
                expect(':');
                m.put(k, value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at offset " + pos);
                }
            }
        }

        private List<Object> sequence(char open, char close) {
            List<Object> list = new ArrayList<>();
            pos++;
            while (true) {
                skipSpace();
                if (peek() == close) {
                    pos++;
                    return list;
                }
                list.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != close) {
                    throw new IllegalArgumentException("expected ',' or '" + close + "' at offset " + pos);
                }
            }
        }

        private String string() {
            char quote = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != quote) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                sb.append(c);
            }
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unterminated string");
            }
            pos++;
            return sb.toString();
        }

        private Long integer() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String digits = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
                pos++;
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad integer '" + digits + "' at offset " + start);
            }
        }

        private void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at offset " + pos);
            }
            pos++;
        }

        private char peek() {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return s.charAt(pos);
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
