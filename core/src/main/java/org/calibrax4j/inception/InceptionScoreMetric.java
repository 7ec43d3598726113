package org.calibrax4j.inception;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.calibrax4j.backbone.FeatureExtractor;
import org.calibrax4j.metric.Checks;
import org.calibrax4j.metric.GenerativeMetric;
import org.calibrax4j.metric.MetricDescriptor;
import org.calibrax4j.metric.MetricResult;
import org.calibrax4j.metric.MetricState;
import org.calibrax4j.metric.PersistentMetric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inception Score of generated samples from class probabilities (or logits), streamed over batches;
 * see {@link InceptionScore} for the formula and the pinned split convention.
 *
 * <p>The per-sample rows are kept (N×C float64): the score splits rows in arrival order, so no
 * fixed-size summary exists. {@link #merge} appends the other metric's rows after this one's.
 *
 * <p>Probability rows must lie in [0, 1] and sum to 1 within {@value #ROW_SUM_TOLERANCE} (float32
 * softmax over 1008 classes is off by ~1e-6); they are used as given, not renormalised.
 *
 * <p>Results: {@code inception_score} (mean over splits) and {@code inception_score_std}
 * (population std). Higher is better.
 */
public final class InceptionScoreMetric implements GenerativeMetric<InceptionScoreMetric>, PersistentMetric {
    /** Result key of the mean score. */
    public static final String INCEPTION_SCORE = "inception_score";
    /** Result key of the standard deviation over splits. */
    public static final String INCEPTION_SCORE_STD = "inception_score_std";
    /** Largest accepted |Σ_j p_ij − 1|. */
    public static final double ROW_SUM_TOLERANCE = 1e-4;
    /** Type id of {@link #saveState()}. */
    public static final String STATE_TYPE = "inception_score";
    private static final int STATE_VERSION = 1;
    private static final String NAME = "InceptionScoreMetric";

    private final int splits;
    private final FeatureExtractor backbone;
    private int numClasses = -1;
    private double[] rows = new double[0];
    private int count;

    /** Inception Score with the customary 10 splits. */
    public InceptionScoreMetric() {
        this(10);
    }

    /**
     * @throws IllegalArgumentException when {@code splits} ≤ 0
     */
    public InceptionScoreMetric(int splits) {
        this(Checks.positive(NAME, "splits", splits), null);
    }

    private InceptionScoreMetric(int splits, FeatureExtractor backbone) {
        this.splits = splits;
        this.backbone = backbone;
        if (backbone != null) {
            numClasses = backbone.numClasses();
        }
    }

    /**
     * An Inception Score whose rank-4 inputs are images classified by {@code backbone}.
     *
     * @throws IllegalArgumentException when the backbone has no classifier
     */
    public static InceptionScoreMetric withBackbone(FeatureExtractor backbone, int splits) {
        Objects.requireNonNull(backbone, "backbone");
        if (backbone.numClasses() < 2) {
            throw new IllegalArgumentException(NAME + ": backbone " + backbone.name() + " has no classifier (numClasses="
                    + backbone.numClasses() + ")");
        }
        return new InceptionScoreMetric(Checks.positive(NAME, "splits", splits), backbone);
    }

    @Override
    public MetricDescriptor descriptor() {
        return new MetricDescriptor(INCEPTION_SCORE, true);
    }

    /** Number of splits s. */
    public int splits() {
        return splits;
    }

    /**
     * Accumulates class probabilities (N×C), or images (N×C×H×W) when built with a backbone.
     *
     * @throws IllegalArgumentException when a value is outside [0, 1], non-finite, a row does not
     *     sum to 1 within {@value #ROW_SUM_TOLERANCE}, or the class count changes
     */
    public void update(INDArray probabilities) {
        INDArray p = probabilities;
        if (backbone != null && p != null && p.rank() == 4) {
            p = backbone.classProbabilities(p);
        }
        double[] data = Checks.finiteMatrix(NAME, "probabilities", p, numClasses);
        int c = (int) p.size(1);
        for (int i = 0; i < data.length; i++) {
            if (data[i] < 0 || data[i] > 1) {
                throw new IllegalArgumentException(String.format(
                        "%s: probabilities must lie in [0, 1], got %s at row %d, column %d (pass logits to updateLogits)",
                        NAME, data[i], i / c, i % c));
            }
        }
        int n = (int) p.size(0);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += data[i * c + j];
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException(String.format(
                        "%s: probabilities row %d sums to %s, expected 1 within %s", NAME, i, sum, ROW_SUM_TOLERANCE));
            }
        }
        append(data, n, c);
    }

    /**
     * Accumulates class logits (N×C); a float64 softmax turns them into probabilities.
     *
     * @throws IllegalArgumentException on non-finite values or a changed class count
     */
    public void updateLogits(INDArray logits) {
        double[] data = Checks.finiteMatrix(NAME, "logits", logits, numClasses);
        int n = (int) logits.size(0);
        int c = (int) logits.size(1);
        append(InceptionScore.softmax(data, n, c), n, c);
    }

    private void append(double[] data, int n, int c) {
        if (c < 2) {
            throw new IllegalArgumentException(NAME + ": needs at least 2 classes, got " + c);
        }
        if (n == 0) {
            return;
        }
        int needed = (count + n) * c;
        if (needed > rows.length) {
            rows = Arrays.copyOf(rows, Math.max(needed, rows.length * 2));
        }
        System.arraycopy(data, 0, rows, count * c, data.length);
        count += n;
        numClasses = c;
    }

    @Override
    public boolean usesRealData() {
        return false;
    }

    /** Always throws: the Inception Score looks at generated samples only. */
    @Override
    public void updateReal(INDArray batch) {
        throw new UnsupportedOperationException(NAME + " uses no real data");
    }

    /** Same as {@link #update(INDArray)}. */
    @Override
    public void updateGenerated(INDArray batch) {
        update(batch);
    }

    @Override
    public void resetGenerated() {
        reset();
    }

    /**
     * @throws IllegalStateException when fewer rows than splits were accumulated
     */
    @Override
    public MetricResult compute() {
        if (count < splits) {
            throw new IllegalStateException(String.format(
                    "%s: compute() needs at least splits=%d samples, have %d", NAME, splits, count));
        }
        InceptionScore.Value v = InceptionScore.compute(rows, count, numClasses, splits);
        return MetricResult.builder().put(INCEPTION_SCORE, v.mean()).put(INCEPTION_SCORE_STD, v.std()).build();
    }

    /** Per-split scores of the current state, in split order. */
    public double[] splitScores() {
        if (count < splits) {
            throw new IllegalStateException(NAME + ": needs at least splits=" + splits + " samples, have " + count);
        }
        return InceptionScore.compute(rows, count, numClasses, splits).chunkScores();
    }

    @Override
    public void reset() {
        rows = new double[0];
        count = 0;
        numClasses = backbone != null ? backbone.numClasses() : -1;
    }

    @Override
    public void merge(InceptionScoreMetric other) {
        if (other.splits != splits) {
            throw new IllegalArgumentException(NAME + ": cannot merge splits=" + other.splits + " into splits=" + splits);
        }
        if (other.count == 0) {
            return;
        }
        if (count > 0 && other.numClasses != numClasses) {
            throw new IllegalArgumentException(NAME + ": cannot merge " + other.numClasses + " classes into " + numClasses);
        }
        append(Arrays.copyOf(other.rows, other.count * other.numClasses), other.count, other.numClasses);
    }

    @Override
    public long realCount() {
        return 0;
    }

    @Override
    public long generatedCount() {
        return count;
    }

    /** The state: {@code probabilities}, the accumulated rows (N×C float64, arrival order). */
    @Override
    public MetricState saveState() {
        int c = Math.max(numClasses, 0);
        INDArray p = Nd4j.createFromArray(Arrays.copyOf(rows, count * c)).reshape(count, c);
        return new MetricState(STATE_TYPE, STATE_VERSION, Map.of("probabilities", p));
    }

    /**
     * @throws IllegalArgumentException when the state is not an IS state, or its class count differs
     *     from this metric's backbone
     */
    @Override
    public void restoreState(MetricState state) {
        state.require(STATE_TYPE, STATE_VERSION);
        INDArray p = state.get("probabilities");
        int expected = backbone != null ? backbone.numClasses() : -1;
        if (p.rank() != 2 || (expected > 0 && p.size(1) != expected)) {
            throw new IllegalArgumentException(NAME + ": saved probabilities have shape " + Arrays.toString(p.shape())
                    + (expected > 0 ? ", backbone has " + expected + " classes" : ", expected N x C"));
        }
        double[] data = Checks.finiteMatrix(NAME, "saved probabilities", p, expected);
        rows = data;
        count = (int) p.size(0);
        numClasses = count == 0 ? expected : (int) p.size(1);
    }

    /** Class probabilities: from a shared backbone pass this metric reads the softmax output. */
    @Override
    public org.calibrax4j.backbone.BackboneOutput.Kind consumes() {
        return org.calibrax4j.backbone.BackboneOutput.Kind.CLASS_PROBABILITIES;
    }
}
