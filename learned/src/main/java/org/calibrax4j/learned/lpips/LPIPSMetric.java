package org.calibrax4j.learned.lpips;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.calibrax4j.backbone.TapExtractor;
import org.calibrax4j.io.NpyFormat;
import org.calibrax4j.learned.LearnedMetric;
import org.calibrax4j.metric.MetricDescriptor;
import org.calibrax4j.metric.MetricResult;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Learned Perceptual Image Patch Similarity (Zhang et al., "The Unreasonable Effectiveness of Deep
 * Features as a Perceptual Metric", CVPR 2018; the {@code lpips} package, version 0.1):
 * <pre>
 *   d(x0, x1) = Σ_l mean_{h,w} Σ_c w_l[c] (f̂0_l[c,h,w] − f̂1_l[c,h,w])²,
 *   f̂ = f / (‖f[:,h,w]‖₂ + 1e-10)  (unit length along channels),   w_l ≥ 0,
 * </pre>
 * as a SameDiff graph whose trainable variables are the per-tap linear weights {@code lin0..lin4}
 * (one bias-free 1×1 convolution per tap in the reference).
 *
 * <p><b>Features path</b>: {@link #update(INDArray[], INDArray[])} with one array per tap (N×C or
 * N×C×H×W), channels 64, 128, 256, 512, 512 for VGG. <b>Image path</b>: built with a
 * {@link TapExtractor} (e.g. the VGG16 trunk of {@code calibrax4j-zoo}), {@link #update(INDArray, INDArray)}
 * takes N×3×H×W RGB images in [−1, 1] (or [0, 1] with {@link Builder#normalize(boolean)}), applies
 * the reference's ScalingLayer x' = (x − shift)/scale with shift = (−0.030, −0.088, −0.188),
 * scale = (0.458, 0.448, 0.450), and compares the trunk's taps.
 *
 * <p>Results: {@code lpips} (mean distance over all pairs seen), {@code lpips_<tap>} (mean per-layer
 * term) and {@code pairs}; per-pair distances from {@link #pairDistances()}. The state is the list of
 * per-pair distances, so merging is concatenation.
 *
 * <p><b>Training</b> (the 2AFC protocol of the paper, §3.3): the graph also holds the objective
 * d0 = d(ref, p0), d1 = d(ref, p1) → {@link RankingNet} → BCE against the human judgement h; build
 * batches with {@link #twoAfcBatch} and train with {@link #fit}; linear weights are clamped to ≥ 0
 * after every step, as the reference does.
 */
public final class LPIPSMetric extends LearnedMetric<LPIPSMetric> {
    /** Metric name and primary result key. */
    public static final String NAME = "lpips";
    /** The VGG taps of the reference, in order. */
    public static final List<String> VGG_TAPS = List.of("relu1_2", "relu2_2", "relu3_3", "relu4_3", "relu5_3");
    /** Channels of the VGG taps. */
    public static final int[] VGG_CHANNELS = {64, 128, 256, 512, 512};
    /** ScalingLayer shift per RGB channel (float32 in the reference). */
    public static final float[] SHIFT = {-0.030f, -0.088f, -0.188f};
    /** ScalingLayer scale per RGB channel (float32 in the reference). */
    public static final float[] SCALE = {0.458f, 0.448f, 0.450f};
    /** Name of the training loss variable. */
    public static final String LOSS = "rank_loss";

    private static final MetricDescriptor DESCRIPTOR = new MetricDescriptor(NAME, false);

    /** How the linear weights start. */
    public enum LinearInit {
        /** The published v0.1 VGG weights of the {@code lpips} project (BSD 2-Clause; see the bundled notice). */
        V0_1,
        /** All weights 1/C for a tap of C channels (each layer term is then a mean squared difference). */
        UNIFORM,
        /** |U(0, 2/C)| from {@link java.util.SplittableRandom} with the builder's seed, for training from scratch. */
        RANDOM
    }

    private final List<String> taps;
    private final int[] channels;
    private final TapExtractor trunk;
    private final boolean normalize;
    private final LinearInit init;
    private final long seed;
    private SameDiff gradientGraph;

    private double[] distances = new double[16];
    private double[] layerSums;
    private int count;

    private LPIPSMetric(Builder b, SameDiff sd, List<String> params) {
        super(sd, params);
        this.taps = b.taps;
        this.channels = b.channels.clone();
        this.trunk = b.trunk;
        this.normalize = b.normalize;
        this.init = b.init;
        this.seed = b.seed;
        this.layerSums = new double[taps.size()];
    }

    /** A builder with the reference's defaults: VGG taps, v0.1 weights, images in [−1, 1], no trunk. */
    public static Builder builder() {
        return new Builder();
    }

    /** LPIPS on VGG features with the v0.1 weights (features path only). */
    public static LPIPSMetric vggFeatures() {
        return builder().build();
    }

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The tap names, in order. */
    public List<String> tapNames() {
        return taps;
    }

    /** Channels per tap. */
    public int[] tapChannels() {
        return channels.clone();
    }

    /** Whether images are expected in [0, 1] (mapped to 2x − 1) rather than [−1, 1]. */
    public boolean normalize() {
        return normalize;
    }

    /** The linear weights of each tap, as float64 copies (tap order). */
    public double[][] linearWeights() {
        double[][] out = new double[taps.size()][];
        for (int l = 0; l < taps.size(); l++) {
            out[l] = sameDiff().getVariable(lin(l)).getArr().castTo(DataType.DOUBLE).toDoubleVector();
        }
        return out;
    }

    // ----------------------------------------------------------------------------------- results

    /** Per-pair and per-layer distances of one batch. {@code perLayer[l][i]} is tap l of pair i. */
    public record Distances(double[] distance, double[][] perLayer) {
    }

    /**
     * Accumulates the distances of a batch of feature pairs.
     *
     * @param featuresA per tap N×C or N×C×H×W (tap order)
     * @param featuresB the same shapes
     * @throws IllegalArgumentException on a wrong tap count, channel count, shape mismatch or NaN/Inf
     *         (the state is then unchanged)
     */
    public void update(INDArray[] featuresA, INDArray[] featuresB) {
        accumulate(distances(featuresA, featuresB));
    }

    /**
     * Accumulates the distances of a batch of image pairs (image path).
     *
     * @param images0 N×3×H×W RGB in [−1, 1] (or [0, 1] with {@code normalize})
     * @param images1 the same shape
     * @throws IllegalStateException when the metric was built without a trunk
     * @throws IllegalArgumentException on bad images (state unchanged)
     */
    public void update(INDArray images0, INDArray images1) {
        accumulate(imageDistances(images0, images1));
    }

    /** The distances of a batch of feature pairs, without touching the state. */
    public Distances distances(INDArray[] featuresA, INDArray[] featuresB) {
        INDArray[][] f = checkFeaturePair(featuresA, featuresB, "featuresA", "featuresB");
        Map<String, INDArray> ph = new LinkedHashMap<>();
        for (int l = 0; l < taps.size(); l++) {
            ph.put("f0_" + l, f[0][l]);
            ph.put("f1_" + l, f[1][l]);
        }
        List<String> outs = new ArrayList<>();
        for (int l = 0; l < taps.size(); l++) {
            outs.add("dist_layer" + l);
        }
        outs.add("distance");
        Map<String, INDArray> r = sameDiff().output(ph, outs);
        double[][] per = new double[taps.size()][];
        for (int l = 0; l < taps.size(); l++) {
            per[l] = r.get("dist_layer" + l).castTo(DataType.DOUBLE).toDoubleVector();
        }
        double[] d = r.get("distance").castTo(DataType.DOUBLE).toDoubleVector();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalStateException(NAME + ": distance of pair " + i + " is " + d[i]);
            }
        }
        return new Distances(d, per);
    }

    /** The distances of a batch of image pairs, without touching the state. */
    public Distances imageDistances(INDArray images0, INDArray images1) {
        checkImagePair(images0, images1);
        // one trunk pass per side, not one on the concatenation: the same image at the same batch
        // position gives bit-identical taps, so d(x, x) is exactly 0 (GEMM blocking depends on N)
        return distances(tapFeatures(images0), tapFeatures(images1));
    }

    /**
     * The trunk's taps of a batch of images, after the declared range check and the LPIPS
     * ScalingLayer (tap order), e.g. to precompute features for training.
     *
     * @throws IllegalStateException without a trunk
     */
    public INDArray[] tapFeatures(INDArray images) {
        requireTrunk();
        checkImages("images", images);
        Map<String, INDArray> t = trunk.taps(scaled(images));
        INDArray[] out = new INDArray[taps.size()];
        for (int l = 0; l < out.length; l++) {
            out[l] = t.get(taps.get(l));
            if (out[l] == null) {
                throw new IllegalStateException(NAME + ": trunk " + trunk.name() + " returned no tap " + taps.get(l));
            }
        }
        return out;
    }

    /**
     * The input of the trunk: x' = (x − shift_c)/scale_c (after x → 2x − 1 with {@code normalize}),
     * in float32 as the reference. Public for layer-by-layer checks.
     */
    public INDArray scaled(INDArray images) {
        INDArray x = images.castTo(DataType.FLOAT).dup('c');
        if (normalize) {
            x.muli(2).subi(1);
        }
        for (int c = 0; c < 3; c++) {
            x.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all())
                    .subi(SHIFT[c]).divi(SCALE[c]);
        }
        return x;
    }

    private void accumulate(Distances d) {
        int n = d.distance().length;
        while (count + n > distances.length) {
            distances = Arrays.copyOf(distances, distances.length * 2);
        }
        System.arraycopy(d.distance(), 0, distances, count, n);
        for (int l = 0; l < taps.size(); l++) {
            for (double v : d.perLayer()[l]) {
                layerSums[l] += v;
            }
        }
        count += n;
    }

    /** The distance of every pair accumulated so far, in update order. */
    public double[] pairDistances() {
        return Arrays.copyOf(distances, count);
    }

    /** Number of pairs accumulated. */
    public long pairCount() {
        return count;
    }

    /**
     * {@code lpips} = mean distance, {@code lpips_<tap>} = mean of each layer term, {@code pairs}.
     *
     * @throws IllegalStateException before any pair
     */
    @Override
    public MetricResult compute() {
        if (count == 0) {
            throw new IllegalStateException(NAME + ": no pairs accumulated; call update first");
        }
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += distances[i];
        }
        MetricResult.Builder b = MetricResult.builder().put(NAME, s / count);
        for (int l = 0; l < taps.size(); l++) {
            b.put(NAME + "_" + taps.get(l), layerSums[l] / count);
        }
        return b.put("pairs", count).build();
    }

    @Override
    public void reset() {
        distances = new double[16];
        layerSums = new double[taps.size()];
        count = 0;
    }

    /**
     * Appends the other metric's pairs.
     *
     * @throws IllegalArgumentException when the taps, channels or linear weights differ
     */
    @Override
    public void merge(LPIPSMetric other) {
        if (!taps.equals(other.taps) || !Arrays.equals(channels, other.channels)) {
            throw new IllegalArgumentException(NAME + ": cannot merge metrics with taps " + taps + " and " + other.taps);
        }
        if (!Arrays.deepEquals(linearWeights(), other.linearWeights())) {
            throw new IllegalArgumentException(NAME + ": cannot merge metrics with different linear weights");
        }
        double[] theirs = other.pairDistances();
        double[] per = other.layerSums.clone();
        int n = theirs.length;
        while (count + n > distances.length) {
            distances = Arrays.copyOf(distances, distances.length * 2);
        }
        System.arraycopy(theirs, 0, distances, count, n);
        for (int l = 0; l < taps.size(); l++) {
            layerSums[l] += per[l];
        }
        count += n;
    }

    // ------------------------------------------------------------------------------- training

    /**
     * A 2AFC training batch from precomputed taps.
     *
     * @param ref   per tap the reference patches' features
     * @param p0    per tap distortion 0
     * @param p1    per tap distortion 1
     * @param judge [N] fraction of judges preferring distortion 1, in [0, 1]
     * @throws IllegalArgumentException on wrong taps/shapes or a judgement outside [0, 1]
     */
    public MultiDataSet twoAfcBatch(INDArray[] ref, INDArray[] p0, INDArray[] p1, INDArray judge) {
        INDArray[][] a = checkFeaturePair(ref, p0, "ref", "p0");
        INDArray[][] b = checkFeaturePair(ref, p1, "ref", "p1");
        long n = a[0][0].size(0);
        if (judge == null || judge.length() != n) {
            throw new IllegalArgumentException(NAME + ": judge must have " + n + " values (one per triplet), got "
                    + (judge == null ? "null" : Arrays.toString(judge.shape())));
        }
        double[] h = judge.castTo(DataType.DOUBLE).toDoubleVector();
        for (int i = 0; i < h.length; i++) {
            if (!(h[i] >= 0 && h[i] <= 1)) {
                throw new IllegalArgumentException(NAME + ": judge[" + i + "] = " + h[i] + " is outside [0, 1]");
            }
        }
        INDArray[] features = new INDArray[3 * taps.size()];
        for (int l = 0; l < taps.size(); l++) {
            features[l] = a[0][l];
            features[taps.size() + l] = a[1][l];
            features[2 * taps.size() + l] = b[1][l];
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(features,
                new INDArray[]{judge.castTo(DataType.FLOAT).reshape(n)});
    }

    /** A 2AFC training batch from images (through the trunk, which stays frozen). */
    public MultiDataSet twoAfcBatchFromImages(INDArray ref, INDArray p0, INDArray p1, INDArray judge) {
        checkImagePair(ref, p0);
        checkImagePair(ref, p1);
        return twoAfcBatch(tapFeatures(ref), tapFeatures(p0), tapFeatures(p1), judge);
    }

    /**
     * The 2AFC score of the current metric on the given batches: mean over triplets of
     * (d0 &lt; d1)(1 − h) + (d1 &lt; d0) h + ½ (d0 = d1), as {@code lpips/trainer.py score_2afc_dataset}.
     */
    public double twoAfcScore(List<? extends MultiDataSet> batches) {
        double s = 0;
        long n = 0;
        for (MultiDataSet b : batches) {
            Map<String, INDArray> r = sameDiff().output(placeholdersOf(b), "d0", "d1");
            double[] d0 = r.get("d0").castTo(DataType.DOUBLE).toDoubleVector();
            double[] d1 = r.get("d1").castTo(DataType.DOUBLE).toDoubleVector();
            double[] h = b.getLabels(0).castTo(DataType.DOUBLE).toDoubleVector();
            for (int i = 0; i < d0.length; i++) {
                s += TwoAfc.score(d0[i], d1[i], h[i]);
            }
            n += d0.length;
        }
        if (n == 0) {
            throw new IllegalArgumentException(NAME + ": twoAfcScore needs at least one triplet");
        }
        return s / n;
    }

    private Map<String, INDArray> placeholdersOf(MultiDataSet b) {
        Map<String, INDArray> ph = new LinkedHashMap<>();
        List<String> f = trainingFeatures();
        for (int i = 0; i < f.size(); i++) {
            ph.put(f.get(i), b.getFeatures(i));
        }
        ph.put("judge", b.getLabels(0));
        return ph;
    }

    @Override
    protected List<String> trainingFeatures() {
        List<String> out = new ArrayList<>();
        for (String role : new String[]{"ref_", "p0_", "p1_"}) {
            for (int l = 0; l < taps.size(); l++) {
                out.add(role + l);
            }
        }
        return out;
    }

    @Override
    protected List<String> trainingLabels() {
        return List.of("judge");
    }

    @Override
    protected String trainingLoss() {
        return LOSS;
    }

    /** Projects the linear weights back onto w ≥ 0, as the reference's {@code clamp_weights}. */
    @Override
    protected void afterStep() {
        for (int l = 0; l < taps.size(); l++) {
            INDArray w = sameDiff().getVariable(lin(l)).getArr();
            w.assign(Transforms.relu(w, true));
        }
    }

    @Override
    protected String checkParameter(String name, INDArray value) {
        double min = value.minNumber().doubleValue();
        if (name.startsWith("lin") && !(min >= 0)) {
            return "'" + name + "' must be finite and >= 0 (LPIPS weights are non-negative), min is " + min;
        }
        if (!Double.isFinite(value.sumNumber().doubleValue())) {
            return "'" + name + "' contains NaN or Inf";
        }
        return null;
    }

    /**
     * Gradients of Σ_pairs d(a_i, b_i) with respect to each tap's linear weights (by SameDiff's
     * autodiff, on a separate graph so that the training loss stays the metric graph's loss).
     */
    public double[][] distanceGradients(INDArray[] featuresA, INDArray[] featuresB) {
        INDArray[][] f = checkFeaturePair(featuresA, featuresB, "featuresA", "featuresB");
        if (gradientGraph == null) {
            gradientGraph = SameDiff.create();
            SDVariable[] w = new SDVariable[taps.size()];
            SDVariable[] a = new SDVariable[taps.size()];
            SDVariable[] b = new SDVariable[taps.size()];
            for (int l = 0; l < taps.size(); l++) {
                w[l] = gradientGraph.var(lin(l), DataType.FLOAT, channels[l]);
                a[l] = gradientGraph.placeHolder("f0_" + l, DataType.FLOAT, -1, channels[l], -1, -1);
                b[l] = gradientGraph.placeHolder("f1_" + l, DataType.FLOAT, -1, channels[l], -1, -1);
            }
            SDVariable d = LpipsGraph.total(gradientGraph, "distance",
                    LpipsGraph.layerDistances(gradientGraph, "dist", a, b, w, channels));
            gradientGraph.sum("distance_sum", d);
            gradientGraph.setLossVariables("distance_sum");
        }
        Map<String, INDArray> ph = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int l = 0; l < taps.size(); l++) {
            gradientGraph.getVariable(lin(l)).getArr().assign(sameDiff().getVariable(lin(l)).getArr());
            ph.put("f0_" + l, f[0][l]);
            ph.put("f1_" + l, f[1][l]);
            names.add(lin(l));
        }
        Map<String, INDArray> g = gradientGraph.calculateGradients(ph, names);
        double[][] out = new double[taps.size()][];
        for (int l = 0; l < taps.size(); l++) {
            out[l] = g.get(lin(l)).castTo(DataType.DOUBLE).toDoubleVector();
        }
        return out;
    }

    // ---------------------------------------------------------------------------------- checks

    private INDArray[][] checkFeaturePair(INDArray[] a, INDArray[] b, String nameA, String nameB) {
        checkTapCount(nameA, a);
        checkTapCount(nameB, b);
        INDArray[][] out = new INDArray[2][taps.size()];
        long n = -1;
        for (int l = 0; l < taps.size(); l++) {
            String tap = taps.get(l);
            out[0][l] = canonicalTap(nameA, tap, l, a[l]);
            out[1][l] = canonicalTap(nameB, tap, l, b[l]);
            if (!Arrays.equals(out[0][l].shape(), out[1][l].shape())) {
                throw new IllegalArgumentException(String.format("%s: tap %s: %s has shape %s but %s has shape %s",
                        NAME, tap, nameA, Arrays.toString(a[l].shape()), nameB, Arrays.toString(b[l].shape())));
            }
            long rows = out[0][l].size(0);
            if (n >= 0 && rows != n) {
                throw new IllegalArgumentException(String.format("%s: tap %s of %s has %d rows, tap %s has %d",
                        NAME, tap, nameA, rows, taps.get(0), n));
            }
            n = rows;
        }
        if (n == 0) {
            throw new IllegalArgumentException(NAME + ": " + nameA + " has no rows");
        }
        return out;
    }

    private void checkTapCount(String argument, INDArray[] f) {
        if (f == null || f.length != taps.size()) {
            throw new IllegalArgumentException(String.format("%s: %s has %s taps, expected %d %s", NAME, argument,
                    f == null ? "null" : String.valueOf(f.length), taps.size(), taps));
        }
    }

    private INDArray canonicalTap(String argument, String tap, int l, INDArray f) {
        if (f == null) {
            throw new IllegalArgumentException(NAME + ": " + argument + " tap " + tap + " is null");
        }
        if (f.rank() != 2 && f.rank() != 4) {
            throw new IllegalArgumentException(String.format("%s: %s tap %s must be N x C or N x C x H x W, got shape %s",
                    NAME, argument, tap, Arrays.toString(f.shape())));
        }
        if (!f.dataType().isFPType()) {
            throw new IllegalArgumentException(String.format("%s: %s tap %s must be float32 or float64, got %s",
                    NAME, argument, tap, f.dataType()));
        }
        if (f.size(1) != channels[l]) {
            throw new IllegalArgumentException(String.format("%s: %s tap %s has %d channels, expected %d (shape %s)",
                    NAME, argument, tap, f.size(1), channels[l], Arrays.toString(f.shape())));
        }
        INDArray x = f.castTo(DataType.FLOAT);
        if (f.rank() == 2) {
            x = x.reshape(f.size(0), f.size(1), 1, 1);
        }
        if (x.length() > 0 && !Double.isFinite(x.sumNumber().doubleValue())) {
            throw new IllegalArgumentException(NAME + ": " + argument + " tap " + tap + " contains NaN or Inf");
        }
        return x;
    }

    private void requireTrunk() {
        if (trunk == null) {
            throw new IllegalStateException(NAME + ": built without a trunk, so it takes features, not images;"
                    + " use LPIPSMetric.builder().trunk(...) for images");
        }
    }

    private void checkImagePair(INDArray x0, INDArray x1) {
        requireTrunk();
        checkImages("images0", x0);
        checkImages("images1", x1);
        if (!Arrays.equals(x0.shape(), x1.shape())) {
            throw new IllegalArgumentException(String.format("%s: image pairs must have the same shape, got %s and %s",
                    NAME, Arrays.toString(x0.shape()), Arrays.toString(x1.shape())));
        }
    }

    private void checkImages(String argument, INDArray x) {
        if (x == null) {
            throw new IllegalArgumentException(NAME + ": " + argument + " must not be null");
        }
        if (x.rank() != 4 || x.size(1) != trunk.inputChannels()) {
            throw new IllegalArgumentException(String.format("%s: %s must be N x %d x H x W (RGB), got shape %s",
                    NAME, argument, trunk.inputChannels(), Arrays.toString(x.shape())));
        }
        if (x.size(0) == 0) {
            throw new IllegalArgumentException(NAME + ": " + argument + " has no images");
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(NAME + ": " + argument + " must be float32 or float64, got " + x.dataType());
        }
        int min = trunk.minInputSize();
        if (x.size(2) < min || x.size(3) < min) {
            throw new IllegalArgumentException(String.format("%s: %s are %dx%d, too small for trunk %s (minimum %dx%d)",
                    NAME, argument, x.size(2), x.size(3), trunk.name(), min, min));
        }
        double lo = normalize ? 0 : -1;
        double vmin = x.minNumber().doubleValue();
        double vmax = x.maxNumber().doubleValue();
        if (!(vmin >= lo && vmax <= 1)) {
            throw new IllegalArgumentException(String.format(
                    "%s: %s must lie in [%s, 1]%s, got values in [%s, %s]", NAME, argument, lo == 0 ? "0" : "-1",
                    normalize ? " (normalize=true)" : " (use normalize=true for [0, 1] images)", vmin, vmax));
        }
    }

    private static String lin(int l) {
        return "lin" + l;
    }

    // --------------------------------------------------------------------------------- builder

    /** Configuration of an {@link LPIPSMetric}; defaults are the reference's ({@code lpips.LPIPS(net='vgg')}). */
    public static final class Builder {
        private List<String> taps = VGG_TAPS;
        private int[] channels = VGG_CHANNELS.clone();
        private TapExtractor trunk;
        private boolean normalize;
        private LinearInit init = LinearInit.V0_1;
        private long seed = 0;

        private Builder() {
        }

        /** Custom taps for the features path (any network); their channel counts alongside. */
        public Builder taps(List<String> names, int... channelsPerTap) {
            if (names.isEmpty() || names.size() != channelsPerTap.length) {
                throw new IllegalArgumentException(NAME + ": need one channel count per tap, got " + names.size()
                        + " names and " + channelsPerTap.length + " counts");
            }
            for (int c : channelsPerTap) {
                if (c <= 0) {
                    throw new IllegalArgumentException(NAME + ": channel counts must be > 0, got " + Arrays.toString(channelsPerTap));
                }
            }
            this.taps = List.copyOf(names);
            this.channels = channelsPerTap.clone();
            return this;
        }

        /** The image trunk; also sets the taps to the trunk's. */
        public Builder trunk(TapExtractor trunk) {
            this.trunk = Objects.requireNonNull(trunk, "trunk");
            return taps(trunk.tapNames(), trunk.tapChannels());
        }

        /** Images in [0, 1] (mapped to 2x − 1) instead of [−1, 1]; {@code lpips}'s {@code normalize=True}. */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** How the linear weights start (default {@link LinearInit#V0_1}). */
        public Builder linearInit(LinearInit init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** Seed of {@link LinearInit#RANDOM}. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @throws IllegalArgumentException when v0.1 weights are asked for a non-VGG tap layout
         */
        public LPIPSMetric build() {
            INDArray[] w = initialWeights();
            SameDiff sd = SameDiff.create();
            int k = taps.size();
            SDVariable[] lin = new SDVariable[k];
            SDVariable[] f0 = new SDVariable[k];
            SDVariable[] f1 = new SDVariable[k];
            SDVariable[] ref = new SDVariable[k];
            SDVariable[] p0 = new SDVariable[k];
            SDVariable[] p1 = new SDVariable[k];
            List<String> params = new ArrayList<>();
            for (int l = 0; l < k; l++) {
                lin[l] = sd.var(lin(l), w[l]);
                params.add(lin(l));
                f0[l] = sd.placeHolder("f0_" + l, DataType.FLOAT, -1, channels[l], -1, -1);
                f1[l] = sd.placeHolder("f1_" + l, DataType.FLOAT, -1, channels[l], -1, -1);
                ref[l] = sd.placeHolder("ref_" + l, DataType.FLOAT, -1, channels[l], -1, -1);
                p0[l] = sd.placeHolder("p0_" + l, DataType.FLOAT, -1, channels[l], -1, -1);
                p1[l] = sd.placeHolder("p1_" + l, DataType.FLOAT, -1, channels[l], -1, -1);
            }
            LpipsGraph.total(sd, "distance", LpipsGraph.layerDistances(sd, "dist", f0, f1, lin, channels));
            SDVariable d0 = LpipsGraph.total(sd, "d0", LpipsGraph.layerDistances(sd, "d0", ref, p0, lin, channels));
            SDVariable d1 = LpipsGraph.total(sd, "d1", LpipsGraph.layerDistances(sd, "d1", ref, p1, lin, channels));
            SDVariable judge = sd.placeHolder("judge", DataType.FLOAT, -1);
            RankingNet.build(sd, "rank", d0, d1, judge);
            params.addAll(RankingNet.PARAMETERS);
            sd.setLossVariables(LOSS);
            return new LPIPSMetric(this, sd, params);
        }

        private INDArray[] initialWeights() {
            INDArray[] w = new INDArray[taps.size()];
            for (int l = 0; l < w.length; l++) {
                int c = channels[l];
                switch (init) {
                    case V0_1 -> {
                        if (!Arrays.equals(channels, VGG_CHANNELS)) {
                            throw new IllegalArgumentException(NAME + ": the v0.1 weights are for VGG taps with channels "
                                    + Arrays.toString(VGG_CHANNELS) + ", got " + Arrays.toString(channels)
                                    + "; use LinearInit.UNIFORM or RANDOM");
                        }
                        w[l] = bundledV01(l);
                    }
                    case UNIFORM -> w[l] = Nd4j.valueArrayOf(new long[]{c}, 1.0f / c, DataType.FLOAT);
                    case RANDOM -> {
                        SplittableRandom r = new SplittableRandom(seed + l);
                        float[] v = new float[c];
                        for (int i = 0; i < c; i++) {
                            v[i] = (float) (2.0 / c * r.nextDouble());
                        }
                        w[l] = Nd4j.create(v, new long[]{c}, DataType.FLOAT);
                    }
                    default -> throw new AssertionError(init);
                }
            }
            return w;
        }
    }

    /** The bundled v0.1 VGG weights of tap {@code l} ({@code lin<l>_vgg_v0.1.npy}), as float32 [C]. */
    public static INDArray bundledV01(int l) {
        String res = "lin" + l + "_vgg_v0.1.npy";
        try (InputStream in = LPIPSMetric.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException(NAME + ": missing bundled resource " + res);
            }
            return NpyFormat.read(in, res).castTo(DataType.FLOAT).reshape(VGG_CHANNELS[l]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
