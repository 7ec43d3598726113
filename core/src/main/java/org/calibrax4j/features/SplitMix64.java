package org.calibrax4j.features;

/**
 * SplitMix64 (Steele, Lea &amp; Flood 2014): a small seeded pseudo-random stream whose whole state
 * is one {@code long}, so it can be copied and continued identically (which
 * {@link java.util.SplittableRandom} cannot). Used where a metric's result must be reproducible
 * from a seed: reservoir sampling and KID's subset draws.
 */
public final class SplitMix64 {
    private long state;

    /** A stream starting from {@code seed}. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Uniform in [0, bound) without modulo bias (rejection, as {@code java.util.Random}).
     *
     * @throws IllegalArgumentException when {@code bound} ≤ 0
     */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("SplitMix64: bound must be > 0, got " + bound);
        }
        long u = nextLong() >>> 1;
        long r = u % bound;
        while (u - r + (bound - 1) < 0) {
            u = nextLong() >>> 1;
            r = u % bound;
        }
        return r;
    }

    /**
     * The first {@code k} entries of a uniformly random permutation of 0..n−1 (partial
     * Fisher–Yates), i.e. {@code k} distinct indices drawn without replacement, in draw order.
     *
     * @throws IllegalArgumentException unless 0 ≤ k ≤ n
     */
    public int[] sampleWithoutReplacement(int n, int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("SplitMix64: cannot draw " + k + " of " + n + " without replacement");
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + (int) nextLong(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return java.util.Arrays.copyOf(perm, k);
    }

    /** An independent copy that continues this stream exactly. */
    public SplitMix64 copy() {
        return new SplitMix64(state);
    }

    /** The generator's whole state (saved metric states restore the stream from it). */
    public long state() {
        return state;
    }
}
