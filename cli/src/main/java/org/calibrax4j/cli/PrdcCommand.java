package org.calibrax4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.calibrax4j.prdc.PrecisionRecallConfig;
import org.calibrax4j.prdc.PrecisionRecallMetric;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code calibrax4j prdc}: precision, recall, density and coverage of generated features against
 * real ones on k-NN manifolds, as the public prdc code computes them.
 */
@Command(name = "prdc", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Precision and recall (Kynkaanniemi et al. 2019), density and coverage (Naeem et al. 2020) on k-NN manifolds",
            "of Euclidean feature distances; open balls (d < NND_k) as the public prdc code, --closed for d <= NND_k."},
        footer = {"", "Example:", "  calibrax4j prdc --real real.npy --generated fake.npy --k 5 --json"})
final class PrdcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--real", required = true, paramLabel = "<file.npy>", description = "Real features, N x D (float32/float64).")
    Path real;

    @Option(names = "--generated", required = true, paramLabel = "<file.npy>", description = "Generated features, M x D.")
    Path generated;

    @Option(names = {"--k", "--nearest-k"}, defaultValue = "5", paramLabel = "<k>",
            description = "k of the k-NN radii (default: ${DEFAULT-VALUE}, as prdc; Kynkaanniemi et al. use 3).")
    int k;

    @Option(names = "--closed", description = "Closed balls (d <= NND_k), as Kynkaanniemi's official code.")
    boolean closed;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrecisionRecallConfig config;
        try {
            config = new PrecisionRecallConfig(k, closed, 0, 0L);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--k: " + e.getMessage());
        }
        INDArray x = FeatureFiles.features(real, "--real", k + 1);
        INDArray y = FeatureFiles.features(generated, "--generated", k + 1);
        FeatureFiles.requireSameWidth(real, x, generated, y);
        PrecisionRecallMetric metric = new PrecisionRecallMetric((int) x.size(1), config);
        FeatureFiles.feed(real, x, metric::updateReal);
        FeatureFiles.feed(generated, y, metric::updateGenerated);
        Output.print(spec.commandLine().getOut(), metric.compute(), json);
        return 0;
    }
}
