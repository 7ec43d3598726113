package org.calibrax4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.calibrax4j.learned.lpips.LPIPSMetric;
import org.calibrax4j.zoo.data.FashionMnist;
import org.calibrax4j.zoo.vgg.VGG16Trunk;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Fine-tuning LPIPS in the 2AFC protocol of Zhang et al. (2018) on triplets built from Fashion-MNIST.
 *
 * <p>Each triplet is (reference, distortion 0, distortion 1, h). A distortion is one of a box blur
 * (radius = level), additive Gaussian noise (σ = 0.08·level) or a shift (level pixels right and
 * down), with level ∈ {1, 2, 3, 4}. <b>The judgement is synthetic, derived from the strength</b>: we
 * declare the three kinds equally strong at equal level and set h = σ(1.5·(level0 − level1)), the
 * "fraction of judges" who prefer distortion 1 — so a metric agrees with these judges when it ranks
 * distortions by level across kinds. No human data is involved.
 *
 * <p>Images are padded to 32×32 and replicated to RGB in [0, 1] ({@code normalize=true}); the trunk
 * is VGG16 with the torchvision weights given as the first argument (.npz/.safetensors) or, without
 * one, the deterministic untrained weights of the reference fixtures (no weights can be downloaded
 * here) — then the trunk is a random-feature network and fine-tuning the linear layer matters all
 * the more. Taps are computed once (the trunk is frozen); the linear weights and the ranking
 * network are trained with Adam, the linear weights clamped to ≥ 0 after every step. The 2AFC score
 * on training and held-out triplets is printed before and after.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.calibrax4j.examples.LpipsFineTuning
 * [-Dexec.args="vgg16.npz"]}.
 */
public final class LpipsFineTuning {
    /** Settings of one run. */
    public record Config(int trainTriplets, int testTriplets, int batchSize, int epochs, double learningRate, long seed) {
        /** Validates the fields. */
        public Config {
            if (trainTriplets < 1 || testTriplets < 1 || batchSize < 1 || epochs < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("LpipsFineTuning: sizes, epochs and learning rate must be positive");
            }
        }

        /** The example's defaults: 384 training and 192 held-out triplets, batch 32, 15 epochs, Adam 1e-3. */
        public static Config defaults() {
            return new Config(384, 192, 32, 15, 1e-3, 2018);
        }
    }

    /** What the run measured: 2AFC scores before/after and the real per-epoch loss. */
    public record Report(double trainBefore, double trainAfter, double testBefore, double testAfter, List<Double> losses,
                         double minLinearWeight) {
    }

    private LpipsFineTuning() {
    }

    /** Entry point; optional argument: VGG16 torchvision weights file. */
    public static void main(String[] args) throws IOException {
        VGG16Trunk trunk = args.length > 0 ? VGG16Trunk.fromFile(Path.of(args[0]), null)
                : VGG16Trunk.fromStateDict(VGG16Trunk.deterministicWeights(), "deterministic rule (untrained)");
        Report r = run(trunk, FashionMnist.load(FashionMnist.Split.TEST), Config.defaults());
        System.out.printf(Locale.ROOT, "2AFC score  train %.4f -> %.4f   held-out %.4f -> %.4f%n",
                r.trainBefore(), r.trainAfter(), r.testBefore(), r.testAfter());
        for (int e = 0; e < r.losses().size(); e++) {
            System.out.printf(Locale.ROOT, "epoch %2d  BCE loss %.4f%n", e + 1, r.losses().get(e));
        }
        System.out.printf(Locale.ROOT, "min linear weight after training: %.3g (clamped >= 0)%n", r.minLinearWeight());
    }

