package org.calibrax4j.functional;

import java.util.Arrays;
import org.calibrax4j.metric.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Boundary checks and canonicalisation shared by the functional metrics: every array is checked
 * once and copied to a row-major float64 (or int) array; kernels never see an INDArray.
 */
final class Inputs {
    private Inputs() {
    }

    static String shape(INDArray a) {
        return Arrays.toString(a.shape());
    }

    static void notNull(String fn, String arg, Object a) {
        if (a == null) {
            throw new IllegalArgumentException(fn + ": " + arg + " must not be null");
        }
    }

    static void nonEmpty(String fn, String arg, INDArray a) {
        notNull(fn, arg, a);
        if (a.length() == 0) {
            throw new IllegalArgumentException(fn + ": " + arg + " must not be empty, got shape " + shape(a));
        }
    }

    static void rank(String fn, String arg, INDArray a, int... allowed) {
        nonEmpty(fn, arg, a);
        for (int r : allowed) {
            if (a.rank() == r) {
                return;
            }
        }
        throw new IllegalArgumentException(String.format("%s: %s must have rank %s, got shape %s",
                fn, arg, allowed.length == 1 ? String.valueOf(allowed[0]) : Arrays.toString(allowed), shape(a)));
    }

    static void sameShape(String fn, String argA, INDArray a, String argB, INDArray b) {
        notNull(fn, argA, a);
        notNull(fn, argB, b);
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(String.format("%s: %s and %s must have the same shape, got %s and %s",
                    fn, argA, argB, shape(a), shape(b)));
        }
    }

    static void sameLength(String fn, String argA, INDArray a, String argB, INDArray b) {
        notNull(fn, argA, a);
        notNull(fn, argB, b);
        if (a.size(0) != b.size(0)) {
            throw new IllegalArgumentException(String.format(
                    "%s: %s and %s must have the same number of samples, got shapes %s and %s",
                    fn, argA, argB, shape(a), shape(b)));
        }
    }

    /** Finite float64 copy of any non-empty array. */
    static double[] finite(String fn, String arg, INDArray a) {
        nonEmpty(fn, arg, a);
        double[] d = Checks.toDoubles(a);
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException(String.format("%s: %s contains %s at flat index %d (shape %s)",
                        fn, arg, d[i], i, shape(a)));
            }
        }
        return d;
    }

    /** Finite, non-negative float64 copy. */
    static double[] nonNegative(String fn, String arg, INDArray a) {
        double[] d = finite(fn, arg, a);
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0) {
                throw new IllegalArgumentException(String.format("%s: %s must be >= 0, got %s at flat index %d",
                        fn, arg, d[i], i));
            }
        }
        return d;
    }

    /** Finite float64 copy with every value in [0, 1]. */
    static double[] probabilities(String fn, String arg, INDArray a) {
        double[] d = finite(fn, arg, a);
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0 || d[i] > 1) {
                throw new IllegalArgumentException(String.format(
                        "%s: %s must hold probabilities in [0, 1], got %s at flat index %d (shape %s)",
                        fn, arg, d[i], i, shape(a)));
            }
        }
        return d;
    }

    /** Integral values (any numeric dtype) as ints; any rank. */
    static int[] integral(String fn, String arg, INDArray a) {
        double[] d = finite(fn, arg, a);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            double v = d[i];
            if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(String.format(
                        "%s: %s must hold integer labels, got %s at flat index %d", fn, arg, v, i));
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** A rank-1 vector of integer labels. */
    static int[] labels(String fn, String arg, INDArray a) {
        rank(fn, arg, a, 1);
        return integral(fn, arg, a);
    }

    /** Integer labels each in [0, numClasses). */
    static int[] classIndices(String fn, String arg, INDArray a, int numClasses) {
        int[] l = integral(fn, arg, a);
        for (int i = 0; i < l.length; i++) {
            if (l[i] < 0 || l[i] >= numClasses) {
                throw new IllegalArgumentException(String.format(
                        "%s: %s must hold class indices in [0, %d), got %d at flat index %d",
                        fn, arg, numClasses, l[i], i));
            }
        }
        return l;
    }

    static int positive(String fn, String arg, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(fn + ": " + arg + " must be > 0, got " + v);
        }
        return v;
    }

    static double positiveFinite(String fn, String arg, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(fn + ": " + arg + " must be finite and > 0, got " + v);
        }
        return v;
    }

    static int toInt(String fn, String arg, long v) {
        if (v > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(fn + ": " + arg + " is too large: " + v);
        }
        return (int) v;
    }
}
