package org.calibrax4j.cli.demo;

import org.calibrax4j.zoo.ProgressListener;
import org.calibrax4j.zoo.data.FashionMnist;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The demo's generative model: a DL4J {@link VariationalAutoencoder} layer (Kingma &amp; Welling 2014)
 * on flattened 28×28 images, Bernoulli decoder, trained with DL4J's layer-wise {@code pretrain}.
 *
 * <p>DL4J fires no epoch events from {@code pretrain} (only {@code fit(DataSetIterator)} does), so
 * {@link #trainEpoch} fires {@code onEpochStart}/{@code onEpochEnd} on the network's listeners and
 * advances its epoch counter exactly as {@code fit} does; epoch-end listeners then work unchanged.
 */
final class FashionMnistVae {
    private final MultiLayerNetwork net;
    private final int latent;
    private final java.util.Random rng;

    FashionMnistVae(int latent, int hidden, double learningRate, long seed) {
        this.latent = latent;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(learningRate)).weightInit(WeightInit.XAVIER).l2(1e-4)
                .list()
                .layer(new VariationalAutoencoder.Builder()
                        .activation(Activation.LEAKYRELU)
                        .encoderLayerSizes(hidden, hidden)
                        .decoderLayerSizes(hidden, hidden)
                        .pzxActivationFunction(Activation.IDENTITY)
                        .reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID))
                        .nIn(FashionMnist.PIXELS).nOut(latent).build())
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        rng = new java.util.Random(seed + 1);
    }

    MultiLayerNetwork network() {
        return net;
    }

    /** One pass over {@code images} (N×1×28×28 in [0,1]) in shuffled mini-batches, with epoch events. */
    void trainEpoch(INDArray images, int batchSize, long shuffleSeed, ProgressListener progress) {
        for (TrainingListener l : net.getListeners()) {
            l.onEpochStart(net);
        }
        int n = (int) images.size(0);
        INDArray flat = images.reshape('c', n, FashionMnist.PIXELS);
        int[] order = shuffled(n, shuffleSeed);
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            int[] rows = java.util.Arrays.copyOfRange(order, start, end);
            net.pretrainLayer(0, flat.getRows(rows));
            net.setIterationCount(net.getIterationCount() + 1); // pretrain does not count iterations; fit does
            progress.progress("vae epoch " + (net.getEpochCount() + 1), end, n);
        }
        for (TrainingListener l : net.getListeners()) {
            l.onEpochEnd(net);
        }
        net.incrementEpochCount();
    }

    /** {@code count} images decoded at the Bernoulli mean from z ~ N(0, I): count×1×28×28 in [0,1]. */
    INDArray sample(int count) {
        float[] zs = new float[count * latent];
        for (int i = 0; i < zs.length; i++) {
            zs[i] = (float) rng.nextGaussian();
        }
        INDArray z = Nd4j.create(zs, new long[] {count, latent}, 'c');
        org.deeplearning4j.nn.layers.variational.VariationalAutoencoder vae =
                (org.deeplearning4j.nn.layers.variational.VariationalAutoencoder) net.getLayer(0);
        INDArray pixels = vae.generateAtMeanGivenZ(z);
        return pixels.castTo(DataType.FLOAT).reshape('c', count, 1, FashionMnist.SIZE, FashionMnist.SIZE);
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
