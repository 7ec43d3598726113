package org.calibrax4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class LearnedWeightedMSETest {
    @Test
    void adamConcentratesTheWeightsOnTheInformativeFeatures() {
        LearnedWeightedMSE m = new LearnedWeightedMSE(8);
        List<MultiDataSet> data = LearnedWeightedMSE.demoBatches(8, 3, 4, 32, 7);
        double[] w0 = m.weights();
        assertEquals(1.0 / 8, w0[5], 1e-6);
        List<Double> losses = m.fit(data, new Adam(0.05), 25);
        assertTrue(losses.get(0) > 0 && losses.get(24) < 0.5 * losses.get(0), losses.toString());
        double[] w = m.weights();
        double informative = w[0] + w[1] + w[2];
        assertTrue(informative > 0.6, "weight on the 3 informative features: " + informative);
        m.update(Nd4j.ones(DataType.FLOAT, 2, 8), Nd4j.zeros(DataType.FLOAT, 2, 8));
        assertEquals(1.0, m.compute().get("learned_weighted_mse"), 1e-6, "softmax weights sum to 1");
        assertThrows(IllegalArgumentException.class, () -> m.update(Nd4j.ones(DataType.FLOAT, 2, 7), Nd4j.ones(DataType.FLOAT, 2, 7)));
    }
}
