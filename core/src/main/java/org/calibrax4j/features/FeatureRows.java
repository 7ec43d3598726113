package org.calibrax4j.features;

import java.util.Arrays;
import java.util.Map;
import org.calibrax4j.metric.MetricState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The feature rows a metric must keep because its statistic is not a fixed-size summary (KID's
 * kernel sums over subsets, the k-NN radii of precision/recall/density/coverage): a float64,
 * row-major store of width D, optionally bounded by a <b>reservoir</b> of {@code capacity} rows.
 *
 * <p>Unbounded (capacity 0), rows are kept in arrival order and {@link #merge} appends the other's
 * rows after this one's, so any split of a stream into shards merges back to the one-pass state.
 * Memory is 8·D bytes per row (16 KiB at D = 2048; 50 000 rows = 800 MiB per side).
 *
 * <p>Bounded, it keeps a uniform random sample of at most {@code capacity} of the rows seen
 * (Vitter's Algorithm R: row t ≥ capacity replaces a random slot with probability capacity/(t+1)),
 * drawn from a SplitMix64 stream seeded at construction, so the same stream gives the same
 * sample. Merging two full reservoirs takes a uniform sample of the union: the number of rows from
 * each side follows the hypergeometric law of the counts seen, then that many rows are picked from
 * each reservoir at random. Until the capacity is exceeded a bounded store behaves exactly like an
 * unbounded one.
 *
 * <p>Not thread-safe; {@link #merge} copies the other's rows and never modifies it.
 */
public final class FeatureRows implements RowSource {
    private final int dim;
    private final int capacity;
    private final long seed;
    private SplitMix64 random;
    private double[] data;
    private int size;
    private long seen;

    private FeatureRows(int dim, int capacity, long seed) {
        if (dim <= 0) {
            throw new IllegalArgumentException("FeatureRows: dim must be > 0, got " + dim);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("FeatureRows: capacity must be >= 0 (0 = keep all), got " + capacity);
        }
        this.dim = dim;
        this.capacity = capacity;
        this.seed = seed;
        clear();
    }

    /** An empty store that keeps every row. */
    public static FeatureRows unbounded(int dim) {
        return new FeatureRows(dim, 0, 0L);
    }

    /**
     * An empty store that keeps at most {@code capacity} rows (a uniform reservoir sample);
     * {@code capacity} 0 keeps every row.
     */
    public static FeatureRows bounded(int dim, int capacity, long seed) {
        return new FeatureRows(dim, capacity, seed);
    }

    /** Forgets every row and restarts the reservoir's random stream from its seed. */
    public void clear() {
        data = new double[0];
        size = 0;
        seen = 0;
        random = new SplitMix64(seed);
    }

    /** Width D. */
    @Override
    public int dim() {
        return dim;
    }

    /** Maximum rows kept, 0 for unbounded. */
    public int capacity() {
        return capacity;
    }

    /** Rows kept. */
    @Override
    public int size() {
        return size;
    }

    /** Rows offered since the last {@link #clear()} (≥ {@link #size()}; larger once the reservoir samples). */
    public long seen() {
        return seen;
    }

    /** Whether rows were dropped by the reservoir. */
    public boolean isSampled() {
        return seen > size;
    }

    /**
     * Adds {@code n} rows given row-major in {@code rows} (length n·D); the array is copied.
     *
     * @throws IllegalArgumentException when the length is not n·D
     */
    public void add(double[] rows, int n) {
        if (n < 0 || rows.length != (long) n * dim) {
            throw new IllegalArgumentException("FeatureRows: rows has length " + rows.length + ", expected n*dim = "
                    + n + "*" + dim);
        }
        if (capacity == 0 || size + n <= capacity && !isSampled()) {
            append(rows, 0, n);
            seen += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            if (size < capacity) {
                append(rows, i, 1);
            } else {
                long j = random.nextLong(seen + 1);
                if (j < capacity) {
                    System.arraycopy(rows, i * dim, data, (int) j * dim, dim);
                }
            }
            seen++;
        }
    }

    private void append(double[] rows, int fromRow, int n) {
        long needed = (long) (size + n) * dim;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("FeatureRows: " + (size + n) + " rows of width " + dim
                    + " exceed one Java array; bound the store with a capacity");
        }
        if (needed > data.length) {
            long grown = Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, 2L * data.length));
            data = Arrays.copyOf(data, (int) grown);
        }
        System.arraycopy(rows, fromRow * dim, data, size * dim, n * dim);
        size += n;
    }

    /**
     * Folds {@code other}'s rows into this store (copied; {@code other} is unchanged).
     *
     * @throws IllegalArgumentException when the widths or capacities differ
     */
    public void merge(FeatureRows other) {
        if (other.dim != dim || other.capacity != capacity) {
            throw new IllegalArgumentException("FeatureRows: cannot merge dim=" + other.dim + ", capacity=" + other.capacity
                    + " into dim=" + dim + ", capacity=" + capacity);
        }
        if (other == this) {
            throw new IllegalArgumentException("FeatureRows: cannot merge a store into itself");
        }
        long total = seen + other.seen;
        if (capacity == 0 || total <= capacity) {
            append(other.data, 0, other.size);
            seen = total;
            return;
        }
        // Uniform sample of size `capacity` from the union: sequential hypergeometric split.
        long leftA = seen;
        long leftB = other.seen;
        int takeA = 0;
        int takeB = 0;
        for (int t = 0; t < capacity; t++) {
            if (random.nextLong(leftA + leftB) < leftA) {
                takeA++;
                leftA--;
            } else {
                takeB++;
                leftB--;
            }
        }
        int[] fromA = pick(size, takeA);
        int[] fromB = pick(other.size, takeB);
        double[] merged = new double[capacity * dim];
        int r = 0;
        for (int i : fromA) {
            System.arraycopy(data, i * dim, merged, r++ * dim, dim);
        }
        for (int i : fromB) {
            System.arraycopy(other.data, i * dim, merged, r++ * dim, dim);
        }
        data = merged;
        size = capacity;
        seen = total;
    }

    /** {@code k} distinct indices of [0, n), in increasing order. */
    private int[] pick(int n, int k) {
        int[] out = random.sampleWithoutReplacement(n, k);
        Arrays.sort(out);
        return out;
    }

    /** A deep copy, including the reservoir's random state. */
    public FeatureRows copy() {
        FeatureRows c = new FeatureRows(dim, capacity, seed);
        c.data = Arrays.copyOf(data, size * dim);
        c.size = size;
        c.seen = seen;
        c.random = random.copy();
        return c;
    }

    /** The value at row {@code i}, column {@code j}. */
    public double get(int i, int j) {
        if (i < 0 || i >= size || j < 0 || j >= dim) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size + ", column " + j + " of " + dim);
        }
        return data[i * dim + j];
    }

    /** Copies rows [from, to) row-major into {@code dst} starting at 0. */
    @Override
    public void copyRows(int from, int to, double[] dst) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + size);
        }
        System.arraycopy(data, from * dim, dst, 0, (to - from) * dim);
    }

    /** The rows with the given indices, row-major (a new array). */
    public double[] gather(int[] rows) {
        double[] out = new double[rows.length * dim];
        for (int r = 0; r < rows.length; r++) {
            int i = rows[r];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("row " + i + " of " + size);
            }
            System.arraycopy(data, i * dim, out, r * dim, dim);
        }
        return out;
    }

    /** Copies the rows with the given indices row-major into {@code dst} (reused buffers on hot paths). */
    public void gather(int[] rows, double[] dst) {
        for (int r = 0; r < rows.length; r++) {
            int i = rows[r];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("row " + i + " of " + size);
            }
            System.arraycopy(data, i * dim, dst, r * dim, dim);
        }
    }

    /** All kept rows, row-major (a copy). */
    public double[] toArray() {
        return Arrays.copyOf(data, size * dim);
    }

    /**
     * Puts the store's state into {@code arrays}: {@code <prefix>_rows} (size×D float64),
     * {@code <prefix>_seen} and {@code <prefix>_random} (int64, the reservoir's generator state).
     */
    public void putState(Map<String, INDArray> arrays, String prefix) {
        INDArray rows = size == 0 ? Nd4j.create(DataType.DOUBLE, 0, dim)
                : Nd4j.createFromArray(toArray()).reshape(size, dim);
        arrays.put(prefix + "_rows", rows);
        arrays.put(prefix + "_seen", Nd4j.createFromArray(new long[] {seen}));
        arrays.put(prefix + "_random", Nd4j.createFromArray(new long[] {random.state()}));
    }

    /**
     * A store of this one's width, capacity and seed holding the state {@link #putState} wrote;
     * this store is not changed (apply it with {@link #replaceWith}).
     *
     * @throws IllegalArgumentException naming {@code metric} when the saved rows do not fit
     */
    public FeatureRows restored(MetricState state, String prefix, String metric) {
        INDArray rows = state.get(prefix + "_rows");
        long seenSaved = state.get(prefix + "_seen").getLong(0);
        if (rows.rank() != 2 || rows.size(1) != dim) {
            throw new IllegalArgumentException(String.format("%s: saved %s_rows have shape %s, metric has featureDim %d",
                    metric, prefix, Arrays.toString(rows.shape()), dim));
        }
        if (capacity > 0 && rows.size(0) > capacity || seenSaved < rows.size(0)) {
            throw new IllegalArgumentException(String.format("%s: saved %s state has %d rows of %d seen, capacity is %d",
                    metric, prefix, rows.size(0), seenSaved, capacity));
        }
        FeatureRows r = new FeatureRows(dim, capacity, seed);
        r.data = rows.length() == 0 ? new double[0] : rows.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        r.size = (int) rows.size(0);
        r.seen = seenSaved;
        r.random = new SplitMix64(state.get(prefix + "_random").getLong(0));
        return r;
    }

    /**
     * Replaces this store's rows, count and generator state by copies of {@code other}'s.
     *
     * @throws IllegalArgumentException when the widths or capacities differ
     */
    public void replaceWith(FeatureRows other) {
        if (other.dim != dim || other.capacity != capacity) {
            throw new IllegalArgumentException("FeatureRows: cannot take the state of dim=" + other.dim + ", capacity="
                    + other.capacity + " into dim=" + dim + ", capacity=" + capacity);
        }
        data = Arrays.copyOf(other.data, other.size * dim);
        size = other.size;
        seen = other.seen;
        random = other.random.copy();
    }
}
