package org.calibrax4j.cli.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.calibrax4j.fid.FIDMetric;
import org.calibrax4j.inception.InceptionScoreMetric;
import org.calibrax4j.kid.KIDConfig;
import org.calibrax4j.kid.KIDMetric;
import org.calibrax4j.listeners.EpochEvaluation;
import org.calibrax4j.listeners.MetricEvaluationListener;
import org.calibrax4j.metric.MetricResult;
import org.calibrax4j.plot.MetricPlots;
import org.calibrax4j.zoo.FashionMnistClassifier;
import org.calibrax4j.zoo.data.FashionMnist;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code calibrax4j demo}: a DL4J variational autoencoder learns Fashion-MNIST while an epoch-end
 * {@link MetricEvaluationListener} reports FID and Inception Score of its samples against held-out
 * test images, through the frozen Fashion-MNIST CNN backbone (trained once and cached).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train a VAE on Fashion-MNIST and report FID and Inception Score of its samples at every epoch end.",
            "Writes report.json, metrics.csv, metrics.png and samples.png into --out."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the four Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).")
    Path data = FashionMnist.defaultDir();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("calibrax4j-out", "demo");

    @Option(names = "--epochs", description = "VAE training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 6;

    @Option(names = "--train-size", description = "Training images used by the VAE, at most 60000 (default: ${DEFAULT-VALUE}).")
    int trainSize = 60000;

    @Option(names = "--samples", description = "Generated samples per evaluation, and real test images (default: ${DEFAULT-VALUE}).")
    int samples = 1000;

    @Option(names = "--batch-size", description = "VAE mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 128;

    @Option(names = "--latent", description = "VAE latent dimensions (default: ${DEFAULT-VALUE}).")
    int latent = 16;

    @Option(names = "--seed", description = "Seed of data subsets, initialisation and sampling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--backbone-cache", paramLabel = "DIR", description = "Where the backbone is cached (default: ~/.calibrax4j/backbones).")
    Path backboneCache;

    @Option(names = "--splits", description = "Inception Score splits (default: ${DEFAULT-VALUE}).")
    int splits = 10;

    @Override
    public Integer call() throws IOException {
        validate();
        PrintStream con = System.out;
        con.println("calibrax4j demo: a VAE learns Fashion-MNIST; FID, KID and IS of its samples at every epoch end");
        FashionMnist train = FashionMnist.load(data, FashionMnist.Split.TRAIN);
        FashionMnist test = FashionMnist.load(data, FashionMnist.Split.TEST);
        con.printf("data: %s (%d train, %d test images)%n", data, train.size(), test.size());

        FashionMnistClassifier.Options.Builder bo = FashionMnistClassifier.options().dataDir(data)
                .progress(new ConsoleProgress(System.err));
        if (backboneCache != null) {
            bo.cacheDir(backboneCache);
        }
        FashionMnistClassifier backbone = FashionMnistClassifier.loadOrTrain(bo.build());
        con.printf("backbone: %s (%d-d features, %d classes), test accuracy %.2f%%, %s %s%n", backbone.name(),
                backbone.featureDim(), backbone.numClasses(), 100 * backbone.testAccuracy(),
                backbone.loadedFromCache() ? "loaded from" : "trained and cached in", backbone.modelFile());

        FashionMnist realSet = test.randomSubset(samples, seed);
        // One backbone pass per batch feeds all three: features to FID and KID, probabilities to IS.
        FIDMetric fid = new FIDMetric(backbone.featureDim());
        InceptionScoreMetric is = new InceptionScoreMetric(splits);
        KIDMetric kid = new KIDMetric(backbone.featureDim(),
                // subsets of half the samples, so that they differ and kid_std means something
                KIDConfig.builder().subsetSize(Math.max(2, Math.min(1000, samples / 2))).seed(seed).build());
        Map<String, Double> reference = referencePoints(con, backbone, realSet, train, kid.config());

        FashionMnistVae vae = new FashionMnistVae(latent, 256, 1e-3, seed);
        Files.createDirectories(out);
        MetricEvaluationListener listener = MetricEvaluationListener.builder()
                .backbone(backbone).metric(fid).metric(kid).metric(is)
                .realData(realSet.iterator(250, false, 0))
                .generator((model, n) -> vae.sample(n))
                .numSamples(samples).generatorBatchSize(250)
                .csv(out.resolve("metrics.csv"))
                .onEvaluation(e -> con.printf("epoch %d: FID %.4f   KID %.5f ± %.5f   IS %.4f ± %.4f   (evaluated in %.1f s)%n",
                        e.epoch(), e.result().get(FIDMetric.FID), e.result().get(KIDMetric.KID_MEAN),
                        e.result().get(KIDMetric.KID_STD), e.result().get(InceptionScoreMetric.INCEPTION_SCORE),
                        e.result().get(InceptionScoreMetric.INCEPTION_SCORE_STD), e.seconds()))
                .build();
        vae.network().addListeners(listener);

        INDArray trainImages = (trainSize < train.size() ? train.randomSubset(trainSize, seed + 7) : train).images();
        con.printf("training: VAE 784-256-256-%d (DL4J VariationalAutoencoder, Bernoulli decoder), Adam 1e-3, %d images, %d epochs%n",
                latent, trainImages.size(0), epochs);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            vae.trainEpoch(trainImages, batchSize, seed + epoch, progress);
        }

        List<EpochEvaluation> history = listener.history();
        double first = history.get(0).result().get(FIDMetric.FID);
        double last = history.get(history.size() - 1).result().get(FIDMetric.FID);
        boolean fell = last < first;
        String verdict = fell
                ? String.format("FID fell from %.4f (epoch 1) to %.4f (epoch %d): the samples moved towards the test images.",
                        first, last, history.size())
                : String.format("WARNING: FID did not fall (epoch 1: %.4f, epoch %d: %.4f); train longer (--epochs) or check the model.",
                        first, history.size(), last);
        con.println(verdict);

        writeSamples(vae.sample(64), out.resolve("samples.png"));
        Files.writeString(out.resolve("report.json"), DemoReport.json(settings(backbone), reference, history, fell));
        Optional<Path> plot = MetricPlots.linePanels("metrics", history.stream().map(EpochEvaluation::epoch).toList(),
                series(history), out);
        con.printf("wrote %s, %s, %s%s%n", out.resolve("report.json"), out.resolve("metrics.csv"), out.resolve("samples.png"),
                plot.map(p -> ", " + p).orElse(" (no plot: XChart is not on the class path)"));
        return 0;
    }

    private void validate() {
        require(epochs >= 1, "--epochs must be >= 1, got " + epochs);
        require(trainSize >= 1 && trainSize <= 60000, "--train-size must be in [1, 60000], got " + trainSize);
        require(samples >= 2 && samples <= 10000, "--samples must be in [2, 10000], got " + samples);
        require(samples >= splits, "--samples (" + samples + ") must be >= --splits (" + splits + ")");
        require(batchSize >= 1, "--batch-size must be >= 1, got " + batchSize);
        require(latent >= 1, "--latent must be >= 1, got " + latent);
        require(splits >= 1, "--splits must be >= 1, got " + splits);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** FID of real train images and of uniform noise against the same real test images, and IS of the test images. */
    private Map<String, Double> referencePoints(PrintStream con, FashionMnistClassifier backbone, FashionMnist realSet,
                                                FashionMnist train, KIDConfig kidConfig) {
        FIDMetric ref = FIDMetric.withBackbone(backbone);
        INDArray realImages = realSet.images();
        INDArray trainImages = train.randomSubset(samples, seed + 1).images();
        ref.updateReal(realImages);
        ref.updateGenerated(trainImages);
        double fidTrain = ref.compute().get(FIDMetric.FID);
        KIDMetric kidRef = KIDMetric.withBackbone(backbone, kidConfig);
        kidRef.update(realImages, trainImages);
        double kidTrain = kidRef.compute().get(KIDMetric.KID_MEAN);
        ref.resetGenerated();
        ref.updateGenerated(Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed + 2), samples, 1,
                FashionMnist.SIZE, FashionMnist.SIZE).castTo(DataType.FLOAT));
        double fidNoise = ref.compute().get(FIDMetric.FID);
        InceptionScoreMetric isRef = InceptionScoreMetric.withBackbone(backbone, splits);
        isRef.update(realImages);
        MetricResult isTest = isRef.compute();
        con.printf("reference points (%d test images as the real set, %d images on the other side):%n", samples, samples);
        con.printf("  FID train images vs test images : %.4f  (a generator as good as the data)%n", fidTrain);
        con.printf("  FID uniform noise vs test images: %.4f  (a generator that learned nothing)%n", fidNoise);
        con.printf("  KID train images vs test images : %.5f  (unbiased, about 0 for the data itself)%n", kidTrain);
        con.printf("  IS of the test images           : %.4f ± %.4f  (at most %d, the number of classes)%n",
                isTest.get(InceptionScoreMetric.INCEPTION_SCORE), isTest.get(InceptionScoreMetric.INCEPTION_SCORE_STD),
                backbone.numClasses());
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("fid_train_vs_test", fidTrain);
        r.put("fid_uniform_noise_vs_test", fidNoise);
        r.put("kid_train_vs_test", kidTrain);
        r.put("inception_score_test", isTest.get(InceptionScoreMetric.INCEPTION_SCORE));
        r.put("inception_score_std_test", isTest.get(InceptionScoreMetric.INCEPTION_SCORE_STD));
        return r;
    }

    private Map<String, Object> settings(FashionMnistClassifier backbone) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("data", data.toString());
        s.put("epochs", epochs);
        s.put("train_size", trainSize);
        s.put("samples", samples);
        s.put("batch_size", batchSize);
        s.put("latent", latent);
        s.put("seed", seed);
        s.put("splits", splits);
        s.put("backbone", backbone.name());
        s.put("backbone_feature_dim", backbone.featureDim());
        s.put("backbone_test_accuracy", backbone.testAccuracy());
        return s;
    }

    private static Map<String, List<Double>> series(List<EpochEvaluation> history) {
        Map<String, List<Double>> s = new LinkedHashMap<>();
        for (String key : List.of(FIDMetric.FID, InceptionScoreMetric.INCEPTION_SCORE)) {
            List<Double> ys = new ArrayList<>();
            history.forEach(e -> ys.add(e.result().get(key)));
            s.put(key, ys);
        }
        return s;
    }

    /** An 8×8 grid of generated images, scaled 2×, grey levels as generated. */
    private static void writeSamples(INDArray images, Path file) throws IOException {
        int n = (int) images.size(0);
        int cols = 8;
        int rows = (n + cols - 1) / cols;
        int cell = FashionMnist.SIZE * 2 + 2;
        BufferedImage img = new BufferedImage(cols * cell, rows * cell, BufferedImage.TYPE_BYTE_GRAY);
        float[] px = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int k = 0; k < n; k++) {
            int ox = (k % cols) * cell + 1;
            int oy = (k / cols) * cell + 1;
            for (int y = 0; y < FashionMnist.SIZE * 2; y++) {
                for (int x = 0; x < FashionMnist.SIZE * 2; x++) {
                    float v = px[k * FashionMnist.PIXELS + (y / 2) * FashionMnist.SIZE + x / 2];
                    img.getRaster().setSample(ox + x, oy + y, 0, Math.round(Math.max(0, Math.min(1, v)) * 255));
                }
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
