package org.calibrax4j.zoo;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

import org.calibrax4j.backbone.BackboneOutput;
import org.calibrax4j.backbone.FeatureExtractor;
import org.calibrax4j.zoo.data.FashionMnist;
import org.calibrax4j.zoo.data.FashionMnistIterator;
import org.calibrax4j.zoo.weights.Sha256;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fmnist-cnn-v1}: a small LeNet-style CNN trained on Fashion-MNIST's TRAIN split, then frozen;
 * the backbone for metrics on 28×28 grey images (the role Inception-v3 plays for ImageNet-like
 * images in FID and IS).
 *
 * <p>Layout (the DL4J zoo's {@code LeNet}, with ReLU and a narrower dense layer): conv 5×5×20 ReLU →
 * max-pool 2×2 → conv 5×5×50 ReLU → max-pool 2×2 → dense {@value #FEATURE_DIM} ReLU → dense 10
 * softmax. Trained with Adam (lr 10⁻³), batch {@value #DEFAULT_BATCH_SIZE}, seeded shuffling and
 * initialisation, no dropout.
 *
 * <p>{@link #features} are the activations of the {@value #FEATURE_DIM}-wide dense layer (after
 * ReLU); {@link #classProbabilities} is the softmax output. The width is {@value #FEATURE_DIM}, not
 * LeNet's 500, because FID estimates a D×D covariance: with the ~1,000 samples typical of an
 * evaluation, D must stay well below N for the estimate to be full rank and stable.
 *
 * <p>Input convention: float32 or float64 images N×1×28×28 (NCHW, one grey channel) with values in
 * [0, 1] (8-bit values divided by 255, as {@link FashionMnist#images()} returns them). Anything else
 * (other ranks or sizes, integer types, NaN, or values outside [0, 1], e.g. [0, 255] images) is
 * rejected with an {@link IllegalArgumentException}. Inference runs in batches of
 * {@value #INFERENCE_BATCH} in eval mode. Methods are synchronized: one network serves one call at a
 * time.
 *
 * <p>Obtain one with {@link #loadOrTrain()} / {@link #loadOrTrain(Options)}: the model is cached in
 * {@code <cacheDir>/fmnist-cnn-v1.zip} (DL4J {@link ModelSerializer}, without updater state) with a
 * {@code sha256sum}-style sidecar {@code fmnist-cnn-v1.zip.sha256} and metadata
 * {@code fmnist-cnn-v1.json}; the default cache directory is {@code ~/.calibrax4j/backbones}, or
 * {@code <calibrax4j.home>/backbones} when the system property {@value #HOME_PROPERTY} is set.
 */
public final class FashionMnistClassifier implements FeatureExtractor {
    /** The extractor's name and the base name of its cache files. */
    public static final String NAME = "fmnist-cnn-v1";
    /** Width D of {@link #features}. */
    public static final int FEATURE_DIM = 128;
    /** Number of classes of {@link #classProbabilities}. */
    public static final int NUM_CLASSES = FashionMnist.NUM_CLASSES;
    /** System property naming calibrax4j's home directory (default {@code ~/.calibrax4j}). */
    public static final String HOME_PROPERTY = "calibrax4j.home";
    /** Default number of training epochs. */
    public static final int DEFAULT_EPOCHS = 3;
    /** Default training seed (initialisation and shuffling). */
    public static final long DEFAULT_SEED = 42;
    /** Default training mini-batch size. */
    public static final int DEFAULT_BATCH_SIZE = 128;
    /** Examples per forward pass at inference. */
    public static final int INFERENCE_BATCH = 500;
    /** Version of the metadata JSON written beside the model. */
    public static final int METADATA_FORMAT_VERSION = 1;

    /** Progress phase: reading the IDX files (total 2: train, test). */
    public static final String PHASE_LOAD_DATA = "load-data";
    /** Progress phase: training (units are mini-batches over all epochs). */
    public static final String PHASE_TRAIN = "train";
    /** Progress phase: measuring test accuracy (units are test examples). */
    public static final String PHASE_EVALUATE = "evaluate";

    /** Value-range slack for rounding in callers' conversions (e.g. 1.0000001 from a float sigmoid). */
    static final double RANGE_TOLERANCE = 1e-4;
    /** Index of the feature (penultimate dense) layer in the network. */
    static final int FEATURE_LAYER = 4;
    private static final double LEARNING_RATE = 1e-3;

    private static final Logger LOG = LoggerFactory.getLogger(FashionMnistClassifier.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final MultiLayerNetwork network;
    private final Metadata metadata;
    private final Path modelFile;
    private final boolean loadedFromCache;

    private FashionMnistClassifier(MultiLayerNetwork network, Metadata metadata, Path modelFile,
                                   boolean loadedFromCache) {
        this.network = network;
        this.metadata = metadata;
        this.modelFile = modelFile;
        this.loadedFromCache = loadedFromCache;
    }

    // ---------------------------------------------------------------- configuration

    /**
     * How {@link #loadOrTrain(Options)} finds, trains and caches the model. Build with
     * {@link #options()}; {@code epochs}, {@code seed} and {@code batchSize} apply only when training.
     *
     * @param cacheDir  directory of the cached model (default {@link #defaultCacheDir()})
     * @param dataDir   Fashion-MNIST directory (default {@link FashionMnist#defaultDir()})
     * @param epochs    training epochs, ≥ 1 (default {@value #DEFAULT_EPOCHS})
     * @param seed      seed of initialisation and shuffling (default {@value #DEFAULT_SEED})
     * @param batchSize training mini-batch size, ≥ 1 (default {@value #DEFAULT_BATCH_SIZE})
     * @param retrain   train and overwrite the cache even if a valid one exists (default false)
     * @param progress  progress callback (default {@link ProgressListener#NONE})
     */
    public record Options(Path cacheDir, Path dataDir, int epochs, long seed, int batchSize, boolean retrain,
                          ProgressListener progress) {
        /** @throws IllegalArgumentException on null paths or listener, or non-positive counts */
        public Options {
            if (cacheDir == null || dataDir == null || progress == null) {
                throw new IllegalArgumentException(NAME + ": cacheDir, dataDir and progress must not be null");
            }
            if (epochs < 1) {
                throw new IllegalArgumentException(NAME + ": epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException(NAME + ": batchSize must be >= 1, got " + batchSize);
            }
        }

        /** The cached model file: {@code <cacheDir>/fmnist-cnn-v1.zip}. */
        public Path modelFile() {
            return cacheDir.resolve(NAME + ".zip");
        }

        /** Builder for {@link Options}; every setting has a default. */
        public static final class Builder {
            private Path cacheDir;
            private Path dataDir;
            private int epochs = DEFAULT_EPOCHS;
            private long seed = DEFAULT_SEED;
            private int batchSize = DEFAULT_BATCH_SIZE;
            private boolean retrain;
            private ProgressListener progress = ProgressListener.NONE;

            private Builder() {
            }

            /** Directory of the cached model (default {@link #defaultCacheDir()}). */
            public Builder cacheDir(Path dir) {
                this.cacheDir = dir;
                return this;
            }

            /** Fashion-MNIST directory (default {@link FashionMnist#defaultDir()}). */
            public Builder dataDir(Path dir) {
                this.dataDir = dir;
                return this;
            }

            /** Training epochs (default {@value #DEFAULT_EPOCHS}). */
            public Builder epochs(int epochs) {
                this.epochs = epochs;
                return this;
            }

            /** Seed of initialisation and shuffling (default {@value #DEFAULT_SEED}). */
            public Builder seed(long seed) {
                this.seed = seed;
                return this;
            }

            /** Training mini-batch size (default {@value #DEFAULT_BATCH_SIZE}). */
            public Builder batchSize(int batchSize) {
                this.batchSize = batchSize;
                return this;
            }

            /** Train and overwrite the cache even when a valid cached model exists (default false). */
            public Builder retrain(boolean retrain) {
                this.retrain = retrain;
                return this;
            }

            /** Progress callback (default {@link ProgressListener#NONE}). */
            public Builder progress(ProgressListener progress) {
                this.progress = progress;
                return this;
            }

            /** @throws IllegalArgumentException on invalid settings */
            public Options build() {
                return new Options(cacheDir != null ? cacheDir : defaultCacheDir(),
                        dataDir != null ? dataDir : FashionMnist.defaultDir(),
                        epochs, seed, batchSize, retrain, progress);
            }
        }
    }

    /** A builder of {@link Options} with every default set. */
    public static Options.Builder options() {
        return new Options.Builder();
    }

    /**
     * What is known about a trained model; stored as {@code fmnist-cnn-v1.json} beside it.
     *
     * @param formatVersion   version of this JSON layout ({@value #METADATA_FORMAT_VERSION})
     * @param name            the extractor name, {@value #NAME}
     * @param testAccuracy    top-1 accuracy on the full 10,000-image TEST split, measured after training
     * @param testExamples    number of test images the accuracy was measured on
     * @param epochs          training epochs
     * @param seed            training seed
     * @param batchSize       training mini-batch size
     * @param trainExamples   training images per epoch
     * @param trainingSeconds wall-clock training time (excluding data loading and evaluation)
     * @param createdAt       ISO-8601 instant the model was trained
     * @param dl4jVersion     Deeplearning4j version that trained it
     * @param featureDim      feature width D
     * @param numClasses      number of classes
     */
    public record Metadata(int formatVersion, String name, double testAccuracy, int testExamples, int epochs,
                           long seed, int batchSize, int trainExamples, double trainingSeconds, String createdAt,
                           String dl4jVersion, int featureDim, int numClasses) {

        String toJson() throws IOException {
            ObjectNode o = JSON.createObjectNode();
            o.put("formatVersion", formatVersion);
            o.put("name", name);
            o.put("testAccuracy", testAccuracy);
            o.put("testExamples", testExamples);
            o.put("epochs", epochs);
            o.put("seed", seed);
            o.put("batchSize", batchSize);
            o.put("trainExamples", trainExamples);
            o.put("trainingSeconds", trainingSeconds);
            o.put("createdAt", createdAt);
            o.put("dl4jVersion", dl4jVersion);
            o.put("featureDim", featureDim);
            o.put("numClasses", numClasses);
            return JSON.writeValueAsString(o) + "\n";
        }

        static Metadata fromJson(Path file) throws IOException {
            JsonNode o;
            try {
                o = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IOException(file + ": unreadable metadata JSON (" + e.getMessage() + ")", e);
            }
            if (o == null || !o.isObject()) {
                throw new IOException(file + ": metadata is not a JSON object");
            }
            int version = requireField(o, "formatVersion", file).asInt();
            if (version != METADATA_FORMAT_VERSION) {
                throw new IOException(file + ": metadata formatVersion " + version + ", this library reads "
                        + METADATA_FORMAT_VERSION);
            }
            return new Metadata(version,
                    requireField(o, "name", file).asText(),
                    requireField(o, "testAccuracy", file).asDouble(),
                    requireField(o, "testExamples", file).asInt(),
                    requireField(o, "epochs", file).asInt(),
                    requireField(o, "seed", file).asLong(),
                    requireField(o, "batchSize", file).asInt(),
                    requireField(o, "trainExamples", file).asInt(),
                    requireField(o, "trainingSeconds", file).asDouble(),
                    requireField(o, "createdAt", file).asText(),
                    requireField(o, "dl4jVersion", file).asText(),
                    requireField(o, "featureDim", file).asInt(),
                    requireField(o, "numClasses", file).asInt());
        }

        private static JsonNode requireField(JsonNode o, String field, Path file) throws IOException {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                throw new IOException(file + ": metadata lacks field \"" + field + "\"");
            }
            return v;
        }
    }

    // ---------------------------------------------------------------- loading and training

    /**
     * The default cache directory: {@code <calibrax4j.home>/backbones} when the system property
     * {@value #HOME_PROPERTY} is set, else {@code ~/.calibrax4j/backbones}.
     */
    public static Path defaultCacheDir() {
        String home = System.getProperty(HOME_PROPERTY);
        Path base = home != null && !home.isBlank()
                ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".calibrax4j");
        return base.resolve("backbones");
    }

    /**
     * {@link #loadOrTrain(Options)} with all defaults.
     *
     * @throws IOException see {@link #loadOrTrain(Options)}
     */
    public static FashionMnistClassifier loadOrTrain() throws IOException {
        return loadOrTrain(options().build());
    }

    /**
     * Loads the cached model from {@link Options#modelFile()}, or trains one when there is none (or
     * when {@link Options#retrain()} is set) and caches it atomically: model, sidecar and metadata are
     * written to temporary files and moved into place, the model last, so that an interrupted run
     * leaves no model file and the next run trains again.
     *
     * <p>A cached model that fails its checksum or cannot be read is never silently retrained over:
     * this throws, naming the file; delete it or set {@code retrain}.
     *
     * @throws org.calibrax4j.zoo.weights.ChecksumMismatchException when the cached model does not match
     *                                                              its sidecar
     * @throws FileNotFoundException when training is needed and Fashion-MNIST is missing (the message
     *                               says how to install it)
     * @throws IOException           when a cache file is missing, unreadable or inconsistent, or the
     *                               cache cannot be written
     */
    public static FashionMnistClassifier loadOrTrain(Options options) throws IOException {
        Path model = options.modelFile();
        if (!options.retrain() && Files.exists(model)) {
            FashionMnistClassifier loaded = load(model);
            Metadata m = loaded.metadata;
            if (m.epochs() != options.epochs() || m.seed() != options.seed() || m.batchSize() != options.batchSize()) {
                LOG.info("{}: using the cached model {} (trained with epochs={}, seed={}, batchSize={}); "
                                + "the requested epochs={}, seed={}, batchSize={} apply only with retrain",
                        NAME, model, m.epochs(), m.seed(), m.batchSize(),
                        options.epochs(), options.seed(), options.batchSize());
            }
            return loaded;
        }
        LOG.info("{}: {}; training on Fashion-MNIST from {} ({} epochs)", NAME,
                options.retrain() ? "retrain requested" : "no cached model at " + model,
                options.dataDir(), options.epochs());
        Trained trained = train(options);
        save(trained, model, options.retrain());
        return new FashionMnistClassifier(trained.network, trained.metadata, model, false);
    }

    /**
     * Loads a model file written by {@link #loadOrTrain}: verifies it against its sidecar
     * ({@code <file>.sha256}) first, then reads it and its metadata ({@code <base>.json}).
     *
     * @throws org.calibrax4j.zoo.weights.ChecksumMismatchException on a checksum mismatch
     * @throws IOException when the model, sidecar or metadata is missing, unreadable or not an
     *                     {@value #NAME} model
     */
    public static FashionMnistClassifier load(Path modelFile) throws IOException {
        Path sidecar = Sha256.sidecarOf(modelFile);
        Path metaFile = metadataFileOf(modelFile);
        String advice = "Delete " + modelFile + " (with " + sidecar.getFileName() + " and "
                + metaFile.getFileName() + ") to train it again, or load with the retrain option";
        if (!Files.isRegularFile(modelFile)) {
            throw new FileNotFoundException(NAME + ": no model file " + modelFile);
        }
        if (!Files.isRegularFile(sidecar)) {
            throw new IOException(NAME + ": cannot verify " + modelFile + ": its checksum file " + sidecar
                    + " is missing. " + advice);
        }
        String expected;
        try {
            expected = Sha256.readSidecar(sidecar);
        } catch (IOException e) {
            throw new IOException(NAME + ": " + e.getMessage() + ". " + advice, e);
        }
        Sha256.verify(modelFile, expected, advice);

        Metadata metadata;
        try {
            metadata = Metadata.fromJson(metaFile);
        } catch (IOException e) {
            throw new IOException(NAME + ": " + e.getMessage() + ". " + advice, e);
        }
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(modelFile.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new IOException(NAME + ": cannot read model " + modelFile + " (" + e + "). " + advice, e);
        }
        checkLayout(network, metadata, modelFile, advice);
        LOG.debug("{}: loaded {} (test accuracy {}, sha256 {})", NAME, modelFile, metadata.testAccuracy(), expected);
        return new FashionMnistClassifier(network, metadata, modelFile, true);
    }

    /** {@code dir/fmnist-cnn-v1.zip} → {@code dir/fmnist-cnn-v1.json}. */
    static Path metadataFileOf(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String base = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return modelFile.resolveSibling(base + ".json");
    }

    private static void checkLayout(MultiLayerNetwork net, Metadata m, Path file, String advice) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!NAME.equals(m.name())) {
            problems.add("metadata name is \"" + m.name() + "\"");
        }
        if (m.featureDim() != FEATURE_DIM || m.numClasses() != NUM_CLASSES) {
            problems.add("metadata says featureDim=" + m.featureDim() + ", numClasses=" + m.numClasses());
        }
        if (net.getnLayers() != FEATURE_LAYER + 2) {
            problems.add("network has " + net.getnLayers() + " layers, expected " + (FEATURE_LAYER + 2));
        } else {
            long width = nOut(net, FEATURE_LAYER);
            long classes = nOut(net, FEATURE_LAYER + 1);
            if (width != FEATURE_DIM || classes != NUM_CLASSES) {
                problems.add("layer widths are " + width + " and " + classes);
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(NAME + ": " + file + " is not an " + NAME + " model (expected featureDim="
                    + FEATURE_DIM + ", numClasses=" + NUM_CLASSES + "): " + String.join("; ", problems)
                    + ". " + advice);
        }
    }

    private static long nOut(MultiLayerNetwork net, int layer) {
        return net.getLayer(layer).conf().getLayer() instanceof FeedForwardLayer f ? f.getNOut() : -1;
    }

    /** The network layout, seeded. */
    static MultiLayerConfiguration configuration(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(LEARNING_RATE))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(20).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(FEATURE_DIM).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(NUM_CLASSES).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutional(FashionMnist.SIZE, FashionMnist.SIZE, 1))
                .build();
    }

    private record Trained(MultiLayerNetwork network, Metadata metadata) {
    }

    private static Trained train(Options o) throws IOException {
        ProgressListener progress = o.progress();
        progress.progress(PHASE_LOAD_DATA, 0, 2);
        FashionMnist train = FashionMnist.load(o.dataDir(), FashionMnist.Split.TRAIN);
        progress.progress(PHASE_LOAD_DATA, 1, 2);
        FashionMnist test = FashionMnist.load(o.dataDir(), FashionMnist.Split.TEST);
        progress.progress(PHASE_LOAD_DATA, 2, 2);

        MultiLayerNetwork net = new MultiLayerNetwork(configuration(o.seed()));
        net.init();
        FashionMnistIterator it = train.iterator(o.batchSize(), true, o.seed());
        long total = (long) o.epochs() * it.batchesPerEpoch();
        long[] done = {0};
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                progress.progress(PHASE_TRAIN, ++done[0], total);
            }

            @Override
            public void onEpochEnd(Model model) {
                LOG.info("{}: epoch {}/{} done, loss {}", NAME, ((MultiLayerNetwork) model).getEpochCount() + 1,
                        o.epochs(), model.score());
            }
        });
        progress.progress(PHASE_TRAIN, 0, total);
        long t0 = System.nanoTime();
        for (int e = 0; e < o.epochs(); e++) {
            if (e > 0) {
                it.reset();
            }
            net.fit(it);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        net.setListeners();

        FashionMnistClassifier unsaved = new FashionMnistClassifier(net, null, null, false);
        double accuracy = unsaved.accuracy(test, progress);
        LOG.info("{}: trained {} epochs in {} s; test accuracy {}", NAME, o.epochs(),
                String.format("%.1f", seconds), String.format("%.4f", accuracy));
        Metadata m = new Metadata(METADATA_FORMAT_VERSION, NAME, accuracy, test.size(), o.epochs(), o.seed(),
                o.batchSize(), train.size(), seconds, Instant.now().toString(), dl4jVersion(),
                FEATURE_DIM, NUM_CLASSES);
        return new Trained(net, m);
    }

    private static void save(Trained trained, Path model, boolean replacing) throws IOException {
        Path dir = model.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (replacing) {
            // The model file is the commit point: remove it first so that a crash cannot leave an old
            // model beside a new sidecar.
            Files.deleteIfExists(model);
        }
        Path tmpModel = Files.createTempFile(dir, NAME, ".zip.tmp");
        Path tmpMeta = Files.createTempFile(dir, NAME, ".json.tmp");
        try {
            ModelSerializer.writeModel(trained.network(), tmpModel.toFile(), false);
            String hash = Sha256.writeSidecar(tmpModel, model.getFileName().toString());
            Files.writeString(tmpMeta, trained.metadata().toJson(), StandardCharsets.UTF_8);
            moveAtomically(tmpMeta, metadataFileOf(model));
            moveAtomically(tmpModel, model);
            LOG.info("{}: cached {} (sha256 {})", NAME, model, hash);
        } finally {
            Files.deleteIfExists(tmpModel);
            Files.deleteIfExists(tmpMeta);
        }
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The DL4J version this module was built against (from the filtered zoo-build.properties). */
    static String dl4jVersion() {
        try (InputStream in = FashionMnistClassifier.class.getResourceAsStream("zoo-build.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("dl4j.version", "unknown");
            }
        } catch (IOException e) {
            LOG.debug("cannot read zoo-build.properties", e);
        }
        return "unknown";
    }

    // ---------------------------------------------------------------- FeatureExtractor

    /** {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /** {@value #FEATURE_DIM}. */
    @Override
    public int featureDim() {
        return FEATURE_DIM;
    }

    /** {@value #NUM_CLASSES}. */
    @Override
    public int numClasses() {
        return NUM_CLASSES;
    }

    /**
     * Activations of the {@value #FEATURE_DIM}-wide dense layer (after ReLU, so ≥ 0), in eval mode.
     *
     * @param images float N×1×28×28 in [0, 1]
     * @return float32 N×{@value #FEATURE_DIM}
     * @throws IllegalArgumentException when the images break the input convention (see class doc)
     */
    @Override
    public synchronized INDArray features(INDArray images) {
        INDArray x = checkImages("features", images);
        return batched(x, b -> network.feedForwardToLayer(FEATURE_LAYER, b, false).get(FEATURE_LAYER + 1));
    }

    /**
     * Softmax class probabilities, in eval mode; columns follow {@link FashionMnist#CLASS_NAMES}.
     *
     * @param images float N×1×28×28 in [0, 1]
     * @return float32 N×{@value #NUM_CLASSES}, rows summing to 1
     * @throws IllegalArgumentException when the images break the input convention (see class doc)
     */
    @Override
    public synchronized INDArray classProbabilities(INDArray images) {
        INDArray x = checkImages("classProbabilities", images);
        return batched(x, b -> network.output(b, false));
    }

    /**
     * Features and class probabilities from one forward pass (what a shared-backbone evaluation
     * asks for), equal to {@link #features} and {@link #classProbabilities} of the same images.
     *
     * @throws IllegalArgumentException when the images break the input convention (see class doc)
     */
    @Override
    public synchronized BackboneOutput forward(INDArray images) {
        INDArray x = checkImages("forward", images);
        List<INDArray> features = new ArrayList<>();
        List<INDArray> probabilities = new ArrayList<>();
        for (long from = 0, n = x.size(0); from < n; from += INFERENCE_BATCH) {
            long to = Math.min(n, from + INFERENCE_BATCH);
            INDArray b = n <= INFERENCE_BATCH ? x
                    : x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()).dup();
            List<INDArray> activations = network.feedForward(b, false);
            features.add(activations.get(FEATURE_LAYER + 1));
            probabilities.add(activations.get(activations.size() - 1));
        }
        return new BackboneOutput(concat(features), concat(probabilities));
    }

    private static INDArray concat(List<INDArray> parts) {
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }

    /**
     * Top-1 accuracy on a labelled data set (e.g. {@code FashionMnist.load(Split.TEST)}).
     *
     * @return the fraction of examples whose most probable class is the label
     */
    public double accuracy(FashionMnist data) {
        return accuracy(data, ProgressListener.NONE);
    }

    /**
     * {@link #accuracy(FashionMnist)} reporting phase {@value #PHASE_EVALUATE} in examples.
     */
    public synchronized double accuracy(FashionMnist data, ProgressListener progress) {
        int n = data.size();
        long correct = 0;
        progress.progress(PHASE_EVALUATE, 0, n);
        for (int from = 0; from < n; from += INFERENCE_BATCH) {
            int to = Math.min(n, from + INFERENCE_BATCH);
            INDArray predicted = network.output(data.images(from, to), false).argMax(1);
            int[] p = predicted.toIntVector();
            for (int k = 0; k < p.length; k++) {
                if (p[k] == data.label(from + k)) {
                    correct++;
                }
            }
            progress.progress(PHASE_EVALUATE, to, n);
        }
        return correct / (double) n;
    }

    private INDArray batched(INDArray x, UnaryOperator<INDArray> forward) {
        long n = x.size(0);
        if (n <= INFERENCE_BATCH) {
            return forward.apply(x);
        }
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < n; from += INFERENCE_BATCH) {
            long to = Math.min(n, from + INFERENCE_BATCH);
            parts.add(forward.apply(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all()).dup()));
        }
        return Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }

    /** The one place input is checked: returns the images as float32, else throws naming the problem. */
    private static INDArray checkImages(String method, INDArray images) {
        String where = NAME + "." + method;
        if (images == null) {
            throw new IllegalArgumentException(where + ": images must not be null");
        }
        long[] shape = images.shape();
        if (images.rank() != 4 || shape[1] != 1 || shape[2] != FashionMnist.SIZE || shape[3] != FashionMnist.SIZE) {
            throw new IllegalArgumentException(String.format(
                    "%s: images must be N x 1 x 28 x 28 (NCHW, one grey channel), got rank %d with shape %s",
                    where, images.rank(), Arrays.toString(shape)));
        }
        if (shape[0] == 0) {
            throw new IllegalArgumentException(where + ": images is empty (shape " + Arrays.toString(shape) + ")");
        }
        if (!images.dataType().isFPType()) {
            throw new IllegalArgumentException(String.format(
                    "%s: images must be float32 or float64 in [0, 1], got %s with shape %s",
                    where, images.dataType(), Arrays.toString(shape)));
        }
        INDArray x = images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
        double sum = x.sumNumber().doubleValue();
        if (!Double.isFinite(sum)) {
            throw new IllegalArgumentException(String.format(
                    "%s: images (shape %s) contain NaN or infinite values", where, Arrays.toString(shape)));
        }
        double min = x.minNumber().doubleValue();
        double max = x.maxNumber().doubleValue();
        if (min < -RANGE_TOLERANCE || max > 1 + RANGE_TOLERANCE) {
            throw new IllegalArgumentException(String.format(
                    "%s: images must have values in [0, 1] (8-bit values / 255), got min %s, max %s (shape %s)%s",
                    where, min, max, Arrays.toString(shape),
                    max > 1 && max <= 255 && min >= 0 ? "; these look like [0, 255] images: divide by 255" : ""));
        }
        return x;
    }

    // ---------------------------------------------------------------- provenance

    /** Top-1 accuracy on the full TEST split, measured when the model was trained. */
    public double testAccuracy() {
        return metadata.testAccuracy();
    }

    /** How the model was trained. */
    public Metadata metadata() {
        return metadata;
    }

    /** The cached model file. */
    public Path modelFile() {
        return modelFile;
    }

    /** Whether this instance was read from the cache (false: trained by this call). */
    public boolean loadedFromCache() {
        return loadedFromCache;
    }

    @Override
    public String toString() {
        return NAME + "[D=" + FEATURE_DIM + ", testAccuracy=" + String.format("%.4f", metadata.testAccuracy())
                + ", " + (loadedFromCache ? "loaded from " : "trained, cached in ") + modelFile + "]";
    }
}
