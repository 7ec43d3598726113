package org.calibrax4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.calibrax4j.fid.FIDMetric;
import org.calibrax4j.fid.GaussianStatistics;
import org.calibrax4j.io.NpzArchive;
import org.calibrax4j.metric.Checks;
import org.calibrax4j.metric.MetricResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code calibrax4j fid}: Fréchet Inception Distance between two sides, each a folder of images
 * (through pytorch-fid's InceptionV3, {@code --weights}), a feature matrix ({@code .npy}, N×D) or
 * saved statistics ({@code .npz} with {@code mu} and {@code sigma}, the format of pytorch-fid's
 * {@code --save-stats}); or, with {@code --save-stats}, the statistics of a folder or feature
 * matrix written in that format. The positional form {@code fid PATH PATH} is pytorch-fid's.
 */
@Command(name = "fid", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Frechet Inception Distance between real and generated images, features or statistics.",
            "Each side is a folder of PNG/JPEG images (recursive; needs --weights), an .npy feature matrix",
            "(N x D, float32/float64) or an .npz with 'mu' (D) and 'sigma' (D x D), as written by",
            "pytorch-fid --save-stats (plain or compressed)."},
        footer = {"", "Examples:",
            "  calibrax4j fid real_images/ fake_images/ --weights pt_inception.npz",
            "  calibrax4j fid --save-stats real_images/ real_stats.npz --weights pt_inception.npz",
            "  calibrax4j fid real_stats.npz fake_images/ --weights pt_inception.npz --dims 2048 --json",
            "  calibrax4j fid --real real_features.npy --generated fake_features.npy",
            "  calibrax4j fid --real fid_stats_cifar10.npz --generated fake_features.npy --json",
            "  calibrax4j fid --save-stats real_features.npy real_stats.npz"})
final class FidCommand implements Callable<Integer> {
    /** Rows per update: bounds the float64 copy of a large feature file. */
    private static final int BATCH_ROWS = 2048;

    @Spec
    CommandSpec spec;

    @Option(names = "--real", paramLabel = "<file>", description = "Real side: .npy features or .npz statistics.")
    Path real;

    @Option(names = "--generated", paramLabel = "<file>", description = "Generated side: .npy features or .npz statistics.")
    Path generated;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Option(names = "--save-stats", description = "Write mu and sigma of IN (folder or .npy) to OUT.npz (np.savez layout, float64) instead.")
    boolean saveStats;

    @Option(names = "--dims", defaultValue = "2048", paramLabel = "D",
            description = "InceptionV3 features for image folders: 64, 192, 768 or 2048 (default: ${DEFAULT-VALUE}, pool3).")
    int dims;

    @Mixin
    ImageInputs images;

    @Parameters(arity = "0..2", paramLabel = "PATH",
            description = "Two sides (folder, .npy or .npz), or with --save-stats: IN (folder or .npy) and OUT.npz.")
    List<Path> paths = List.of();

    /** One side's Gaussian: from features (with their row count) or from saved moments. */
    private record Side(Path file, double[] mu, double[] sigma, INDArray features) {
        int dim() {
            return mu != null ? mu.length : (int) features.size(1);
        }
    }

    @Override
    public Integer call() throws IOException {
        images.validate(this::usage);
        if (dims != 64 && dims != 192 && dims != 768 && dims != 2048) {
            throw usage("--dims must be one of 64, 192, 768, 2048, got " + dims);
        }
        if (saveStats) {
            return saveStatistics();
        }
        Path realPath = real;
        Path generatedPath = generated;
        if (!paths.isEmpty()) {
            if (real != null || generated != null) {
                throw usage("give the two sides either as two paths or as --real/--generated, not both");
            }
            if (paths.size() != 2) {
                throw usage("needs two paths (folder, .npy or .npz), got " + paths.size());
            }
            realPath = paths.get(0);
            generatedPath = paths.get(1);
        }
        if (realPath == null || generatedPath == null) {
            throw usage("needs both --real and --generated (or two paths)");
        }
        // file problems first, so that a typo is reported before the weights are loaded
        InputFiles.requireReadable(realPath);
        InputFiles.requireReadable(generatedPath);
        Side r = load(realPath, "real");
        Side g = load(generatedPath, "generated");
        if (r.dim() != g.dim()) {
            throw new IllegalArgumentException("feature widths differ: " + realPath + " has D=" + r.dim() + ", "
                    + generatedPath + " has D=" + g.dim());
        }
        MetricResult result;
        if (r.features != null && g.features != null) {
            FIDMetric metric = new FIDMetric(r.dim());
            feed(metric, r, true);
            feed(metric, g, false);
            result = metric.compute();
        } else {
            double[][] a = moments(r);
            double[][] b = moments(g);
            result = MetricResult.of(FIDMetric.FID, FIDMetric.fromStatistics(a[0], a[1], b[0], b[1]));
        }
        Output.print(spec.commandLine().getOut(), result, json);
        return 0;
    }

