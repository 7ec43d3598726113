package org.calibrax4j.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calibrax4j.fid.FIDMetric;
import org.calibrax4j.metric.GenerativeMetric;
import org.calibrax4j.metric.MetricDescriptor;
import org.calibrax4j.metric.MetricResult;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class MetricEvaluationListenerTest {
    private static final int D = 4;

    /** Records the sample counts it sees at each compute(). */
    static final class CountingMetric implements GenerativeMetric<CountingMetric> {
        long real;
        long generated;
        final List<long[]> computed = new ArrayList<>();

        @Override public MetricDescriptor descriptor() { return new MetricDescriptor("counts", true); }
        @Override public boolean usesRealData() { return true; }
        @Override public void updateReal(INDArray batch) { real += batch.size(0); }
        @Override public void updateGenerated(INDArray batch) { generated += batch.size(0); }
        @Override public void resetGenerated() { generated = 0; }
        @Override public long realCount() { return real; }
        @Override public long generatedCount() { return generated; }
        @Override public void reset() { real = 0; generated = 0; }
        @Override public void merge(CountingMetric other) { real += other.real; generated += other.generated; }
        @Override public MetricResult compute() {
            computed.add(new long[] {real, generated});
            return MetricResult.builder().put("real_count", real).put("generated_count", generated).build();
        }
    }

    private static DataSetIterator data(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, D);
        INDArray y = x.mul(0.5);
        return new ListDataSetIterator<>(new DataSet(x, y).asList(), 16);
    }

    private static MultiLayerNetwork tinyNetwork() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.01))
                .list()
                .layer(new DenseLayer.Builder().nIn(D).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(D).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The model's output for fixed inputs: deterministic given the weights. */
    private static INDArray outputOf(Model model, int count) {
        Nd4j.getRandom().setSeed(7);
        INDArray z = Nd4j.randn(DataType.FLOAT, count, D);
        if (model instanceof MultiLayerNetwork net) {
            return net.output(z);
        }
        return ((ComputationGraph) model).outputSingle(z);
    }

    @Test
    void evaluatesOncePerConfiguredEpochAndResetsGeneratedSide(@TempDir Path dir) throws Exception {
        CountingMetric counts = new CountingMetric();
        MetricEvaluationListener listener = MetricEvaluationListener.builder()
                .metric(counts).realData(data(50, 1)).generator(MetricEvaluationListenerTest::outputOf)
                .numSamples(30).generatorBatchSize(7).everyNEpochs(2)
                .csv(dir.resolve("m.csv")).json(dir.resolve("m.json"))
                .build();
        MultiLayerNetwork net = tinyNetwork();
        net.addListeners(listener);
        net.fit(data(64, 2), 5);

        assertEquals(List.of(2, 4), listener.history().stream().map(EpochEvaluation::epoch).toList());
        assertEquals(2, counts.computed.size());
        for (long[] c : counts.computed) {
            assertEquals(50, c[0], "real side read once and kept");
            assertEquals(30, c[1], "generated side holds this evaluation's samples only");
        }
        assertEquals(0, counts.generatedCount(), "generated side reset after the evaluation");
        assertTrue(listener.history().get(1).iteration() > listener.history().get(0).iteration());

        List<String> csv = Files.readAllLines(dir.resolve("m.csv"));
        assertEquals("epoch,iteration,seconds,real_count,generated_count", csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(2).startsWith("4,"), csv.get(2));
        assertTrue(csv.get(2).endsWith(",50.0,30.0"), csv.get(2));
        String json = Files.readString(dir.resolve("m.json"));
        assertTrue(json.contains("\"epoch\": 4") && json.contains("\"generated_count\": 30.0"), json);
    }

    @Test
    void reportsTheFidOfTheModelsSamplesOnAComputationGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(0.05))
                .graphBuilder().addInputs("in")
                .addLayer("h", new DenseLayer.Builder().nIn(D).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(D)
                        .activation(Activation.IDENTITY).build(), "h")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        FIDMetric fid = new FIDMetric(D);
        List<Double> expected = new ArrayList<>();
        DataSetIterator real = data(40, 5);
        MetricEvaluationListener listener = MetricEvaluationListener.builder()
                .metric(fid).realData(real).generator(MetricEvaluationListenerTest::outputOf).numSamples(25)
                .onEvaluation(e -> {
                    // recompute the same FID independently from the same samples
                    FIDMetric check = new FIDMetric(D);
                    real.reset();
                    while (real.hasNext()) {
                        check.updateReal(real.next().getFeatures());
                    }
                    real.reset();
                    check.updateGenerated(outputOf(graph, 25));
                    expected.add(check.compute().get(FIDMetric.FID));
                })
                .build();
        graph.addListeners(listener);
        graph.fit(data(64, 6), 3);

        assertEquals(List.of(1, 2, 3), listener.history().stream().map(EpochEvaluation::epoch).toList());
        for (int i = 0; i < 3; i++) {
            double got = listener.history().get(i).result().get("fid");
            assertEquals(expected.get(i), got, 1e-9 * Math.max(1, expected.get(i)));
            assertTrue(got > 0);
        }
        assertEquals(40, fid.realCount());
        assertEquals(0, fid.generatedCount());
    }

    @Test
    void rejectsAGeneratorThatReturnsTheWrongCount() {
        MetricEvaluationListener listener = MetricEvaluationListener.builder()
                .metric(new FIDMetric(D)).realData(data(10, 1)).generator((m, n) -> Nd4j.zeros(DataType.FLOAT, n + 1, D))
                .numSamples(5).build();
        MultiLayerNetwork net = tinyNetwork();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> listener.evaluate(net, 1));
        assertTrue(e.getMessage().contains("shape [6, 4]") && e.getMessage().contains("5 samples"), e.getMessage());
    }

    @Test
    void builderNamesWhatIsMissingOrWrong() {
        assertThrows(IllegalStateException.class, () -> MetricEvaluationListener.builder().generator((m, n) -> null).build());
        IllegalStateException noReal = assertThrows(IllegalStateException.class,
                () -> MetricEvaluationListener.builder().metric(new FIDMetric(D)).generator((m, n) -> null).build());
        assertTrue(noReal.getMessage().contains("fid") && noReal.getMessage().contains("realData"), noReal.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> MetricEvaluationListener.builder().everyNEpochs(0));
        assertTrue(bad.getMessage().contains("everyNEpochs") && bad.getMessage().contains("0"));
    }
}
