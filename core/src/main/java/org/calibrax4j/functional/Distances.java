package org.calibrax4j.functional;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Distances between vectors and divergences between distributions, matching SciPy 1.10.1
 * ({@code scipy.spatial.distance}, {@code scipy.special.rel_entr}, {@code scipy.stats}). Vectors are
 * finite rank-1 arrays of equal length.
 */
public final class Distances {
    private Distances() {
    }

    private static double[][] pair(String fn, String a, INDArray u, String b, INDArray v) {
        Inputs.rank(fn, a, u, 1);
        Inputs.rank(fn, b, v, 1);
        Inputs.sameShape(fn, a, u, b, v);
        return new double[][] {Inputs.finite(fn, a, u), Inputs.finite(fn, b, v)};
    }

    /**
     * Cosine distance 1 − u·v/(‖u‖‖v‖), clamped to [0, 2]; as {@code scipy.spatial.distance.cosine(u, v)}.
     * With an all-zero vector the ratio is NaN and SciPy's clamp {@code max(0, min(nan, 2))} returns
     * 0.0; this function returns the same 0.0.
     *
     * @throws IllegalArgumentException on non-finite values or vectors of different shape
     */
    public static double cosine(INDArray u, INDArray v) {
        double[][] d = pair("cosine", "u", u, "v", v);
        double uv = 0;
        double uu = 0;
        double vv = 0;
        for (int i = 0; i < d[0].length; i++) {
            uv += d[0][i] * d[1][i];
            uu += d[0][i] * d[0][i];
            vv += d[1][i] * d[1][i];
        }
        double dist = 1.0 - uv / Math.sqrt(uu * vv);
        if (Double.isNaN(dist)) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(dist, 2.0));
    }

    /**
     * Euclidean distance ‖u − v‖₂; as {@code scipy.spatial.distance.euclidean(u, v)}.
     *
     * @throws IllegalArgumentException on non-finite values or vectors of different shape
     */
    public static double euclidean(INDArray u, INDArray v) {
        double[][] d = pair("euclidean", "u", u, "v", v);
        double s = 0;
        for (int i = 0; i < d[0].length; i++) {
            double e = d[0][i] - d[1][i];
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /** SciPy's rel_entr: x ln(x/y) for x, y &gt; 0; 0 for x = 0; +inf for x &gt; 0 = y. */
    static double relEntr(double x, double y) {
        if (x == 0) {
            return 0.0;
        }
        if (y == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return x * Math.log(x / y);
    }

    /**
     * Kullback–Leibler divergence Σ_i p_i ln(p_i/q_i) in nats, inputs not renormalised;
     * {@code numpy.sum(scipy.special.rel_entr(p, q))}. A term with p_i = 0 is 0; q_i = 0 &lt; p_i gives
     * +inf (documented, not an error: the divergence is infinite).
     *
     * @throws IllegalArgumentException on negative or non-finite entries or different shapes
     */
    public static double klDivergence(INDArray p, INDArray q) {
        String fn = "klDivergence";
        pair(fn, "p", p, "q", q);
        double[] a = Inputs.nonNegative(fn, "p", p);
        double[] b = Inputs.nonNegative(fn, "q", q);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += relEntr(a[i], b[i]);
        }
        return s;
    }

    /** Jensen–Shannon distance in nats; see {@link #jensenShannonDistance(INDArray, INDArray, double)}. */
    public static double jensenShannonDistance(INDArray p, INDArray q) {
        return Math.sqrt(jsd("jensenShannonDistance", p, q, Math.E));
    }

    /**
     * Jensen–Shannon distance √JSD with JSD = ½KL(p‖m) + ½KL(q‖m), m = (p + q)/2, after normalising p
     * and q to sum 1, logarithms to {@code base}; as
     * {@code scipy.spatial.distance.jensenshannon(p, q, base)}. In base 2 it lies in [0, 1].
     *
     * @throws IllegalArgumentException on negative or non-finite entries, an all-zero vector,
     *     different shapes, or base ≤ 0 or = 1
     */
    public static double jensenShannonDistance(INDArray p, INDArray q, double base) {
        return Math.sqrt(jsd("jensenShannonDistance", p, q, base));
    }

    /** Jensen–Shannon divergence in nats; see {@link #jensenShannonDivergence(INDArray, INDArray, double)}. */
    public static double jensenShannonDivergence(INDArray p, INDArray q) {
        return jsd("jensenShannonDivergence", p, q, Math.E);
    }

    /**
     * Jensen–Shannon divergence JSD (the square of {@link #jensenShannonDistance}), logarithms to
     * {@code base}; equals {@code jensenshannon(p, q, base) ** 2}.
     *
     * @throws IllegalArgumentException as {@link #jensenShannonDistance(INDArray, INDArray, double)}
     */
    public static double jensenShannonDivergence(INDArray p, INDArray q, double base) {
        return jsd("jensenShannonDivergence", p, q, base);
    }

    private static double jsd(String fn, INDArray p, INDArray q, double base) {
        if (!(base > 0) || base == 1 || !Double.isFinite(base)) {
            throw new IllegalArgumentException(fn + ": base must be finite, > 0 and != 1, got " + base);
        }
        pair(fn, "p", p, "q", q);
        double[] a = normalised(fn, "p", Inputs.nonNegative(fn, "p", p));
        double[] b = normalised(fn, "q", Inputs.nonNegative(fn, "q", q));
        double left = 0;
        double right = 0;
        for (int i = 0; i < a.length; i++) {
            double m = (a[i] + b[i]) / 2.0;
            left += relEntr(a[i], m);
            right += relEntr(b[i], m);
        }
        double js = left + right;
        if (base != Math.E) {
            js /= Math.log(base);
        }
        return js / 2.0;
    }

    private static double[] normalised(String fn, String arg, double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        if (s == 0) {
            throw new IllegalArgumentException(fn + ": " + arg + " sums to 0; it cannot be normalised to a distribution");
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / s;
        }
        return out;
    }

    /** Unweighted 1-D Wasserstein distance; see {@link #wasserstein1d(INDArray, INDArray, INDArray, INDArray)}. */
    public static double wasserstein1d(INDArray uValues, INDArray vValues) {
        return wasserstein1d(uValues, vValues, null, null);
    }

    /**
     * 1-D Wasserstein-1 (earth mover's) distance ∫ |F_u(t) − F_v(t)| dt between the (weighted)
     * empirical distributions of two samples of sizes n and m (n ≠ m allowed); as
     * {@code scipy.stats.wasserstein_distance(u_values, v_values, u_weights, v_weights)}.
     *
     * @param uWeights non-negative weights of u with a positive sum, or null for uniform weights
     * @param vWeights the same for v
     * @throws IllegalArgumentException on empty or non-finite samples, negative weights, a weight
     *     vector of the wrong length or summing to 0
     */
    public static double wasserstein1d(INDArray uValues, INDArray vValues, INDArray uWeights, INDArray vWeights) {
        String fn = "wasserstein1d";
        Inputs.rank(fn, "uValues", uValues, 1);
        Inputs.rank(fn, "vValues", vValues, 1);
        double[] u = Inputs.finite(fn, "uValues", uValues);
        double[] v = Inputs.finite(fn, "vValues", vValues);
        double[] uw = weights(fn, "uWeights", uWeights, u.length);
        double[] vw = weights(fn, "vWeights", vWeights, v.length);
        double[] uCum = cumulative(u, uw);
        double[] vCum = cumulative(v, vw);
        double[] us = u.clone();
        double[] vs = v.clone();
        Arrays.sort(us);
        Arrays.sort(vs);
        double[] all = new double[u.length + v.length];
        System.arraycopy(u, 0, all, 0, u.length);
        System.arraycopy(v, 0, all, u.length, v.length);
        Arrays.sort(all);
        double total = 0;
        for (int i = 0; i + 1 < all.length; i++) {
            double delta = all[i + 1] - all[i];
            double fu = uCum[upperBound(us, all[i])] / uCum[u.length];
            double fv = vCum[upperBound(vs, all[i])] / vCum[v.length];
            total += Math.abs(fu - fv) * delta;
        }
        return total;
    }

    private static double[] weights(String fn, String arg, INDArray w, int n) {
        if (w == null) {
            return null;
        }
        Inputs.rank(fn, arg, w, 1);
        if (w.length() != n) {
            throw new IllegalArgumentException(String.format("%s: %s must have length %d (its sample), got shape %s",
                    fn, arg, n, Inputs.shape(w)));
        }
        double[] d = Inputs.nonNegative(fn, arg, w);
        double s = 0;
        for (double x : d) {
            s += x;
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException(fn + ": " + arg + " must have a positive sum, got " + s);
        }
        return d;
    }

    /** [0, cumulative weights of the values in ascending order] (stable order, as NumPy's argsort for ties is irrelevant to sums). */
    private static double[] cumulative(double[] values, double[] w) {
        int n = values.length;
        double[] cum = new double[n + 1];
        if (w == null) {
            for (int i = 0; i <= n; i++) {
                cum[i] = i;
            }
            return cum;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        for (int i = 0; i < n; i++) {
            cum[i + 1] = cum[i] + w[order[i]];
        }
        return cum;
    }

    /** Number of entries of sorted {@code a} that are ≤ x (searchsorted side='right'). */
    private static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
