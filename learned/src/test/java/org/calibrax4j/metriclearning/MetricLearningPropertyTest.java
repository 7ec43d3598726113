package org.calibrax4j.metriclearning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Invariances, degenerate batches and miner consistency. */
class MetricLearningPropertyTest {
    static final int[] LABELS = {0, 1, 2, 0, 1, 2, 0, 1, 3, 0};
    static final double[][] E = GradientCheckTest.gaussian(21, LABELS.length, 5);

    static final List<EmbeddingLoss> EMBEDDING_LOSSES = List.of(ContrastiveLoss.defaults(), ContrastiveLoss.calibrax(),
            ContrastiveLoss.builder().distance(Distance.EUCLIDEAN_NORMALIZED).reduction(Reduction.MEAN).build(),
            TripletMarginLoss.defaults(), TripletMarginLoss.calibrax(), NtXentLoss.defaults(), NtXentLoss.ntXent(0.5),
            NtXentLoss.calibrax(0.5));

    static final List<ClassWeightLoss> WEIGHT_LOSSES = List.of(ArcFaceLoss.of(4, 5), CosFaceLoss.of(4, 5),
            ProxyNcaLoss.of(4, 5), ProxyAnchorLoss.of(4, 5));

    static double[][] weights(ClassWeightLoss l) {
        long[] s = l.weightShape();
        return GradientCheckTest.gaussian(22, (int) s[0], (int) s[1]);
    }

