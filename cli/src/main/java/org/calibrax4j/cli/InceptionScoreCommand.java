package org.calibrax4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.calibrax4j.inception.InceptionScoreMetric;
import org.calibrax4j.metric.MetricResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code calibrax4j is}: Inception Score of an N×C matrix of class probabilities (or logits with
 * {@code --logits}), split into {@code --splits} consecutive chunks as {@link InceptionScoreMetric} pins it.
 */
@Command(name = "is", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Inception Score of generated samples from their class probabilities (N x C .npy, float32/float64).",
            "Prints inception_score (mean over splits) and inception_score_std (population std)."},
        footer = {"", "Example:", "  calibrax4j is --probabilities probs.npy --splits 10 --json"})
final class InceptionScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--probabilities", required = true, paramLabel = "<file.npy>",
            description = "Class probabilities, N x C; rows sum to 1 (logits with --logits).")
    Path probabilities;

    @Option(names = "--logits", description = "The file holds logits; a float64 softmax is applied.")
    boolean logits;

    @Option(names = "--splits", defaultValue = "10", paramLabel = "<n>",
            description = "Number of consecutive chunks (default: ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (splits <= 0) {
            throw new ParameterException(spec.commandLine(), "--splits must be > 0, got " + splits);
        }
        INDArray p = InputFiles.npy(probabilities, "--probabilities");
        InputFiles.requireFloatMatrix(probabilities, p, "a matrix of class " + (logits ? "logits" : "probabilities")
                + " (N x C)", 1);
        InceptionScoreMetric metric = new InceptionScoreMetric(splits);
        MetricResult result;
        try {
            if (logits) {
                metric.updateLogits(p);
            } else {
                metric.update(p);
            }
            result = metric.compute();
        } catch (IllegalArgumentException | IllegalStateException e) {
            String hint = !logits && e.getMessage() != null && e.getMessage().contains("[0, 1]")
                    ? " (pass --logits if the file holds logits)" : "";
            throw new IllegalArgumentException(probabilities + ": " + e.getMessage() + hint, e);
        }
        Output.print(spec.commandLine().getOut(), result, json);
        return 0;
    }
}
