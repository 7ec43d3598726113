package org.calibrax4j.examples;

import org.calibrax4j.backbone.FeatureExtractor;
import org.calibrax4j.metric.Checks;
import org.calibrax4j.metric.FrozenBackboneMetric;
import org.calibrax4j.metric.MetricDescriptor;
import org.calibrax4j.metric.MetricResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A custom frozen-backbone metric: the mean L2 norm of the backbone's feature vectors. */
public final class MeanFeatureNorm extends FrozenBackboneMetric<MeanFeatureNorm> {
    private double sum;
    private long count;

    /** @param backbone the frozen network, or {@code null} to take features directly */
    public MeanFeatureNorm(FeatureExtractor backbone) {
        super(backbone);
    }

    @Override
    protected void accumulate(INDArray features) {
        double[] f = Checks.finiteMatrix("MeanFeatureNorm", "features", features, -1); // validate before changing state
        int d = (int) features.size(1);
        for (int i = 0; i < f.length; i += d) {
            double sq = 0;
            for (int j = i; j < i + d; j++) {
                sq += f[j] * f[j];
            }
            sum += Math.sqrt(sq);
        }
        count += features.size(0);
    }

    @Override
    protected MetricResult computeFromAccumulated() {
        if (count == 0) {
            throw new IllegalStateException("MeanFeatureNorm: compute() before any update");
        }
        return MetricResult.of("mean_feature_norm", sum / count);
    }

    @Override
    public MetricDescriptor descriptor() {
        return new MetricDescriptor("mean_feature_norm", false);
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public void merge(MeanFeatureNorm other) {
        sum += other.sum;
        count += other.count;
    }
}
