package org.calibrax4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.calibrax4j.learned.LearnedMetric;
import org.calibrax4j.metric.MetricDescriptor;
import org.calibrax4j.metric.MetricResult;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The smallest {@link LearnedMetric}: a softmax-weighted per-feature mean squared error
 * <pre>  d(x, y) = Σ_j softmax(θ)_j (x_j − y_j)²  </pre>
 * with a trainable logit vector θ (D values, starting at 0, i.e. the plain MSE). Training fits θ so
 * that d matches target distances t for given pairs: loss = mean (d(x_i, y_i) − t_i)².
 *
 * <p>{@link #main} builds pairs whose target distance depends only on the first 3 of 8 features and
 * trains θ with Adam; the softmax weights then concentrate on those features. Run with
 * {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.calibrax4j.examples.LearnedWeightedMSE}.
 */
public final class LearnedWeightedMSE extends LearnedMetric<LearnedWeightedMSE> {
    private static final MetricDescriptor DESCRIPTOR = new MetricDescriptor("learned_weighted_mse", false);
    private final int dim;
    private double sum;
    private long count;

    /** A metric on D-dimensional feature rows, θ = 0. */
    public LearnedWeightedMSE(int dim) {
        super(graph(dim), List.of("theta"));
        this.dim = dim;
    }

    private static SameDiff graph(int dim) {
        SameDiff sd = SameDiff.create();
        SDVariable theta = sd.var("theta", Nd4j.zeros(DataType.FLOAT, 1, dim));
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, dim);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, dim);
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, -1);
        SDVariable w = sd.nn.softmax("weights", theta, 1);
        SDVariable diff = x.sub(y);
        SDVariable d = sd.sum("distance", diff.mul(diff).mul(w), 1);
        SDVariable err = d.sub(target);
        sd.mean("loss", err.mul(err));
        return sd;
    }

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The softmax weights. */
    public double[] weights() {
        return sameDiff().outputSingle(java.util.Map.of(), "weights").castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** Per-pair distances of N×D rows x and y. */
    public double[] distances(INDArray x, INDArray y) {
        org.calibrax4j.metric.Checks.requireMatrix(DESCRIPTOR.name(), "x", x, dim);
        org.calibrax4j.metric.Checks.requireMatrix(DESCRIPTOR.name(), "y", y, dim);
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException(DESCRIPTOR.name() + ": x has " + x.size(0) + " rows, y has " + y.size(0));
        }
        return sameDiff().output(java.util.Map.of("x", x.castTo(DataType.FLOAT), "y", y.castTo(DataType.FLOAT)),
                "distance").get("distance").castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** Accumulates the distances of a batch of pairs. */
    public void update(INDArray x, INDArray y) {
        double[] d = distances(x, y);
        for (double v : d) {
            sum += v;
        }
        count += d.length;
    }

    @Override
    public MetricResult compute() {
        if (count == 0) {
            throw new IllegalStateException(DESCRIPTOR.name() + ": no pairs accumulated");
        }
        return MetricResult.of(DESCRIPTOR.name(), sum / count);
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public void merge(LearnedWeightedMSE other) {
        if (other.dim != dim) {
            throw new IllegalArgumentException(DESCRIPTOR.name() + ": cannot merge D=" + dim + " with D=" + other.dim);
        }
        sum += other.sum;
        count += other.count;
    }

    @Override
    protected List<String> trainingFeatures() {
        return List.of("x", "y");
    }

    @Override
    protected List<String> trainingLabels() {
        return List.of("target");
    }

    @Override
    protected String trainingLoss() {
        return "loss";
    }

    /** Pairs whose target distance is the mean squared difference of the first {@code informative} features. */
    public static List<MultiDataSet> demoBatches(int dim, int informative, int batches, int batchSize, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<MultiDataSet> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[] x = new float[batchSize * dim];
            float[] y = new float[batchSize * dim];
            float[] t = new float[batchSize];
            for (int i = 0; i < batchSize; i++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    x[i * dim + j] = (float) r.nextGaussian();
                    y[i * dim + j] = (float) r.nextGaussian();
                    double d = x[i * dim + j] - y[i * dim + j];
                    if (j < informative) {
                        s += d * d / informative;
                    }
                }
                t[i] = (float) s;
            }
            out.add(new org.nd4j.linalg.dataset.MultiDataSet(
                    new INDArray[]{Nd4j.create(x, new long[]{batchSize, dim}, 'c'), Nd4j.create(y, new long[]{batchSize, dim}, 'c')},
                    new INDArray[]{Nd4j.create(t, new long[]{batchSize}, 'c')}));
        }
        return out;
    }

    /** Trains θ with Adam and prints the loss per epoch and the learned weights. */
    public static void main(String[] args) {
        LearnedWeightedMSE m = new LearnedWeightedMSE(8);
        List<MultiDataSet> data = demoBatches(8, 3, 8, 32, 7);
        System.out.printf(Locale.ROOT, "loss before: %.4f%n", m.loss(data.get(0)));
        List<Double> losses = m.fit(data, new Adam(0.05), 30);
        for (int e = 0; e < losses.size(); e += 5) {
            System.out.printf(Locale.ROOT, "epoch %2d: loss %.4f%n", e + 1, losses.get(e));
        }
        System.out.printf(Locale.ROOT, "epoch %2d: loss %.4f%n", losses.size(), losses.get(losses.size() - 1));
        StringBuilder sb = new StringBuilder("softmax weights:");
        for (double w : m.weights()) {
            sb.append(String.format(Locale.ROOT, " %.3f", w));
        }
        System.out.println(sb + "  (the first 3 features carry the target)");
    }
}
