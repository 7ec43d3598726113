package org.calibrax4j.metriclearning;

import org.calibrax4j.metriclearning.Tape.Node;

/** Cosines between embeddings and class vectors on the tape. */
final class Angular {
    private Angular() {
    }

    /** B × C cosines between rows of x and rows of w (both normalised by the convention). */
    static Node[][] cosines(Tape t, Node[][] x, Node[][] w, Convention convention, double eps) {
        Node[][] xn = new Node[x.length][];
        for (int i = 0; i < x.length; i++) {
            xn[i] = Kernels.normalize(t, x[i], convention, eps);
        }
        Node[][] wn = new Node[w.length][];
        for (int j = 0; j < w.length; j++) {
            wn[j] = Kernels.normalize(t, w[j], convention, eps);
        }
        Node[][] c = new Node[x.length][w.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < w.length; j++) {
                c[i][j] = t.dot(xn[i], wn[j]);
            }
        }
        return c;
    }
}
