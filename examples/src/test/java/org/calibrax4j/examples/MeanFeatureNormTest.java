package org.calibrax4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class MeanFeatureNormTest {

    @Test
    void meanOfRowNormsOverBatchesAndMerges() {
        MeanFeatureNorm a = new MeanFeatureNorm(null);
        a.update(Nd4j.createFromArray(new double[][] {{3, 4}, {0, 1}}));
        MeanFeatureNorm b = new MeanFeatureNorm(null);
        b.update(Nd4j.createFromArray(new double[][] {{6, 8}}));
        a.merge(b);
        assertEquals((5 + 1 + 10) / 3.0, a.compute().get("mean_feature_norm"), 1e-12);
        a.reset();
        assertThrows(IllegalStateException.class, a::compute);
    }

    @Test
    void rejectedBatchLeavesStateUntouched() {
        MeanFeatureNorm m = new MeanFeatureNorm(null);
        m.update(Nd4j.createFromArray(new double[][] {{3, 4}}));
        assertThrows(IllegalArgumentException.class, () -> m.update(Nd4j.createFromArray(new double[][] {{Double.NaN, 1}})));
        assertEquals(5.0, m.compute().get("mean_feature_norm"), 1e-12);
    }
}