    private int saveStatistics() throws IOException {
        if (real != null || generated != null) {
            throw usage("--save-stats takes IN OUT.npz (IN a folder or FEATURES.npy), not --real/--generated");
        }
        if (json) {
            throw usage("--json does not apply to --save-stats");
        }
        if (paths.size() != 2) {
            throw usage("--save-stats needs two paths, IN (folder or FEATURES.npy) and OUT.npz; got " + paths.size());
        }
        Path in = paths.get(0);
        Path out = paths.get(1);
        GaussianStatistics s;
        if (Files.isDirectory(in)) {
            s = folderStatistics(in, "images");
        } else {
            INDArray features = InputFiles.npy(in, "--save-stats input");
            InputFiles.requireFloatMatrix(in, features, "a feature matrix (N x D)", 2);
            Side side = new Side(in, null, null, features);
            FIDMetric metric = new FIDMetric(side.dim());
            feed(metric, side, true);
            s = metric.realStatistics();
        }
        int d = s.dim();
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("mu", Nd4j.create(s.mean(), new long[] {d}, 'c'));
        arrays.put("sigma", Nd4j.create(s.covariance(), new long[] {d, d}, 'c'));
        NpzArchive.write(out, arrays);
        PrintWriter w = spec.commandLine().getOut();
        w.println("saved mu (" + d + ") and sigma (" + d + "x" + d + ") of " + s.count() + " rows to " + out);
        w.flush();
        return 0;
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Gaussian statistics of a folder's InceptionV3 features (--dims wide). */
    private GaussianStatistics folderStatistics(Path dir, String label) throws IOException {
        FIDMetric metric = FIDMetric.withBackbone(images.network(this::usage).withDims(dims));
        images.forEachBatch(dir, label, spec.commandLine().getErr(), metric::updateReal);
        return metric.realStatistics();
    }

    private Side load(Path file, String label) throws IOException {
        if (Files.isDirectory(file)) {
            GaussianStatistics s = folderStatistics(file, label);
            if (s.count() < 2) {
                throw new IllegalArgumentException(file + ": needs at least 2 images, got " + s.count());
            }
            return new Side(file, s.mean(), s.covariance(), null);
        }
        if (InputFiles.kindOf(file) == InputFiles.Kind.NPZ) {
            NpzArchive npz = InputFiles.npz(file);
            INDArray mu = npz.get("mu");
            INDArray sigma = npz.get("sigma");
            if (mu.rank() != 1 || !mu.dataType().isFPType()) {
                throw new IllegalArgumentException(file + ": 'mu' must be a float vector (D), got " + mu.dataType()
                        + " of shape " + Arrays.toString(mu.shape()));
            }
            long d = mu.length();
            if (sigma.rank() != 2 || sigma.size(0) != d || sigma.size(1) != d || !sigma.dataType().isFPType()) {
                throw new IllegalArgumentException(file + ": 'sigma' must be a float matrix of shape [" + d + ", " + d
                        + "] to match 'mu', got " + sigma.dataType() + " of shape " + Arrays.toString(sigma.shape()));
            }
            double[] m = Checks.toDoubles(mu);
            double[] s = Checks.toDoubles(sigma);
            requireFinite(file, "mu", m);
            requireFinite(file, "sigma", s);
            return new Side(file, m, s, null);
        }
        INDArray features = InputFiles.npy(file, "features");
        InputFiles.requireFloatMatrix(file, features,
                "a feature matrix (N x D) or an .npz with 'mu' and 'sigma'", 2);
        return new Side(file, null, null, features);
    }

    private static void requireFinite(Path file, String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(file + ": '" + name + "' contains " + v[i] + " at index " + i);
            }
        }
    }

    private static void feed(FIDMetric metric, Side side, boolean isReal) {
        long n = side.features.size(0);
        for (long start = 0; start < n; start += BATCH_ROWS) {
            long end = Math.min(n, start + BATCH_ROWS);
            INDArray batch = side.features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            try {
                if (isReal) {
                    metric.updateReal(batch);
                } else {
                    metric.updateGenerated(batch);
                }
            } catch (IllegalArgumentException e) {
                String rows = n > BATCH_ROWS ? "in rows " + start + ".." + (end - 1) + " (row numbers relative): " : "";
                throw new IllegalArgumentException(side.file + ": " + rows + e.getMessage(), e);
            }
        }
    }

    private static double[][] moments(Side side) {
        if (side.mu != null) {
            return new double[][] {side.mu, side.sigma};
        }
        FIDMetric one = new FIDMetric(side.dim());
        feed(one, side, true);
        GaussianStatistics s = one.realStatistics();
        return new double[][] {s.mean(), s.covariance()};
    }
}
