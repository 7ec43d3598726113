package org.calibrax4j.kid;

import java.util.List;
import java.util.function.Consumer;
import org.calibrax4j.metric.MetricContractTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class KIDMetricContractTest extends MetricContractTest<KIDMetric> {
    private static final int D = 5;
    private final INDArray real = Nd4j.rand(DataType.DOUBLE, 40, D).muli(3).addi(1);
    private final INDArray gen = Nd4j.randn(DataType.FLOAT, 36, D).muli(2);

    private static INDArray rows(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    @Override
    protected KIDMetric create() {
        return new KIDMetric(D, KIDConfig.builder().subsets(7).subsetSize(12).seed(11).fullSet(true).build());
    }

    @Override
    protected List<Consumer<KIDMetric>> batches() {
        return List.of(
                m -> m.update(rows(real, 0, 10), rows(gen, 0, 3)),
                m -> m.update(rows(real, 10, 25), null),
                m -> m.updateGenerated(rows(gen, 3, 20)),
                m -> m.update(rows(real, 25, 40), rows(gen, 20, 36)));
    }

    @Override
    protected Consumer<KIDMetric> allAtOnce() {
        return m -> m.update(real, gen);
    }

    @Override
    protected Consumer<KIDMetric> badUpdate() {
        return m -> m.update(real, Nd4j.rand(DataType.DOUBLE, 5, D + 1));
    }

    @Override
    protected double relativeTolerance() {
        return 1e-12;
    }
}