    /** Builds the triplets, measures, fine-tunes, measures again. */
    public static Report run(VGG16Trunk trunk, FashionMnist data, Config c) {
        LPIPSMetric lpips = LPIPSMetric.builder().trunk(trunk).normalize(true).build();
        SplittableRandom rnd = new SplittableRandom(c.seed());
        List<MultiDataSet> train = batches(lpips, data, 0, c.trainTriplets(), c.batchSize(), rnd);
        List<MultiDataSet> test = batches(lpips, data, c.trainTriplets(), c.testTriplets(), c.batchSize(), rnd);
        double trainBefore = lpips.twoAfcScore(train);
        double testBefore = lpips.twoAfcScore(test);
        List<Double> losses = lpips.fit(train, new Adam(c.learningRate()), c.epochs());
        double min = Double.POSITIVE_INFINITY;
        for (double[] w : lpips.linearWeights()) {
            for (double v : w) {
                min = Math.min(min, v);
            }
        }
        return new Report(trainBefore, lpips.twoAfcScore(train), testBefore, lpips.twoAfcScore(test), losses, min);
    }

    private static List<MultiDataSet> batches(LPIPSMetric lpips, FashionMnist data, int first, int n, int batch,
                                              SplittableRandom rnd) {
        List<MultiDataSet> out = new ArrayList<>();
        for (int start = 0; start < n; start += batch) {
            int m = Math.min(batch, n - start);
            float[][] ref = new float[m][];
            float[][] p0 = new float[m][];
            float[][] p1 = new float[m][];
            float[] h = new float[m];
            for (int i = 0; i < m; i++) {
                float[] img = grey(data, first + start + i);
                int l0 = 1 + rnd.nextInt(4);
                int l1 = 1 + rnd.nextInt(4);
                ref[i] = img;
                p0[i] = distort(img, rnd.nextInt(3), l0, rnd.nextLong());
                p1[i] = distort(img, rnd.nextInt(3), l1, rnd.nextLong());
                h[i] = (float) (1 / (1 + Math.exp(-1.5 * (l0 - l1))));
            }
            out.add(lpips.twoAfcBatchFromImages(rgb32(ref), rgb32(p0), rgb32(p1), Nd4j.create(h, new long[]{m}, 'c')));
        }
        return out;
    }

    private static float[] grey(FashionMnist data, int i) {
        float[] v = new float[FashionMnist.PIXELS];
        for (int p = 0; p < v.length; p++) {
            v[p] = data.pixel(i, p) / 255f;
        }
        return v;
    }

    /** Blur (0), noise (1) or shift (2) of a 28×28 image in [0, 1], clamped to [0, 1]. */
    static float[] distort(float[] img, int kind, int level, long seed) {
        int s = FashionMnist.SIZE;
        float[] out = new float[img.length];
        switch (kind) {
            case 0 -> {
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        double sum = 0;
                        int cnt = 0;
                        for (int dy = -level; dy <= level; dy++) {
                            for (int dx = -level; dx <= level; dx++) {
                                int yy = y + dy;
                                int xx = x + dx;
                                if (yy >= 0 && yy < s && xx >= 0 && xx < s) {
                                    sum += img[yy * s + xx];
                                    cnt++;
                                }
                            }
                        }
                        out[y * s + x] = (float) (sum / cnt);
                    }
                }
            }
            case 1 -> {
                SplittableRandom r = new SplittableRandom(seed);
                for (int p = 0; p < img.length; p++) {
                    out[p] = (float) Math.min(1, Math.max(0, img[p] + 0.08 * level * r.nextGaussian()));
                }
            }
            case 2 -> {
                for (int y = level; y < s; y++) {
                    System.arraycopy(img, (y - level) * s, out, y * s + level, s - level);
                }
            }
            default -> throw new IllegalArgumentException("distortion kind " + kind);
        }
        return out;
    }

    /** N×3×32×32 RGB (grey replicated), zero-padded by 2 pixels. */
    private static INDArray rgb32(float[][] imgs) {
        int s = FashionMnist.SIZE;
        int t = 32;
        float[] v = new float[imgs.length * 3 * t * t];
        for (int i = 0; i < imgs.length; i++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        v[((i * 3 + c) * t + y + 2) * t + x + 2] = imgs[i][y * s + x];
                    }
                }
            }
        }
        return Nd4j.create(v, new long[]{imgs.length, 3, t, t}, 'c');
    }
}
