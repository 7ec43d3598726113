package org.calibrax4j.features;

/**
 * Rows of width D that can be copied out block by block, so pairwise computations (kernel sums,
 * distance matrices) run on blocks without materialising all rows or an N×M matrix at once.
 */
public interface RowSource {
    /** Number of rows. */
    int size();

    /** Width D. */
    int dim();

    /** Copies rows [from, to) row-major into {@code dst} starting at index 0. */
    void copyRows(int from, int to, double[] dst);

    /**
     * A view of {@code n} rows given row-major in {@code data} (not copied).
     *
     * @throws IllegalArgumentException when the length is not n·d
     */
    static RowSource of(double[] data, int n, int d) {
        if (n < 0 || d <= 0 || data.length != (long) n * d) {
            throw new IllegalArgumentException("RowSource: data has length " + data.length + ", expected " + n + "*" + d);
        }
        return new RowSource() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int dim() {
                return d;
            }

            @Override
            public void copyRows(int from, int to, double[] dst) {
                System.arraycopy(data, from * d, dst, 0, (to - from) * d);
            }
        };
    }
}
