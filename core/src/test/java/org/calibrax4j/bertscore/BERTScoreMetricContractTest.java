package org.calibrax4j.bertscore;

import java.util.List;
import java.util.function.Consumer;
import org.calibrax4j.metric.MetricContractTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BERTScoreMetricContractTest extends MetricContractTest<BERTScoreMetric> {
    private static final int D = 6;
    private final List<INDArray> cands = List.of(Nd4j.randn(DataType.FLOAT, 3, D), Nd4j.randn(DataType.FLOAT, 5, D),
            Nd4j.randn(DataType.DOUBLE, 1, D), Nd4j.randn(DataType.FLOAT, 4, D));
    private final List<INDArray> refs = List.of(Nd4j.randn(DataType.FLOAT, 4, D), Nd4j.randn(DataType.FLOAT, 2, D),
            Nd4j.randn(DataType.DOUBLE, 6, D), Nd4j.randn(DataType.FLOAT, 4, D));
    private final List<INDArray> idf = List.of(Nd4j.rand(DataType.DOUBLE, 3), Nd4j.rand(DataType.DOUBLE, 5),
            Nd4j.rand(DataType.DOUBLE, 1), Nd4j.rand(DataType.DOUBLE, 4));

    @Override
    protected BERTScoreMetric create() {
        return BERTScoreMetric.withBaseline(Baseline.ROBERTA_LARGE_L17);
    }

    @Override
    protected List<Consumer<BERTScoreMetric>> batches() {
        return List.of(
                m -> m.update(cands.get(0), refs.get(0), idf.get(0), null),
                m -> m.update(cands.subList(1, 3), refs.subList(1, 3), idf.subList(1, 3), null),
                m -> m.update(cands.get(3), refs.get(3), idf.get(3), null));
    }

    @Override
    protected Consumer<BERTScoreMetric> allAtOnce() {
        return m -> m.update(cands, refs, idf, null);
    }

    @Override
    protected Consumer<BERTScoreMetric> badUpdate() {
        return m -> m.update(cands.get(0), Nd4j.randn(DataType.FLOAT, 4, D + 1));
    }
}
