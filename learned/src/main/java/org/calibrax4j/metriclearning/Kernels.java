package org.calibrax4j.metriclearning;

import java.util.ArrayList;
import java.util.List;
import org.calibrax4j.metriclearning.Tape.Node;

/** Shared tape building blocks: normalisation, distances, cosines, reductions. */
final class Kernels {
    /** torch.nn.functional.normalize's floor on the norm. */
    static final double PML_NORM_FLOOR = 1e-12;

    private Kernels() {
    }

    /** x / max(‖x‖, 1e-12) (PML). */
    static Node[] normalizePml(Tape t, Node[] x) {
        Node n = t.maxConst(t.sqrt(t.dot(x, x)), PML_NORM_FLOOR);
        return divide(t, x, n);
    }

    /** x / (‖x‖ + eps) (calibrax). */
    static Node[] normalizeEps(Tape t, Node[] x, double eps) {
        Node n = t.addConst(t.sqrt(t.dot(x, x)), eps);
        return divide(t, x, n);
    }

    static Node[] normalize(Tape t, Node[] x, Convention c, double eps) {
        return c == Convention.PML ? normalizePml(t, x) : normalizeEps(t, x, eps);
    }

    private static Node[] divide(Tape t, Node[] x, Node n) {
        Node[] out = new Node[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = t.div(x[k], n);
        }
        return out;
    }

    static Node[][] rows(Tape t, Node[][] x, Distance distance) {
        if (distance == Distance.EUCLIDEAN) {
            return x;
        }
        Node[][] out = new Node[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = normalizePml(t, x[i]);
        }
        return out;
    }

    /** The B × B distance matrix √(‖xᵢ − xⱼ‖² + eps) (diagonal left null). */
    static Node[][] pairwise(Tape t, Node[][] x, double eps) {
        int b = x.length;
        Node[][] d = new Node[b][b];
        for (int i = 0; i < b; i++) {
            for (int j = i + 1; j < b; j++) {
                Node sq = t.squaredDistance(x[i], x[j]);
                d[i][j] = t.sqrt(eps == 0 ? sq : t.addConst(sq, eps));
                d[j][i] = d[i][j];
            }
        }
        return d;
    }

    /** Σ losses / #(loss > 0), or 0 when none is positive. */
    static Node avgNonZero(Tape t, List<Node> losses) {
        int n = 0;
        for (Node l : losses) {
            if (l.v > 0) {
                n++;
            }
        }
        return n == 0 ? t.constant(0) : t.scale(t.sum(losses), 1.0 / n);
    }

    static Node mean(Tape t, List<Node> losses) {
        return losses.isEmpty() ? t.constant(0) : t.scale(t.sum(losses), 1.0 / losses.size());
    }

    static Node reduce(Tape t, List<Node> losses, Reduction r) {
        return r == Reduction.AVG_NON_ZERO ? avgNonZero(t, losses) : mean(t, losses);
    }

    /** Cross-entropy of one row of logits against class {@code y}: logsumexp(z) − z_y. */
    static Node crossEntropy(Tape t, List<Node> logits, int y) {
        return t.sub(t.logSumExp(logits, false), logits.get(y));
    }

    static List<Node> list() {
        return new ArrayList<>();
    }

    static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    static double[][] transpose(double[][] m) {
        double[][] out = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                out[j][i] = m[i][j];
            }
        }
        return out;
    }
}
