package org.calibrax4j.prdc;

import java.util.List;
import java.util.function.Consumer;
import org.calibrax4j.metric.MetricContractTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class PrecisionRecallMetricContractTest extends MetricContractTest<PrecisionRecallMetric> {
    private static final int D = 4;
    private final INDArray real = Nd4j.randn(DataType.DOUBLE, 40, D);
    private final INDArray gen = Nd4j.randn(DataType.FLOAT, 36, D).addi(0.3f);

    private static INDArray rows(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    @Override
    protected PrecisionRecallMetric create() {
        return new PrecisionRecallMetric(D, PrecisionRecallConfig.withNearestK(3));
    }

    @Override
    protected List<Consumer<PrecisionRecallMetric>> batches() {
        return List.of(
                m -> m.update(rows(real, 0, 10), rows(gen, 0, 3)),
                m -> m.update(rows(real, 10, 25), null),
                m -> m.updateGenerated(rows(gen, 3, 20)),
                m -> m.update(rows(real, 25, 40), rows(gen, 20, 36)));
    }

    @Override
    protected Consumer<PrecisionRecallMetric> allAtOnce() {
        return m -> m.update(real, gen);
    }

    @Override
    protected Consumer<PrecisionRecallMetric> badUpdate() {
        return m -> m.update(real, Nd4j.rand(DataType.DOUBLE, 5, D + 1));
    }
}
