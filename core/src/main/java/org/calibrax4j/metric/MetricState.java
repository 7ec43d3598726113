package org.calibrax4j.metric;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.calibrax4j.io.NpzArchive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The accumulated state of a metric as named arrays, tagged with a stable type id and a format
 * version (never a class name), so that a file written today is read by a later release.
 *
 * <p>Saved as a NumPy {@code .npz} archive, readable with {@code np.load}: the state's arrays plus
 * {@value #TYPE_MEMBER} (the type id as UTF-8 bytes) and {@value #VERSION_MEMBER} (int64 [version]).
 *
 * @param type stable id of the metric state's layout, e.g. {@code fid}
 * @param version layout version of that type
 * @param arrays the state's arrays (copied; iteration order kept)
 */
public record MetricState(String type, int version, Map<String, INDArray> arrays) {
    /** Archive member holding the type id. */
    public static final String TYPE_MEMBER = "calibrax4j_state_type";
    /** Archive member holding the layout version. */
    public static final String VERSION_MEMBER = "calibrax4j_state_version";

    /**
     * @throws IllegalArgumentException on an empty type, a negative version or a reserved member name
     */
    public MetricState {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arrays, "arrays");
        if (type.isBlank() || version < 0) {
            throw new IllegalArgumentException("MetricState: type must be non-empty and version >= 0, got '"
                    + type + "' v" + version);
        }
        if (arrays.containsKey(TYPE_MEMBER) || arrays.containsKey(VERSION_MEMBER)) {
            throw new IllegalArgumentException("MetricState: member names " + TYPE_MEMBER + " and "
                    + VERSION_MEMBER + " are reserved");
        }
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /**
     * The named array.
     *
     * @throws IllegalArgumentException when the state has no such array
     */
    public INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("MetricState(" + type + " v" + version + "): no array '" + name
                    + "' (have " + arrays.keySet() + ")");
        }
        return a;
    }

    /**
     * Checks the type id and version before a metric restores this state.
     *
     * @throws IllegalArgumentException when either differs from what the metric expects
     */
    public MetricState require(String expectedType, int expectedVersion) {
        if (!type.equals(expectedType) || version != expectedVersion) {
            throw new IllegalArgumentException("MetricState: expected state of type '" + expectedType + "' v"
                    + expectedVersion + ", got '" + type + "' v" + version);
        }
        return this;
    }

    /** Writes the state to {@code file} (an {@code .npz} archive), replacing it. */
    public void write(Path file) throws IOException {
        Map<String, INDArray> all = new LinkedHashMap<>();
        byte[] id = type.getBytes(StandardCharsets.UTF_8);
        INDArray typeBytes = Nd4j.create(DataType.UINT8, id.length);
        for (int i = 0; i < id.length; i++) {
            typeBytes.putScalar(i, id[i] & 0xff);
        }
        all.put(TYPE_MEMBER, typeBytes);
        all.put(VERSION_MEMBER, Nd4j.createFromArray(new long[] {version}));
        all.putAll(arrays);
        NpzArchive.write(file, all);
    }

    /**
     * Reads a state written by {@link #write(Path)}.
     *
     * @throws IOException when the file cannot be read or is not a calibrax4j metric state
     */
    public static MetricState read(Path file) throws IOException {
        NpzArchive npz = NpzArchive.read(file);
        if (!npz.contains(TYPE_MEMBER) || !npz.contains(VERSION_MEMBER)) {
            throw new IOException(file + ": not a calibrax4j metric state (no " + TYPE_MEMBER + "/" + VERSION_MEMBER
                    + " members; has " + npz.names() + ")");
        }
        INDArray t = npz.get(TYPE_MEMBER);
        byte[] id = new byte[(int) t.length()];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) t.getInt(i);
        }
        int version = npz.get(VERSION_MEMBER).getInt(0);
        Map<String, INDArray> arrays = new LinkedHashMap<>(npz.arrays());
        arrays.remove(TYPE_MEMBER);
        arrays.remove(VERSION_MEMBER);
        return new MetricState(new String(id, StandardCharsets.UTF_8), version, arrays);
    }
}
