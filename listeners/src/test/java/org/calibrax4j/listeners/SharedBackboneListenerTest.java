package org.calibrax4j.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.calibrax4j.backbone.BackboneOutput;
import org.calibrax4j.backbone.FeatureExtractor;
import org.calibrax4j.fid.FIDMetric;
import org.calibrax4j.inception.InceptionScoreMetric;
import org.calibrax4j.kid.KIDConfig;
import org.calibrax4j.kid.KIDMetric;
import org.calibrax4j.metric.MetricResult;
import org.calibrax4j.prdc.PrecisionRecallConfig;
import org.calibrax4j.prdc.PrecisionRecallMetric;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The listener with one shared backbone: a real (tiny, seeded) DL4J CNN classifier whose
 * penultimate dense layer gives features and whose softmax gives class probabilities.
 */
class SharedBackboneListenerTest {
    private static final int SIDE = 6;
    private static final int FEATURES = 5;
    private static final int CLASSES = 3;
    private static final int NOISE = 8;

    /** A small CNN read at two layers; counts how often its network runs. */
    static class TinyCnn implements FeatureExtractor {
        final MultiLayerNetwork net;
        final boolean onePass;
        int passes;

        TinyCnn(boolean onePass) {
            this.onePass = onePass;
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                    .list()
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                    .layer(new DenseLayer.Builder().nOut(FEATURES).activation(Activation.TANH).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                            .activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.convolutional(SIDE, SIDE, 1))
                    .build();
            net = new MultiLayerNetwork(conf);
            net.init();
        }

        @Override
        public String name() {
            return "tiny-cnn";
        }

        @Override
        public int featureDim() {
            return FEATURES;
        }

        @Override
        public int numClasses() {
            return CLASSES;
        }

        private List<INDArray> run(INDArray images) {
            passes++;
            return net.feedForward(images, false);
        }

        @Override
        public INDArray features(INDArray images) {
            List<INDArray> a = run(images);
            return a.get(a.size() - 2);
        }

        @Override
        public INDArray classProbabilities(INDArray images) {
            List<INDArray> a = run(images);
            return a.get(a.size() - 1);
        }

        @Override
        public BackboneOutput forward(INDArray images) {
            if (!onePass) {
                return FeatureExtractor.super.forward(images);
            }
            List<INDArray> a = run(images);
            return new BackboneOutput(a.get(a.size() - 2), a.get(a.size() - 1));
        }
    }

    /** The model being trained: noise → SIDE×SIDE images in (0, 1). */
    private static MultiLayerNetwork generatorNetwork() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Sgd(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(NOISE).nOut(16).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(16).nOut(SIDE * SIDE)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Deterministic samples: a fixed noise stream through the model, reshaped to images. */
    private static final class Sampler implements SampleGenerator {
        long calls;

        @Override
        public INDArray generate(Model model, int count) {
            Nd4j.getRandom().setSeed(1000 + calls++);
            INDArray z = Nd4j.randn(DataType.FLOAT, count, NOISE);
            return ((MultiLayerNetwork) model).output(z).reshape(count, 1, SIDE, SIDE);
        }
    }

    private static DataSetIterator realImages(int n, int batch) {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 1, SIDE, SIDE);
        return new ListDataSetIterator<>(new DataSet(x, Nd4j.zeros(DataType.FLOAT, n, 1)).asList(), batch);
    }

    @Test
    void oneForwardPassPerBatchFeedsFidKidPrdcAndIs() {
        TinyCnn cnn = new TinyCnn(true);
        FIDMetric fid = new FIDMetric(FEATURES);
        KIDMetric kid = new KIDMetric(FEATURES, KIDConfig.builder().subsets(5).subsetSize(20).build());
        PrecisionRecallMetric prdc = new PrecisionRecallMetric(FEATURES, PrecisionRecallConfig.withNearestK(3));
        InceptionScoreMetric is = new InceptionScoreMetric(3);
        MetricEvaluationListener listener = MetricEvaluationListener.builder().backbone(cnn)
                .metric(fid).metric(kid).metric(prdc).metric(is)
                .realData(realImages(40, 16)).generator(new Sampler()).numSamples(30).generatorBatchSize(10).build();
        MultiLayerNetwork model = generatorNetwork();

        EpochEvaluation e = listener.evaluate(model, 1);
        // 3 real batches (16 + 16 + 8) and 3 generated batches (10 each): one network run each
        assertEquals(6, cnn.passes);
        MetricResult r = e.result();
        assertEquals(List.of("fid", "kid_mean", "kid_std", "precision", "recall", "density", "coverage",
                "inception_score", "inception_score_std"), new ArrayList<>(r.names()));

        // the same values from the backbone's outputs computed independently
        Sampler again = new Sampler();
        INDArray feats = Nd4j.concat(0, cnn.features(again.generate(model, 10)), cnn.features(again.generate(model, 10)),
                cnn.features(again.generate(model, 10)));
        again = new Sampler();
        INDArray probs = Nd4j.concat(0, cnn.classProbabilities(again.generate(model, 10)),
                cnn.classProbabilities(again.generate(model, 10)), cnn.classProbabilities(again.generate(model, 10)));
        DataSetIterator real = realImages(40, 40);
        INDArray realFeats = cnn.features(real.next().getFeatures());
        FIDMetric fid2 = new FIDMetric(FEATURES);
        fid2.update(realFeats, feats);
        KIDMetric kid2 = new KIDMetric(FEATURES, KIDConfig.builder().subsets(5).subsetSize(20).build());
        kid2.update(realFeats, feats);
        PrecisionRecallMetric prdc2 = new PrecisionRecallMetric(FEATURES, PrecisionRecallConfig.withNearestK(3));
        prdc2.update(realFeats, feats);
        InceptionScoreMetric is2 = new InceptionScoreMetric(3);
        is2.update(probs);
        MetricResult expected = fid2.compute().concat(kid2.compute()).concat(prdc2.compute()).concat(is2.compute());
        for (String k : expected.names()) {
            assertEquals(expected.get(k), r.get(k), 1e-6 * Math.max(1, Math.abs(expected.get(k))), k);
        }
        assertTrue(r.get("fid") > 0 && r.get("inception_score") > 1, r.toString());

        // a second evaluation reuses the real features: only the 3 generated batches run
        int before = cnn.passes;
        listener.evaluate(model, 2);
        assertEquals(before + 3, cnn.passes);
    }

    @Test
    void defaultForwardRunsTwiceButTheListenerStillCallsItOncePerBatch() {
        TinyCnn cnn = new TinyCnn(false);
        InceptionScoreMetric is = new InceptionScoreMetric(2);
        FIDMetric fid = new FIDMetric(FEATURES);
        MetricEvaluationListener listener = MetricEvaluationListener.builder().backbone(cnn).metric(fid).metric(is)
                .realData(realImages(20, 20)).generator(new Sampler()).numSamples(20).generatorBatchSize(10).build();
        listener.evaluate(generatorNetwork(), 1);
        // real: features only (1 run); generated: 2 batches × default forward (features + probabilities)
        assertEquals(1 + 2 * 2, cnn.passes);
    }

    @Test
    void probabilityMetricNeedsABackboneWithAClassifier() {
        FeatureExtractor noClassifier = new TinyCnn(true) {
            @Override
            public int numClasses() {
                return 0;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MetricEvaluationListener.builder()
                .backbone(noClassifier).metric(new InceptionScoreMetric(2)).generator(new Sampler()).build());
        assertTrue(e.getMessage().contains("inception_score") && e.getMessage().contains("no classifier"), e.getMessage());
    }
}
