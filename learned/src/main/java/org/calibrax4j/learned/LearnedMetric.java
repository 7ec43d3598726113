package org.calibrax4j.learned;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.calibrax4j.metric.Metric;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A metric whose computation is a {@link SameDiff} graph with trainable variables (Tier 2): it has
 * the lifecycle of every metric ({@code update} → {@link #compute()} → {@link #reset()},
 * {@link #merge}) and, on top, its parameters can be listed, set, trained with any DL4J
 * {@link org.nd4j.linalg.learning.config.IUpdater} through SameDiff's {@link TrainingConfig},
 * frozen (variables → constants) and saved with the graph.
 *
 * <p>The graph is the subclass's: it names its parameters, its training placeholders (in
 * {@link MultiDataSet} feature/label order) and its scalar training loss. A SameDiff user can put
 * the graph into their own experiments through {@link #sameDiff()}.
 *
 * <p>SameDiff 1.0.0-M2.1 reports a loss of 0.0 during {@code fit} (the loss op is skipped there);
 * {@link #fit} therefore computes the loss it reports with {@code outputSingle} on each batch after
 * the update.
 *
 * @param <M> the concrete metric type
 */
public abstract class LearnedMetric<M extends LearnedMetric<M>> implements Metric<M> {
    private final SameDiff sd;
    private final List<String> parameterNames;
    private boolean frozen;

    /**
     * @param sd the metric's graph
     * @param parameterNames the names of its trainable variables (all of type VARIABLE)
     * @throws IllegalArgumentException when a name is not a VARIABLE of the graph
     */
    protected LearnedMetric(SameDiff sd, List<String> parameterNames) {
        this.sd = Objects.requireNonNull(sd, "sd");
        for (String n : parameterNames) {
            if (!sd.hasVariable(n) || sd.getVariable(n).getVariableType() != VariableType.VARIABLE) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + n
                        + "' is not a trainable variable of the graph");
            }
        }
        this.parameterNames = List.copyOf(parameterNames);
    }

    /** The metric's graph (shared, not a copy: changing it changes the metric). */
    public final SameDiff sameDiff() {
        return sd;
    }

    /** The names of the metric's parameters, in graph order, whether frozen or not. */
    public final List<String> parameterNames() {
        return parameterNames;
    }

    /** The parameters that {@link #fit} would train now: all of them, or none when frozen. */
    public final List<String> trainableVariables() {
        return frozen ? List.of() : parameterNames;
    }

    /** Copies of the current parameter values, by name (ordered as {@link #parameterNames()}). */
    public final Map<String, INDArray> parameters() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String n : parameterNames) {
            out.put(n, sd.getVariable(n).getArr().dup());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Sets parameter values strictly: every given name must be a parameter with the same shape;
     * nothing is changed when any one is wrong (the message lists every problem). Subclasses may add
     * constraints in {@link #checkParameter}.
     *
     * @throws IllegalArgumentException on unknown names or wrong shapes
     */
    public final void setParameters(Map<String, INDArray> values) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : values.entrySet()) {
            if (!parameterNames.contains(e.getKey())) {
                problems.add("unexpected '" + e.getKey() + "'");
                continue;
            }
            long[] want = sd.getVariable(e.getKey()).getArr().shape();
            INDArray v = e.getValue();
            if (v == null || !Arrays.equals(want, v.shape())) {
                problems.add("'" + e.getKey() + "' has shape " + (v == null ? "null" : Arrays.toString(v.shape()))
                        + ", expected " + Arrays.toString(want));
                continue;
            }
            String p = checkParameter(e.getKey(), v);
            if (p != null) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(descriptor().name() + ": bad parameters: " + String.join("; ", problems));
        }
        for (Map.Entry<String, INDArray> e : values.entrySet()) {
            INDArray arr = sd.getVariable(e.getKey()).getArr();
            arr.assign(e.getValue().castTo(arr.dataType()));
        }
    }

    /** A constraint on one parameter value, or {@code null} when it is acceptable. */
    protected String checkParameter(String name, INDArray value) {
        return null;
    }

    /** Whether the parameters are constants (not trainable). */
    public final boolean isFrozen() {
        return frozen;
    }

    /** Turns the parameters into constants: {@link #fit} is then an error. Idempotent. */
    public final void freeze() {
        if (!frozen) {
            sd.convertToConstants(vars());
            frozen = true;
        }
    }

    /** Turns frozen parameters back into trainable variables. Idempotent. */
    public final void unfreeze() {
        if (frozen) {
            sd.convertToVariables(vars());
            frozen = false;
        }
    }

    private List<SDVariable> vars() {
        List<SDVariable> out = new ArrayList<>();
        for (String n : parameterNames) {
            out.add(sd.getVariable(n));
        }
        return out;
    }

    /** The placeholders a training {@link MultiDataSet} feeds, in feature-array order. */
    protected abstract List<String> trainingFeatures();

    /** The placeholders fed from the {@link MultiDataSet} labels, in label-array order. */
    protected abstract List<String> trainingLabels();

    /** The scalar variable that training minimises. */
    protected abstract String trainingLoss();

    /** Runs after every optimiser step, e.g. to project parameters back onto a constraint. */
    protected void afterStep() {
    }

    /**
     * Trains the parameters on {@code batches} for {@code epochs} passes with the given updater.
     *
     * @param batches training batches (feature and label arrays as {@link #trainingFeatures()} and
     *                {@link #trainingLabels()} say)
     * @param updater any DL4J updater (Adam, Nesterovs, ...)
     * @param epochs  number of passes
     * @param extra   further SameDiff listeners (e.g. {@code SameDiffMetricListener})
     * @return the mean loss over the batches of each epoch, computed after each step
     * @throws IllegalStateException when the metric is frozen
     * @throws IllegalArgumentException when there are no batches or epochs &lt; 1
     */
    public final List<Double> fit(List<? extends MultiDataSet> batches,
                                  org.nd4j.linalg.learning.config.IUpdater updater, int epochs, Listener... extra) {
        if (frozen) {
            throw new IllegalStateException(descriptor().name() + ": cannot fit a frozen metric; call unfreeze() first");
        }
        if (batches.isEmpty()) {
            throw new IllegalArgumentException(descriptor().name() + ": fit needs at least one batch");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException(descriptor().name() + ": epochs must be >= 1, got " + epochs);
        }
        sd.setLossVariables(trainingLoss());
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(Objects.requireNonNull(updater, "updater"))
                .dataSetFeatureMapping(trainingFeatures())
                .dataSetLabelMapping(trainingLabels())
                .build());
        StepListener steps = new StepListener();
        Listener[] listeners = new Listener[extra.length + 1];
        listeners[0] = steps;
        System.arraycopy(extra, 0, listeners, 1, extra.length);
        sd.fit(new ListMultiDataSetIterator(batches), epochs, listeners);
        return steps.epochLosses();
    }

    /** The training loss for one batch at the current parameters (what {@link #fit} reports). */
    public final double loss(MultiDataSet batch) {
        return sd.outputSingle(placeholders(batch), trainingLoss()).getDouble(0);
    }

    final Map<String, INDArray> placeholders(MultiDataSet batch) {
        Map<String, INDArray> ph = new LinkedHashMap<>();
        List<String> f = trainingFeatures();
        List<String> l = trainingLabels();
        if (batch.numFeatureArrays() != f.size() || batch.numLabelsArrays() != l.size()) {
            throw new IllegalArgumentException(String.format("%s: a training batch needs %d feature arrays %s and %d label arrays %s, got %d and %d",
                    descriptor().name(), f.size(), f, l.size(), l, batch.numFeatureArrays(), batch.numLabelsArrays()));
        }
        for (int i = 0; i < f.size(); i++) {
            ph.put(f.get(i), batch.getFeatures(i));
        }
        for (int i = 0; i < l.size(); i++) {
            ph.put(l.get(i), batch.getLabels(i));
        }
        return ph;
    }

    /**
     * Saves the graph with its current parameter values (SameDiff's FlatBuffers format) to
     * {@code file}; {@link #loadParameters(Path)} reads them back into a metric of the same kind.
     */
    public final void save(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            sd.save(file.toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads the parameter values of a graph written by {@link #save(Path)} into this metric (strictly,
     * as {@link #setParameters}); parameters frozen at save time are read as well.
     *
     * @throws IllegalArgumentException when the file lacks a parameter or has one of another shape
     */
    public final void loadParameters(Path file) {
        SameDiff other = SameDiff.load(file.toFile(), false);
        Map<String, INDArray> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String n : parameterNames) {
            if (!other.hasVariable(n) || other.getVariable(n).getArr() == null) {
                missing.add(n);
            } else {
                values.put(n, other.getVariable(n).getArr());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(descriptor().name() + ": " + file + " lacks parameters " + missing);
        }
        setParameters(values);
    }

    /** Records the real loss of each step (see the class comment) and applies {@link #afterStep()}. */
    private final class StepListener extends org.nd4j.autodiff.listeners.BaseListener {
        private final List<Double> epochLosses = new ArrayList<>();
        private double sum;
        private int count;
        private int epoch = -1;

        @Override
        public boolean isActive(org.nd4j.autodiff.listeners.Operation operation) {
            return operation == org.nd4j.autodiff.listeners.Operation.TRAINING;
        }

        @Override
        public void iterationDone(SameDiff s, org.nd4j.autodiff.listeners.At at, MultiDataSet data,
                                  org.nd4j.autodiff.listeners.Loss loss) {
            afterStep();
            if (at.epoch() != epoch) {
                flush();
                epoch = at.epoch();
            }
            sum += loss(data);
            count++;
        }

        @Override
        public org.nd4j.autodiff.listeners.ListenerResponse epochEnd(SameDiff s, org.nd4j.autodiff.listeners.At at,
                org.nd4j.autodiff.listeners.records.LossCurve lossCurve, long epochTimeMillis) {
            flush();
            return org.nd4j.autodiff.listeners.ListenerResponse.CONTINUE;
        }

        private void flush() {
            if (count > 0) {
                epochLosses.add(sum / count);
            }
            sum = 0;
            count = 0;
        }

        List<Double> epochLosses() {
            flush();
            return List.copyOf(epochLosses);
        }
    }
}
