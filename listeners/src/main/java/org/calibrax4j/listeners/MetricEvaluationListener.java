package org.calibrax4j.listeners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.calibrax4j.backbone.BackboneOutput;
import org.calibrax4j.backbone.FeatureExtractor;
import org.calibrax4j.metric.GenerativeMetric;
import org.calibrax4j.metric.MetricResult;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DL4J {@code TrainingListener} that evaluates generative metrics (FID, IS, ...) every N epochs
 * of {@code fit(DataSetIterator[, epochs])} on a {@link org.deeplearning4j.nn.multilayer.MultiLayerNetwork}
 * or {@link org.deeplearning4j.nn.graph.ComputationGraph}, after DL4J's {@code EvaluativeListener}
 * and DJL's {@code EvaluatorTrainingListener}: in {@code onEpochEnd} it draws samples from the model
 * through a {@link SampleGenerator}, feeds them to every metric, computes, reports and resets the
 * generated side.
 *
 * <p>Real data is read from its iterator once, at the first evaluation, and its statistics are kept
 * (metrics' {@code resetGenerated()}); {@link Builder#refreshRealEachEvaluation} reads it again
 * every time instead. Results go to one SLF4J line per evaluation, the in-memory {@link #history()},
 * optional CSV/JSON files (rewritten after each evaluation) and an optional callback.
 *
 * <p><b>One forward pass for all metrics.</b> With {@link Builder#backbone(FeatureExtractor)}, samples
 * and real data are images: each batch goes through the backbone <em>once</em>
 * ({@link FeatureExtractor#forward}), and every metric gets the output it
 * {@linkplain GenerativeMetric#consumes() consumes} from that pass: features for FID, KID and
 * precision/recall/density/coverage, class probabilities for the Inception Score (torchmetrics'
 * {@code FeatureShare}). The metrics are then built on features ({@code new FIDMetric(D)}, ...), not
 * with their own backbone. Real batches run {@link FeatureExtractor#features} only, unless a
 * real-data metric consumes probabilities.
 *
 * <p>Epoch events fire only from {@code fit(DataSetIterator)}; {@code fit(DataSet)} calls none.
 * An evaluation that fails (bad samples, too few of them) throws from {@code onEpochEnd}, which
 * stops {@code fit}: a metric that silently disappears from a report is worse.
 */
public final class MetricEvaluationListener extends BaseTrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(MetricEvaluationListener.class);
    private static final String NAME = "MetricEvaluationListener";

    private final List<GenerativeMetric<?>> metrics;
    private final DataSetIterator realData;
    private final int maxRealSamples;
    private final boolean refreshReal;
    private final SampleGenerator generator;
    private final int numSamples;
    private final int generatorBatchSize;
    private final int everyNEpochs;
    private final Path csvFile;
    private final Path jsonFile;
    private final Consumer<EpochEvaluation> callback;
    private final FeatureExtractor backbone;
    private final List<EpochEvaluation> history = new ArrayList<>();
    private boolean realLoaded;
    private int epochsSeen;

    private MetricEvaluationListener(Builder b) {
        this.metrics = List.copyOf(b.metrics);
        this.realData = b.realData;
        this.maxRealSamples = b.maxRealSamples;
        this.refreshReal = b.refreshReal;
        this.generator = b.generator;
        this.numSamples = b.numSamples;
        this.generatorBatchSize = b.generatorBatchSize;
        this.everyNEpochs = b.everyNEpochs;
        this.csvFile = b.csvFile;
        this.jsonFile = b.jsonFile;
        this.callback = b.callback;
        this.backbone = b.backbone;
    }

    /** Starts a listener configuration. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onEpochEnd(Model model) {
        epochsSeen++;
        int epoch = completedEpochs(model);
        if (epoch % everyNEpochs == 0) {
            evaluate(model, epoch);
        }
    }

    /**
     * Evaluates now, outside of {@code fit}: samples, computes, reports, and resets the generated
     * side, exactly as at an epoch end.
     *
     * @param epoch the epoch number to report
     * @return the evaluation, also appended to {@link #history()}
     */
    public EpochEvaluation evaluate(Model model, int epoch) {
        long start = System.nanoTime();
        if (!realLoaded || refreshReal) {
            loadReal();
        }
        metrics.forEach(GenerativeMetric::resetGenerated);
        for (int done = 0; done < numSamples; ) {
            int n = Math.min(generatorBatchSize, numSamples - done);
            INDArray batch = generator.generate(model, n);
            if (batch == null || batch.rank() < 2 || batch.size(0) != n) {
                throw new IllegalStateException(String.format("%s: the sample generator returned %s for a request of %d samples",
                        NAME, batch == null ? "null" : "shape " + java.util.Arrays.toString(batch.shape()), n));
            }
            if (backbone == null) {
                for (GenerativeMetric<?> m : metrics) {
                    m.updateGenerated(batch);
                }
            } else {
                BackboneOutput out = backbone.forward(batch);
                for (GenerativeMetric<?> m : metrics) {
                    m.updateGenerated(out.get(m.consumes()));
                }
            }
            done += n;
        }
        MetricResult.Builder all = MetricResult.builder();
        for (GenerativeMetric<?> m : metrics) {
            m.compute().asMap().forEach(all::put);
        }
        metrics.forEach(GenerativeMetric::resetGenerated);
        EpochEvaluation e = new EpochEvaluation(epoch, iterationCount(model), all.build(), (System.nanoTime() - start) / 1e9);
        history.add(e);
        LOG.info("epoch {}: {} ({} samples, {} s)", epoch, e.result(), numSamples, String.format("%.1f", e.seconds()));
        writeFiles();
        if (callback != null) {
            callback.accept(e);
        }
        return e;
    }

    private void loadReal() {
        List<GenerativeMetric<?>> users = metrics.stream().filter(GenerativeMetric::usesRealData).toList();
        if (users.isEmpty()) {
            realLoaded = true;
            return;
        }
        users.forEach(GenerativeMetric::reset);
        realData.reset();
        long seen = 0;
        while (realData.hasNext() && seen < maxRealSamples) {
            DataSet ds = realData.next();
            INDArray x = ds.getFeatures();
            long take = Math.min(x.size(0), maxRealSamples - seen);
            if (take < x.size(0)) {
                x = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, take));
            }
            if (backbone == null) {
                for (GenerativeMetric<?> m : users) {
                    m.updateReal(x);
                }
            } else {
                boolean needsProbabilities = users.stream().anyMatch(m -> m.consumes() == BackboneOutput.Kind.CLASS_PROBABILITIES);
                BackboneOutput out = needsProbabilities ? backbone.forward(x) : new BackboneOutput(backbone.features(x), null);
                for (GenerativeMetric<?> m : users) {
                    m.updateReal(out.get(m.consumes()));
                }
            }
            seen += take;
        }
        realData.reset();
        if (seen == 0) {
            throw new IllegalStateException(NAME + ": the real-data iterator returned no samples");
        }
        realLoaded = true;
    }

    private int completedEpochs(Model model) {
        // onEpochEnd runs before fit increments the model's counter
        if (model instanceof MultiLayerNetwork net) {
            return net.getEpochCount() + 1;
        }
        if (model instanceof ComputationGraph graph) {
            return graph.getConfiguration().getEpochCount() + 1;
        }
        return epochsSeen;
    }

    private static long iterationCount(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getIterationCount();
        }
        if (model instanceof ComputationGraph graph) {
            return graph.getConfiguration().getIterationCount();
        }
        return -1;
    }

    /** Every evaluation so far, oldest first (unmodifiable view). */
    public List<EpochEvaluation> history() {
        return Collections.unmodifiableList(history);
    }

    /** The metrics, in reporting order. */
    public List<GenerativeMetric<?>> metrics() {
        return metrics;
    }

    private void writeFiles() {
        try {
            if (csvFile != null) {
                writeAtomically(csvFile, HistoryFormat.csv(history));
            }
            if (jsonFile != null) {
                writeAtomically(jsonFile, HistoryFormat.json(history));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(NAME + ": cannot write results: " + ex.getMessage(), ex);
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Configuration of a {@link MetricEvaluationListener}; {@link #build()} validates it. */
    public static final class Builder {
        private final List<GenerativeMetric<?>> metrics = new ArrayList<>();
        private DataSetIterator realData;
        private int maxRealSamples = Integer.MAX_VALUE;
        private boolean refreshReal;
        private SampleGenerator generator;
        private int numSamples = 1000;
        private int generatorBatchSize = 100;
        private int everyNEpochs = 1;
        private Path csvFile;
        private Path jsonFile;
        private Consumer<EpochEvaluation> callback;
        private FeatureExtractor backbone;

        private Builder() {
        }

        /**
         * Shares one backbone between all metrics: samples and real data are images, each batch
         * runs one {@link FeatureExtractor#forward} and each metric gets the output it
         * {@linkplain GenerativeMetric#consumes() consumes} (default: none, samples go to the
         * metrics as they are).
         */
        public Builder backbone(FeatureExtractor extractor) {
            this.backbone = Objects.requireNonNull(extractor, "backbone");
            return this;
        }

        /** Adds a metric (at least one; result names must not collide). */
        public Builder metric(GenerativeMetric<?> metric) {
            metrics.add(Objects.requireNonNull(metric, "metric"));
            return this;
        }

        /** The real samples (features of each DataSet; labels are ignored). Required when a metric uses real data. */
        public Builder realData(DataSetIterator iterator) {
            this.realData = Objects.requireNonNull(iterator, "realData");
            return this;
        }

        /** At most this many real samples are read (default: the whole iterator). */
        public Builder maxRealSamples(int n) {
            this.maxRealSamples = positive("maxRealSamples", n);
            return this;
        }

        /** Read the real data again at every evaluation (default false: read once and keep). */
        public Builder refreshRealEachEvaluation(boolean refresh) {
            this.refreshReal = refresh;
            return this;
        }

        /** Draws samples from the model (required). */
        public Builder generator(SampleGenerator generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /** Generated samples per evaluation (default 1000). */
        public Builder numSamples(int n) {
            this.numSamples = positive("numSamples", n);
            return this;
        }

        /** Samples requested from the generator per call (default 100). */
        public Builder generatorBatchSize(int n) {
            this.generatorBatchSize = positive("generatorBatchSize", n);
            return this;
        }

        /** Evaluate after every N-th completed epoch (default 1). */
        public Builder everyNEpochs(int n) {
            this.everyNEpochs = positive("everyNEpochs", n);
            return this;
        }

        /** Also write the history as CSV (header {@code epoch,iteration,seconds,<result names>}). */
        public Builder csv(Path file) {
            this.csvFile = Objects.requireNonNull(file, "csv");
            return this;
        }

        /** Also write the history as JSON ({@code {"evaluations": [{"epoch": 1, ...}]}}). */
        public Builder json(Path file) {
            this.jsonFile = Objects.requireNonNull(file, "json");
            return this;
        }

        /** Called after each evaluation, on the training thread. */
        public Builder onEvaluation(Consumer<EpochEvaluation> callback) {
            this.callback = Objects.requireNonNull(callback, "onEvaluation");
            return this;
        }

        /**
         * The listener.
         *
         * @throws IllegalStateException when no metric or no generator was given, a metric uses
         *     real data and no real data was given, or a metric consumes class probabilities from
         *     a shared backbone without a classifier
         */
        public MetricEvaluationListener build() {
            if (metrics.isEmpty()) {
                throw new IllegalStateException(NAME + ": add at least one metric");
            }
            if (generator == null) {
                throw new IllegalStateException(NAME + ": a generator is required");
            }
            for (GenerativeMetric<?> m : metrics) {
                if (m.usesRealData() && realData == null) {
                    throw new IllegalStateException(NAME + ": metric " + m.descriptor().name() + " needs realData(...)");
                }
                if (backbone != null && m.consumes() == BackboneOutput.Kind.CLASS_PROBABILITIES && backbone.numClasses() == 0) {
                    throw new IllegalStateException(NAME + ": metric " + m.descriptor().name()
                            + " consumes class probabilities but backbone " + backbone.name() + " has no classifier");
                }
            }
            return new MetricEvaluationListener(this);
        }

        private static int positive(String argument, int n) {
            if (n <= 0) {
                throw new IllegalArgumentException(NAME + ": " + argument + " must be > 0, got " + n);
            }
            return n;
        }
    }
}
