package org.calibrax4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.calibrax4j.zoo.ProgressListener;
import org.calibrax4j.zoo.images.ImageFolder;
import org.calibrax4j.zoo.inception.FidInceptionV3;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Option;

/**
 * The options that turn folders of images into InceptionV3 inputs, shared by {@code fid} and
 * {@code is} (picocli mixin), with pytorch-fid's names and defaults. The network is loaded once,
 * on first use, after its SHA-256 has been checked.
 */
final class ImageInputs {
    @Option(names = "--weights", paramLabel = "FILE",
            description = "InceptionV3 (FID) weights, .npz or .safetensors keyed by pytorch-fid's state_dict names.")
    Path weights;

    @Option(names = "--weights-sha256", paramLabel = "HEX",
            description = "Expected SHA-256 of --weights, checked before anything is read.")
    String weightsSha256;

    @Option(names = "--batch-size", defaultValue = "50", paramLabel = "N",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}); results do not depend on it.")
    int batchSize;

    @Option(names = "--device", paramLabel = "cpu|cuda",
            description = "Device; must match the ND4J backend on the classpath (default: the backend's).")
    String device;

    @Option(names = "--num-workers", paramLabel = "N",
            description = "Image decoding threads (default: min(cores, 8)).")
    Integer numWorkers;

    private FidInceptionV3 net;

    /** Checks the options before any file is read. */
    void validate(CommandError usage) {
        if (batchSize <= 0) {
            throw usage.of("--batch-size must be > 0, got " + batchSize);
        }
        if (numWorkers != null && numWorkers <= 0) {
            throw usage.of("--num-workers must be > 0, got " + numWorkers);
        }
        if (device != null) {
            String d = device.toLowerCase(Locale.ROOT);
            if (!d.equals("cpu") && !d.startsWith("cuda")) {
                throw usage.of("--device must be cpu or cuda, got '" + device + "'");
            }
            boolean cudaBackend = Nd4j.getBackend().getClass().getName().toLowerCase(Locale.ROOT).contains("cuda");
            if (d.startsWith("cuda") != cudaBackend) {
                throw usage.of("--device " + device + " needs the " + (cudaBackend ? "nd4j-native (CPU)" : "nd4j-cuda")
                        + " backend, but this build runs on " + (cudaBackend ? "CUDA" : "the CPU (nd4j-native)"));
            }
        }
    }

    /** Builds a usage error with the command's context. */
    @FunctionalInterface
    interface CommandError {
        RuntimeException of(String message);
    }

    /** The network, loaded on first call. */
    FidInceptionV3 network(CommandError usage) throws IOException {
        if (net == null) {
            if (weights == null) {
                throw usage.of("image folders need --weights FILE (pytorch-fid's InceptionV3 weights as .npz or "
                        + ".safetensors; see the README)");
            }
            net = FidInceptionV3.load(weights, weightsSha256);
        }
        return net;
    }

    /** Decodes every image of {@code dir} (resized to 299²) and hands batches of --batch-size to {@code sink}. */
    void forEachBatch(Path dir, String label, PrintWriter err, Consumer<INDArray> sink) throws IOException {
        List<Path> files = ImageFolder.list(dir);
        int threads = numWorkers != null ? numWorkers : Math.min(Runtime.getRuntime().availableProcessors(), 8);
        ImageFolder.forEachBatch(files, batchSize, threads, FidInceptionV3.INPUT_SIZE, new Progress(err, label), sink);
    }

    /** A progress line with images/s on stderr: redrawn on a terminal, else one line per 25%. */
    static final class Progress implements ProgressListener {
        private final PrintWriter err;
        private final String label;
        private final boolean terminal = System.console() != null;
        private long started;
        private long lastQuarter = -1;

        Progress(PrintWriter err, String label) {
            this.err = err;
            this.label = label;
        }

        @Override
        public void progress(String phase, long done, long total) {
            long now = System.nanoTime();
            if (done == 0) {
                started = now;
            }
            double s = Math.max((now - started) / 1e9, 1e-9);
            String rate = done == 0 ? "" : String.format(Locale.ROOT, ", %.2f images/s", done / s);
            int filled = total == 0 ? 30 : (int) (done * 30 / total);
            String line = String.format(Locale.ROOT, "%s [%s%s] %d/%d%s", label, "#".repeat(filled),
                    ".".repeat(30 - filled), done, total, rate);
            if (terminal) {
                err.print("\r" + line + (done >= total ? "\n" : ""));
            } else {
                long quarter = total == 0 ? 4 : done * 4 / total;
                if (quarter == lastQuarter) {
                    return;
                }
                lastQuarter = quarter;
                err.println(line);
            }
            err.flush();
        }
    }
}
