package org.calibrax4j.metriclearning;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradients against central finite differences: the exact path for every loss, SameDiff for two. */
class GradientCheckTest {
    static final int B = 9;
    static final int D = 3;
    static final int C = 3;
    static final int[] LABELS = {0, 0, 0, 1, 1, 1, 2, 2, 0};

    static double[][] gaussian(long seed, int rows, int cols) {
        Random r = new Random(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int k = 0; k < cols; k++) {
                row[k] = r.nextGaussian();
            }
        }
        return m;
    }

    /** Central differences of f at m, in place (m is restored). */
    static double[][] numeric(double[][] m, ToDoubleFunction<double[][]> f) {
        double h = 1e-6;
        double[][] g = new double[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int k = 0; k < m[0].length; k++) {
                double v = m[i][k];
                m[i][k] = v + h;
                double up = f.applyAsDouble(m);
                m[i][k] = v - h;
                double down = f.applyAsDouble(m);
                m[i][k] = v;
                g[i][k] = (up - down) / (2 * h);
            }
        }
        return g;
    }

    static void assertClose(double[][] expected, double[][] got, double rel, String what) {
        double max = 0;
        double dev = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int k = 0; k < expected[0].length; k++) {
                max = Math.max(max, Math.abs(expected[i][k]));
                dev = Math.max(dev, Math.abs(expected[i][k] - got[i][k]));
            }
        }
        assertTrue(max > 0, what + ": gradient is identically zero, the check would be vacuous");
        assertTrue(dev <= rel * max, String.format("%s: max |analytic − numeric| %.3g > %.3g · %.3g", what, dev,
                rel, max));
    }

    static void checkEmbeddingLoss(EmbeddingLoss loss) {
        double[][] e = gaussian(11, B, D);
        LossEvaluation ev = loss.evaluate(e, LABELS);
        assertClose(numeric(e, m -> loss.evaluate(m, LABELS).loss()), ev.embeddingGradient(), 1e-6, loss.toString());
    }

    static void checkWeightLoss(ClassWeightLoss loss) {
        double[][] e = gaussian(12, B, D);
        long[] s = loss.weightShape();
        double[][] w = gaussian(13, (int) s[0], (int) s[1]);
        LossEvaluation ev = loss.evaluate(e, LABELS, w);
        assertClose(numeric(e, m -> loss.evaluate(m, LABELS, w).loss()), ev.embeddingGradient(), 1e-6,
                loss + " d/dx");
        assertClose(numeric(w, m -> loss.evaluate(e, LABELS, m).loss()), ev.weightGradient(), 1e-6, loss + " d/dW");
    }

    @Test
    void exactGradientsOfPairAndTripletLossesMatchFiniteDifferences() {
        checkEmbeddingLoss(ContrastiveLoss.defaults());
        checkEmbeddingLoss(ContrastiveLoss.calibrax());
        checkEmbeddingLoss(ContrastiveLoss.builder().distance(Distance.EUCLIDEAN_NORMALIZED).build());
        checkEmbeddingLoss(TripletMarginLoss.defaults());
        checkEmbeddingLoss(TripletMarginLoss.calibrax());
    }

    @Test
    void exactGradientsOfContrastiveSoftmaxLossesMatchFiniteDifferences() {
        checkEmbeddingLoss(NtXentLoss.defaults());
        checkEmbeddingLoss(NtXentLoss.ntXent(0.3));
        checkEmbeddingLoss(NtXentLoss.calibrax(0.5));
    }

    @Test
    void exactGradientsOfClassWeightLossesMatchFiniteDifferences() {
        checkWeightLoss(new ArcFaceLoss(C, D, 0.5, 8, Convention.PML, 1e-8));
        checkWeightLoss(new ArcFaceLoss(C, D, 0.5, 8, Convention.CALIBRAX, 1e-8));
        checkWeightLoss(new CosFaceLoss(C, D, 0.35, 8, Convention.PML, 1e-8));
        checkWeightLoss(ProxyNcaLoss.of(C, D));
        checkWeightLoss(new ProxyNcaLoss(C, D, 2, 2, Convention.CALIBRAX, 1e-8, true));
        checkWeightLoss(new ProxyAnchorLoss(C, D, 0.1, 4, Convention.PML, 1e-8));
        checkWeightLoss(new ProxyAnchorLoss(C, D, 0.1, 4, Convention.CALIBRAX, 1e-8));
    }

    /** SameDiff's own float64 autodiff of the graph against finite differences of the same graph. */
    static void checkGraph(ClassWeightLoss loss) {
        double[][] e = gaussian(14, B, D);
        long[] s = loss.weightShape();
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.create(e));
        SDVariable labels = sd.constant("labels", Nd4j.createFromArray(LABELS).castTo(DataType.DOUBLE));
        INDArray w0 = Nd4j.create(gaussian(15, (int) s[0], (int) s[1]));
        sd.setLossVariables(loss.defineWithTrainableWeights(sd, "loss", x, labels, w0));
        Map<String, INDArray> none = Map.of();
        Map<String, INDArray> g = sd.calculateGradients(none, "x", "loss_weights");
        for (String name : new String[] {"x", "loss_weights"}) {
            INDArray arr = sd.getVariable(name).getArr();
            double[][] numeric = numeric(arr.toDoubleMatrix(), m -> {
                arr.assign(Nd4j.create(m));
                return sd.outputSingle(none, "loss").getDouble(0);
            });
            assertClose(numeric, g.get(name).toDoubleMatrix(), 1e-6, loss + " SameDiff d/d" + name);
        }
    }

    @Test
    void sameDiffGradientsMatchFiniteDifferences() {
        checkGraph(ProxyNcaLoss.of(C, D));
        checkGraph(new ArcFaceLoss(C, D, 0.5, 8, Convention.PML, 1e-8));
    }
}