    static void close(double a, double b, String what) {
        assertTrue(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)), what + ": " + a + " vs " + b);
    }

    @Test
    void permutingTheBatchPermutesTheGradientAndKeepsTheLoss() {
        int[] perm = {3, 9, 0, 7, 1, 8, 2, 6, 4, 5};
        double[][] pe = new double[E.length][];
        int[] pl = new int[E.length];
        for (int i = 0; i < perm.length; i++) {
            pe[i] = E[perm[i]];
            pl[i] = LABELS[perm[i]];
        }
        for (EmbeddingLoss l : EMBEDDING_LOSSES) {
            LossEvaluation a = l.evaluate(E, LABELS);
            LossEvaluation b = l.evaluate(pe, pl);
            close(a.loss(), b.loss(), l + " loss");
            for (int i = 0; i < perm.length; i++) {
                for (int k = 0; k < E[0].length; k++) {
                    close(a.embeddingGradient()[perm[i]][k], b.embeddingGradient()[i][k], l + " grad");
                }
            }
        }
    }

    @Test
    void renamingClassesChangesNothing() {
        int[] renamed = new int[LABELS.length];
        int[] map = {7, 3, 0, 12};
        for (int i = 0; i < LABELS.length; i++) {
            renamed[i] = map[LABELS[i]];
        }
        for (EmbeddingLoss l : EMBEDDING_LOSSES) {
            close(l.evaluate(E, LABELS).loss(), l.evaluate(E, renamed).loss(), l.toString());
        }
    }

    @Test
    void rawEuclideanLossesAreTranslationInvariantAndTheirGradientsSumToZero() {
        double[][] shifted = Kernels.copy(E);
        for (double[] row : shifted) {
            for (int k = 0; k < row.length; k++) {
                row[k] += 0.5 * (k + 1);
            }
        }
        for (EmbeddingLoss l : List.of(ContrastiveLoss.defaults(), ContrastiveLoss.calibrax(),
                TripletMarginLoss.defaults(), TripletMarginLoss.calibrax())) {
            LossEvaluation a = l.evaluate(E, LABELS);
            assertTrue(a.loss() > 0, l + " should be active on this batch");
            assertTrue(Math.abs(a.loss() - l.evaluate(shifted, LABELS).loss()) <= 1e-12, l + " translation");
            for (int k = 0; k < E[0].length; k++) {
                double s = 0;
                for (double[] g : a.embeddingGradient()) {
                    s += g[k];
                }
                assertTrue(Math.abs(s) <= 1e-12, l + " Σ gradient column " + k + " = " + s);
            }
        }
    }

    @Test
    void cosineLossesAreScaleInvariantWithGradientsOrthogonalToEachEmbedding() {
        double[][] scaled = Kernels.copy(E);
        for (int i = 0; i < scaled.length; i++) {
            for (int k = 0; k < scaled[i].length; k++) {
                scaled[i][k] *= 1 + i;
            }
        }
        for (EmbeddingLoss l : List.of(NtXentLoss.defaults(), NtXentLoss.ntXent(0.5),
                ContrastiveLoss.builder().distance(Distance.EUCLIDEAN_NORMALIZED).build())) {
            LossEvaluation a = l.evaluate(E, LABELS);
            close(a.loss(), l.evaluate(scaled, LABELS).loss(), l + " scale");
            assertOrthogonal(E, a.embeddingGradient(), l.toString());
        }
        for (ClassWeightLoss l : WEIGHT_LOSSES) {
            double[][] w = weights(l);
            LossEvaluation a = l.evaluate(E, LABELS, w);
            close(a.loss(), l.evaluate(scaled, LABELS, w).loss(), l + " scale");
            assertOrthogonal(E, a.embeddingGradient(), l.toString());
        }
    }

    static void assertOrthogonal(double[][] x, double[][] g, String what) {
        for (int i = 0; i < x.length; i++) {
            double dot = 0;
            double norm = 0;
            for (int k = 0; k < x[i].length; k++) {
                dot += x[i][k] * g[i][k];
                norm += g[i][k] * g[i][k];
            }
            assertTrue(Math.abs(dot) <= 1e-12 * Math.max(1, Math.sqrt(norm)), what + " x·∇ row " + i + " = " + dot);
        }
    }

    @Test
    void arcFaceWithoutMarginEqualsCosFaceWithoutMargin() {
        double[][] w = GradientCheckTest.gaussian(23, 5, 4);
        LossEvaluation a = new ArcFaceLoss(4, 5, 0, 30, Convention.PML, 1e-8).evaluate(E, LABELS, w);
        LossEvaluation c = new CosFaceLoss(4, 5, 0, 30, Convention.PML, 1e-8).evaluate(E, LABELS, w);
        close(a.loss(), c.loss(), "loss");
        for (int i = 0; i < E.length; i++) {
            for (int k = 0; k < E[0].length; k++) {
                assertTrue(Math.abs(a.embeddingGradient()[i][k] - c.embeddingGradient()[i][k]) <= 1e-10);
            }
        }
    }

    @Test
    void pmlLossesAreNonNegative() {
        for (EmbeddingLoss l : EMBEDDING_LOSSES.subList(0, 7)) {
            assertTrue(l.evaluate(E, LABELS).loss() >= 0, l.toString());
        }
        for (ClassWeightLoss l : WEIGHT_LOSSES) {
            assertTrue(l.evaluate(E, LABELS, weights(l)).loss() >= 0, l.toString());
        }
    }

    @Test
    void batchesWithoutTuplesGiveZeroWithAZeroGradient() {
        int[] distinct = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[] same = new int[10];
        assertZero(TripletMarginLoss.defaults().evaluate(E, distinct), "triplet, distinct labels");
        assertZero(TripletMarginLoss.calibrax().evaluate(E, same), "triplet, one class");
        assertZero(NtXentLoss.defaults().evaluate(E, distinct), "SupCon, distinct labels");
        assertZero(NtXentLoss.defaults().evaluate(E, same), "SupCon, one class");
        assertZero(NtXentLoss.ntXent(0.5).evaluate(E, same), "NT-Xent, one class");
        assertZero(ContrastiveLoss.defaults().evaluate(new double[][] {{1, 2}}, new int[] {0}), "contrastive, B = 1");
        // Every triplet satisfied by a wide margin: AvgNonZero of all-zero losses is 0, not NaN.
        double[][] far = {{0, 0}, {0, 0.1}, {5, 0}};
        assertZero(TripletMarginLoss.defaults().evaluate(far, new int[] {0, 0, 1}), "triplet, satisfied");
    }

    static void assertZero(LossEvaluation ev, String what) {
        assertEquals(0.0, ev.loss(), what);
        for (double[] row : ev.embeddingGradient()) {
            for (double g : row) {
                assertEquals(0.0, g, what + " gradient");
            }
        }
    }

    @Test
    void minedTuplesAreValidAndConsistent() {
        for (Distance d : Distance.values()) {
            double[][] dist = Miners.distances("test", E, LABELS, d);
            for (int[] t : Miners.batchHard(E, LABELS, d)) {
                assertValidTriplet(t);
                for (int k = 0; k < E.length; k++) {
                    if (k != t[0] && LABELS[k] == LABELS[t[0]]) {
                        assertTrue(dist[t[0]][k] <= dist[t[0]][t[1]], "farthest positive");
                    } else if (LABELS[k] != LABELS[t[0]]) {
                        assertTrue(dist[t[0]][k] >= dist[t[0]][t[2]], "closest negative");
                    }
                }
            }
            Set<List<Integer>> all = new HashSet<>();
            for (int[] t : Miners.semiHardAll(E, LABELS, d, 1.0)) {
                assertValidTriplet(t);
                double gap = dist[t[0]][t[2]] - dist[t[0]][t[1]];
                assertTrue(gap > 0 && gap <= 1.0, "semi-hard gap " + gap);
                all.add(List.of(t[0], t[1], t[2]));
            }
            for (int[] t : Miners.semiHardClosest(E, LABELS, d, 1.0)) {
                assertTrue(all.contains(List.of(t[0], t[1], t[2])), "closest semi-hard ⊆ all semi-hard");
            }
            int[][] pairs = Miners.hardNegativePairs(E, LABELS, d);
            assertEquals(E.length, pairs.length, "every anchor has a negative here");
            int positivePairs = 0;
            for (int a = 0; a < E.length; a++) {
                for (int p = 0; p < E.length; p++) {
                    positivePairs += p != a && LABELS[p] == LABELS[a] ? 1 : 0;
                }
            }
            int[][] triplets = Miners.hardNegativeTriplets(E, LABELS, d);
            assertEquals(positivePairs, triplets.length, "one triplet per positive pair");
            for (int[] t : triplets) {
                assertValidTriplet(t);
                assertEquals(pairs[t[0]][1], t[2], "the anchor's hardest negative");
            }
        }
    }

    static void assertValidTriplet(int[] t) {
        assertTrue(t[0] != t[1] && LABELS[t[0]] == LABELS[t[1]] && LABELS[t[2]] != LABELS[t[0]],
                "invalid triplet " + java.util.Arrays.toString(t));
    }

    @Test
    void minersAcceptNdArrays() {
        var x = org.nd4j.linalg.factory.Nd4j.create(E);
        var y = org.nd4j.linalg.factory.Nd4j.createFromArray(LABELS);
        assertTrue(java.util.Arrays.deepEquals(Miners.batchHard(E, LABELS, Distance.EUCLIDEAN),
                Miners.batchHard(x, y, Distance.EUCLIDEAN)));
        assertTrue(java.util.Arrays.deepEquals(Miners.semiHardClosest(E, LABELS, Distance.EUCLIDEAN_NORMALIZED, 0.2),
                Miners.semiHardClosest(x, y, Distance.EUCLIDEAN_NORMALIZED, 0.2)));
        assertEquals(E.length, Miners.hardNegativePairs(x, y, Distance.EUCLIDEAN).length);
    }
}
