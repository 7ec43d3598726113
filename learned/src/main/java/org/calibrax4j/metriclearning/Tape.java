package org.calibrax4j.metriclearning;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal reverse-mode automatic differentiator over float64 scalars: the exact reference path
 * of every loss. Nodes are appended in evaluation order, so the tape is already topologically
 * sorted and {@link #backward} is one reverse sweep. Fused n-ary nodes (dot products, squared
 * distances, log-sum-exp) keep the tape small: a B = 28 triplet loss needs ~10⁵ nodes.
 */
final class Tape {
    /** One scalar of the computation with its inputs and the local partial derivatives. */
    static final class Node {
        final double v;
        double g;
        final Node[] in;
        final double[] d;

        Node(double v, Node[] in, double[] d) {
            this.v = v;
            this.in = in;
            this.d = d;
        }
    }

    private static final Node[] NONE = new Node[0];
    private static final double[] NO_D = new double[0];
    private final List<Node> nodes = new ArrayList<>();

    Node leaf(double v) {
        return push(new Node(v, NONE, NO_D));
    }

    Node[] leaves(double[] row) {
        Node[] out = new Node[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = leaf(row[i]);
        }
        return out;
    }

    Node[][] leaves(double[][] m) {
        Node[][] out = new Node[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = leaves(m[i]);
        }
        return out;
    }

    private Node push(Node n) {
        nodes.add(n);
        return n;
    }

    Node op(double v, Node a, double da) {
        return push(new Node(v, new Node[] {a}, new double[] {da}));
    }

    Node op(double v, Node a, double da, Node b, double db) {
        return push(new Node(v, new Node[] {a, b}, new double[] {da, db}));
    }

    Node constant(double v) {
        return leaf(v);
    }

    Node add(Node a, Node b) {
        return op(a.v + b.v, a, 1, b, 1);
    }

    Node sub(Node a, Node b) {
        return op(a.v - b.v, a, 1, b, -1);
    }

    Node mul(Node a, Node b) {
        return op(a.v * b.v, a, b.v, b, a.v);
    }

    Node div(Node a, Node b) {
        return op(a.v / b.v, a, 1 / b.v, b, -a.v / (b.v * b.v));
    }

    Node scale(Node a, double c) {
        return op(a.v * c, a, c);
    }

    Node addConst(Node a, double c) {
        return op(a.v + c, a, 1);
    }

    Node square(Node a) {
        return op(a.v * a.v, a, 2 * a.v);
    }

    /** √a; the derivative at 0 is taken as 0 (only reachable for coincident points). */
    Node sqrt(Node a) {
        double s = Math.sqrt(a.v);
        return op(s, a, s > 0 ? 0.5 / s : 0);
    }

    Node exp(Node a) {
        double e = Math.exp(a.v);
        return op(e, a, e);
    }

    Node log(Node a) {
        return op(Math.log(a.v), a, 1 / a.v);
    }

    /** max(a, 0) with derivative 0 at 0 (torch.relu's convention). */
    Node relu(Node a) {
        return a.v > 0 ? op(a.v, a, 1) : op(0, a, 0);
    }

    /** max(a, c): the gradient goes to {@code a} only when it wins. */
    Node maxConst(Node a, double c) {
        return a.v >= c ? op(a.v, a, 1) : op(c, a, 0);
    }

    /** clip(a, lo, hi) with jnp.clip's gradient: 1 inside, 0 where clipped. */
    Node clip(Node a, double lo, double hi) {
        if (a.v < lo) {
            return op(lo, a, 0);
        }
        if (a.v > hi) {
            return op(hi, a, 0);
        }
        return op(a.v, a, 1);
    }

    Node sum(List<Node> xs) {
        if (xs.isEmpty()) {
            return constant(0);
        }
        Node[] in = xs.toArray(NONE);
        double[] d = new double[in.length];
        double s = 0;
        for (int i = 0; i < in.length; i++) {
            s += in[i].v;
            d[i] = 1;
        }
        return push(new Node(s, in, d));
    }

    /** Σ aₖ·bₖ as one node. */
    Node dot(Node[] a, Node[] b) {
        int n = a.length;
        Node[] in = new Node[2 * n];
        double[] d = new double[2 * n];
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[k].v * b[k].v;
            in[k] = a[k];
            d[k] = b[k].v;
            in[n + k] = b[k];
            d[n + k] = a[k].v;
        }
        return push(new Node(s, in, d));
    }

    /** ‖a − b‖² as one node. */
    Node squaredDistance(Node[] a, Node[] b) {
        int n = a.length;
        Node[] in = new Node[2 * n];
        double[] d = new double[2 * n];
        double s = 0;
        for (int k = 0; k < n; k++) {
            double diff = a[k].v - b[k].v;
            s += diff * diff;
            in[k] = a[k];
            d[k] = 2 * diff;
            in[n + k] = b[k];
            d[n + k] = -2 * diff;
        }
        return push(new Node(s, in, d));
    }

    /** log Σ exp(xₖ) (plus exp(0) when {@code addOne}), computed with the max shifted out. */
    Node logSumExp(List<Node> xs, boolean addOne) {
        double m = addOne ? 0 : Double.NEGATIVE_INFINITY;
        for (Node x : xs) {
            m = Math.max(m, x.v);
        }
        if (xs.isEmpty() && !addOne) {
            throw new IllegalStateException("log-sum-exp of nothing");
        }
        double s = addOne ? Math.exp(-m) : 0;
        for (Node x : xs) {
            s += Math.exp(x.v - m);
        }
        Node[] in = xs.toArray(NONE);
        double[] d = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            d[i] = Math.exp(in[i].v - m) / s;
        }
        return push(new Node(m + Math.log(s), in, d));
    }

    /** max over {@code xs}; the gradient goes to the first maximal element (as argmax selects). */
    Node max(List<Node> xs) {
        Node best = xs.get(0);
        for (Node x : xs) {
            if (x.v > best.v) {
                best = x;
            }
        }
        return op(best.v, best, 1);
    }

    /** Back-propagates d{@code out}/d(every node); read the result from each leaf's {@code g}. */
    void backward(Node out) {
        for (Node n : nodes) {
            n.g = 0;
        }
        out.g = 1;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.g == 0) {
                continue;
            }
            for (int k = 0; k < n.in.length; k++) {
                n.in[k].g += n.g * n.d[k];
            }
        }
    }

    static double[][] grads(Node[][] leaves) {
        double[][] g = new double[leaves.length][];
        for (int i = 0; i < leaves.length; i++) {
            g[i] = new double[leaves[i].length];
            for (int k = 0; k < leaves[i].length; k++) {
                g[i][k] = leaves[i][k].g;
            }
        }
        return g;
    }
}
