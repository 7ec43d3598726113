package org.calibrax4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.calibrax4j.kid.KIDConfig;
import org.calibrax4j.kid.KIDEstimate;
import org.calibrax4j.kid.KIDMetric;
import org.calibrax4j.metric.MetricResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code calibrax4j kid}: Kernel Inception Distance between two feature matrices, with
 * torchmetrics' defaults, seeded subset draws or subsets read from files ({@code --subset-indices}),
 * and optionally the full-set unbiased MMD² ({@code --full}).
 */
@Command(name = "kid", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Kernel Inception Distance: unbiased MMD^2 with the kernel (gamma x.y + coef)^degree, averaged over random subsets.",
            "Prints kid_mean and kid_std (population std over subsets, as torchmetrics), and kid_full with --full.",
            "KID is unbiased and may be negative."},
        footer = {"", "Examples:",
            "  calibrax4j kid --real real.npy --generated fake.npy --subsets 100 --subset-size 1000 --seed 1",
            "  calibrax4j kid --real real.npy --generated fake.npy --subset-indices real_idx.npy,fake_idx.npy --full --json"})
final class KidCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--real", required = true, paramLabel = "<file.npy>", description = "Real features, N x D (float32/float64).")
    Path real;

    @Option(names = "--generated", required = true, paramLabel = "<file.npy>", description = "Generated features, M x D.")
    Path generated;

    @Option(names = "--subsets", paramLabel = "<n>", description = "Number of subsets (default 100).")
    Integer subsets;

    @Option(names = "--subset-size", paramLabel = "<m>", description = "Rows per subset and side (default 1000).")
    Integer subsetSize;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "<s>", description = "Seed of the subset draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--subset-indices", split = ",", paramLabel = "REAL_IDX.npy,GEN_IDX.npy",
            description = {"Use these subsets instead of drawing: two integer arrays of shape subsets x subsetSize,",
                "0-based rows of --real and --generated (e.g. another implementation's draws)."})
    List<Path> subsetIndices;

    @Option(names = "--full", description = "Also print kid_full, the unbiased MMD^2 over all rows (n_real != n_generated allowed).")
    boolean full;

    @Option(names = "--degree", defaultValue = "3", paramLabel = "<d>", description = "Kernel degree (default: ${DEFAULT-VALUE}).")
    int degree;

    @Option(names = "--gamma", paramLabel = "<g>", description = "Kernel scale gamma (default 1/D).")
    Double gamma;

    @Option(names = "--coef", defaultValue = "1", paramLabel = "<c>", description = "Kernel offset (default: ${DEFAULT-VALUE}).")
    double coef;

    @Option(names = "--per-subset", description = "Also print each subset's value (kid_subset_<i>).")
    boolean perSubset;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        int[][] ri = null;
        int[][] gi = null;
        if (subsetIndices != null) {
            if (subsetIndices.size() != 2) {
                throw usage("--subset-indices takes two files, REAL_IDX.npy,GEN_IDX.npy; got " + subsetIndices.size());
            }
            if (subsets != null || subsetSize != null) {
                throw usage("--subset-indices fixes the subsets; do not also give --subsets or --subset-size");
            }
            ri = FeatureFiles.indexMatrix(subsetIndices.get(0));
            gi = FeatureFiles.indexMatrix(subsetIndices.get(1));
            if (ri.length != gi.length || ri.length > 0 && ri[0].length != gi[0].length) {
                throw new IllegalArgumentException("subset index shapes differ: " + subsetIndices.get(0) + " has " + shape(ri)
                        + ", " + subsetIndices.get(1) + " has " + shape(gi));
            }
        }
        KIDConfig config;
        try {
            KIDConfig.Builder b = KIDConfig.builder().seed(seed).fullSet(full).degree(degree).coef(coef);
            if (gamma != null) {
                b.gamma(gamma);
            }
            if (ri != null) {
                b.subsets(Math.max(ri.length, 1)).subsetSize(ri.length > 0 ? Math.max(ri[0].length, 2) : 2);
            } else {
                if (subsets != null) {
                    b.subsets(subsets);
                }
                if (subsetSize != null) {
                    b.subsetSize(subsetSize);
                }
            }
            config = b.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        INDArray x = FeatureFiles.features(real, "--real", 2);
        INDArray y = FeatureFiles.features(generated, "--generated", 2);
        FeatureFiles.requireSameWidth(real, x, generated, y);
        if (ri == null && (x.size(0) < config.subsetSize() || y.size(0) < config.subsetSize())) {
            throw new IllegalArgumentException(String.format(
                    "--subset-size %d%s exceeds the rows of a side: %s has %d, %s has %d (give a smaller --subset-size)",
                    config.subsetSize(), subsetSize == null ? " (the default)" : "", real, x.size(0), generated, y.size(0)));
        }
        KIDMetric metric = new KIDMetric((int) x.size(1), config);
        FeatureFiles.feed(real, x, metric::updateReal);
        FeatureFiles.feed(generated, y, metric::updateGenerated);
        KIDEstimate e;
        if (ri != null) {
            try {
                e = metric.estimate(ri, gi);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(subsetIndices.get(0) + "," + subsetIndices.get(1) + ": " + ex.getMessage(), ex);
            }
        } else {
            e = metric.estimate();
        }
        MetricResult.Builder r = MetricResult.builder().put(KIDMetric.KID_MEAN, e.mean()).put(KIDMetric.KID_STD, e.std());
        if (full) {
            r.put(KIDMetric.KID_FULL, e.full());
        }
        if (perSubset) {
            double[] v = e.perSubset();
            for (int i = 0; i < v.length; i++) {
                r.put("kid_subset_" + i, v[i]);
            }
        }
        Output.print(spec.commandLine().getOut(), r.build(), json);
        return 0;
    }

    private static String shape(int[][] a) {
        return "(" + a.length + ", " + (a.length == 0 ? 0 : a[0].length) + ")";
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
