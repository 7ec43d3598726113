package org.calibrax4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.calibrax4j.inception.InceptionScoreMetric;
import org.calibrax4j.metric.MetricResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code calibrax4j is}: Inception Score of a folder of images (through the FID InceptionV3,
 * {@code --weights}; p = softmax of the 1008 logits without fc bias, torchmetrics' default), or of
 * an N×C matrix of class probabilities (or logits with {@code --logits}), split into
 * {@code --splits} consecutive chunks as {@link InceptionScoreMetric} pins it.
 */
@Command(name = "is", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Inception Score of generated images (a folder, through InceptionV3 with --weights) or of their",
            "class probabilities (N x C .npy, float32/float64).",
            "Prints inception_score (mean over splits) and inception_score_std (population std)."},
        footer = {"", "Examples:", "  calibrax4j is generated_images/ --weights pt_inception.npz --splits 10",
            "  calibrax4j is --probabilities probs.npy --splits 10 --json"})
final class InceptionScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Folder of images (recursive; needs --weights).")
    Path dir;

    @Mixin
    ImageInputs images;

    @Option(names = "--probabilities", paramLabel = "<file.npy>",
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
        if ((dir == null) == (probabilities == null)) {
            throw new ParameterException(spec.commandLine(), "needs exactly one of DIR (a folder of images) or --probabilities");
        }
        if (dir != null) {
            return fromImages();
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

    private int fromImages() throws IOException {
        ImageInputs.CommandError usage = m -> new ParameterException(spec.commandLine(), m);
        images.validate(usage);
        if (logits) {
            throw usage.of("--logits applies to --probabilities only");
        }
        InputFiles.requireReadable(dir);
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": expected a folder of images");
        }
        InceptionScoreMetric metric = InceptionScoreMetric.withBackbone(images.network(usage), splits);
        images.forEachBatch(dir, "images", spec.commandLine().getErr(), metric::update);
        Output.print(spec.commandLine().getOut(), metric.compute(), json);
        return 0;
    }
}
