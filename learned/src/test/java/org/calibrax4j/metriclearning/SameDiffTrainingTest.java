package org.calibrax4j.metriclearning;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The SameDiff builders train: a small embedding network (and, for ArcFace and ProxyAnchor, the
 * class weights / proxies the loss owns) fitted with Adam through {@code sd.fit}. The loss is
 * computed with {@code sd.outputSingle} before and after (M2.1 reports 0.0 during fit).
 */
class SameDiffTrainingTest {
    static final int B = 48;
    static final int IN = 6;
    static final int D = 4;
    static final int C = 3;

    /** Three overlapping Gaussian classes in 6-D, mixed by a fixed linear map. */
    static DataSet data() {
        Random r = new Random(42);
        float[] x = new float[B * IN];
        float[] y = new float[B];
        for (int i = 0; i < B; i++) {
            int c = i % C;
            y[i] = c;
            for (int k = 0; k < IN; k++) {
                x[i * IN + k] = (float) ((k % C == c ? 1.0 : 0.0) + 0.7 * r.nextGaussian());
            }
        }
        return new DataSet(Nd4j.create(x, new long[] {B, IN}, 'c'), Nd4j.create(y, new long[] {B}, 'c'));
    }

    /** input → tanh(x W₁ + b₁) W₂: a 6 → 16 → 4 embedding. */
    static SDVariable[] network(SameDiff sd) {
        SDVariable in = sd.placeHolder("input", DataType.FLOAT, -1, IN);
        SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, -1);
        Random r = new Random(7);
        SDVariable w1 = sd.var("w1", gaussian(r, IN, 16, 0.4));
        SDVariable b1 = sd.var("b1", Nd4j.zeros(DataType.FLOAT, 1, 16));
        SDVariable w2 = sd.var("w2", gaussian(r, 16, D, 0.4));
        SDVariable emb = sd.math.tanh(in.mmul(w1).add(b1)).mmul(w2);
        return new SDVariable[] {emb, labels};
    }

    static INDArray gaussian(Random r, int rows, int cols, double sd) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (sd * r.nextGaussian());
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'c');
    }

    static double[] train(SameDiff sd, String weights) {
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(0.03)).dataSetFeatureMapping("input")
                .dataSetLabelMapping("labels").build());
        DataSet ds = data();
        Map<String, INDArray> ph = Map.of("input", ds.getFeatures(), "labels", ds.getLabels());
        double before = sd.outputSingle(ph, "loss").getDouble(0);
        INDArray w0 = weights == null ? null : sd.getVariable(weights).getArr().dup();
        for (int i = 0; i < 30; i++) {
            sd.fit(ds);
        }
        double after = sd.outputSingle(ph, "loss").getDouble(0);
        if (w0 != null) {
            assertFalse(w0.equalsWithEps(sd.getVariable(weights).getArr(), 1e-6), weights + " did not train");
        }
        return new double[] {before, after};
    }

    @Test
    void tripletLossFallsUnderAdam() {
        SameDiff sd = SameDiff.create();
        SDVariable[] net = network(sd);
        sd.setLossVariables(TripletMarginLoss.defaults().define(sd, "loss", net[0], net[1]));
        double[] ba = train(sd, null);
        assertTrue(ba[0] > 0 && Double.isFinite(ba[1]) && ba[1] < 0.6 * ba[0],
                "triplet loss before " + ba[0] + ", after " + ba[1]);
    }

    @Test
    void arcFaceLossAndItsClassWeightsTrainUnderAdam() {
        SameDiff sd = SameDiff.create();
        SDVariable[] net = network(sd);
        ArcFaceLoss loss = new ArcFaceLoss(C, D, 0.2, 16, Convention.PML, 1e-8);
        sd.setLossVariables(loss.defineWithTrainableWeights(sd, "loss", net[0], net[1], loss.initialWeights(3)));
        double[] ba = train(sd, "loss_weights");
        assertTrue(Double.isFinite(ba[1]) && ba[1] < 0.6 * ba[0], "ArcFace before " + ba[0] + ", after " + ba[1]);
    }

    @Test
    void proxyAnchorLossAndItsProxiesTrainUnderAdam() {
        SameDiff sd = SameDiff.create();
        SDVariable[] net = network(sd);
        ProxyAnchorLoss loss = ProxyAnchorLoss.of(C, D);
        sd.setLossVariables(loss.defineWithTrainableWeights(sd, "loss", net[0], net[1], loss.initialWeights(5)));
        double[] ba = train(sd, "loss_weights");
        assertTrue(Double.isFinite(ba[1]) && ba[1] < 0.6 * ba[0], "ProxyAnchor before " + ba[0] + ", after " + ba[1]);
    }
}
