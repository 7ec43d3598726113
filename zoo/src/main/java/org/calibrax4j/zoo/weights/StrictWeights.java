package org.calibrax4j.zoo.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.calibrax4j.io.NpzArchive;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Strict, named weight import: reads a PyTorch-style {@code name → tensor} map from a
 * {@code .npz} (NumPy, stored or deflated, via {@link NpzArchive}) or {@code .safetensors} file
 * (via {@link SafeTensors}) and checks it against the names and shapes a network expects, the way
 * PyTorch's {@code load_state_dict(strict=True)} does, but reporting every problem at once.
 *
 * <p>Entries named {@code *.num_batches_tracked} (BatchNorm's step counter, present in every
 * PyTorch {@code state_dict} and unused in evaluation) are accepted when present and ignored:
 * neither required nor reported as unexpected.
 *
 * <p>Typical use:
 * <pre>{@code
 * Map<String, INDArray> w = StrictWeights.load("VGG16", file, sha256OrNull, VGG16_SHAPES);
 * }</pre>
 */
public final class StrictWeights {
    /** Suffix of the BatchNorm counters that are accepted and ignored. */
    public static final String NUM_BATCHES_TRACKED = "num_batches_tracked";

    private StrictWeights() {
    }

    /** The file formats {@link #read} understands. */
    public enum Format {
        /** NumPy {@code .npz} (zip of {@code .npy}). */
        NPZ,
        /** Hugging Face {@code .safetensors}. */
        SAFETENSORS
    }

    /**
     * Reads every tensor of a weight file, choosing the format by its first bytes (a zip archive is
     * {@code .npz}, anything else must be safetensors).
     *
     * @return tensors in file order, with the file's data types (float weights are typically FLOAT)
     * @throws IOException when the file cannot be read or is in neither format
     */
    public static Map<String, INDArray> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "weight file not found");
        }
        return switch (detect(file)) {
            case NPZ -> new LinkedHashMap<>(NpzArchive.read(file).arrays());
            case SAFETENSORS -> SafeTensors.read(file);
        };
    }

    /**
     * Reads a weight file after checking its SHA-256 (when {@code expectedSha256} is non-null),
     * so nothing of a corrupt or substituted file is parsed.
     *
     * @param expectedSha256 64 hex digits, or {@code null} to skip the check
     * @throws ChecksumMismatchException when the hash differs
     * @throws IllegalArgumentException  when {@code expectedSha256} is not 64 hex digits
     * @throws IOException               as {@link #read(Path)}
     */
    public static Map<String, INDArray> read(Path file, String expectedSha256) throws IOException {
        if (expectedSha256 != null) {
            Sha256.verify(file, expectedSha256, "Supply the original weight file or the correct --weights-sha256");
        }
        return read(file);
    }

    /**
     * Checks {@code tensors} against {@code expected} and returns them in the expected order,
     * without the ignored {@code num_batches_tracked} entries.
     *
     * @param model    names the network in the error
     * @param source   names the file in the error
     * @param tensors  what the file holds
     * @param expected the network's tensor names → shapes, in the network's order (entries named
     *                 {@code *.num_batches_tracked} are skipped)
     * @return a new ordered map holding exactly the expected names
     * @throws WeightMismatchException naming every missing, unexpected and wrongly shaped tensor
     */
    public static Map<String, INDArray> check(String model, String source, Map<String, INDArray> tensors,
            Map<String, long[]> expected) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<WeightMismatchException.WrongShape> wrong = new ArrayList<>();
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            String name = e.getKey();
            if (isIgnored(name)) {
                continue;
            }
            INDArray a = tensors.get(name);
            if (a == null) {
                missing.add(name);
            } else if (!Arrays.equals(a.shape(), e.getValue())) {
                wrong.add(new WeightMismatchException.WrongShape(name, e.getValue().clone(), a.shape()));
            } else {
                out.put(name, a);
            }
        }
        for (String name : tensors.keySet()) {
            if (!isIgnored(name) && !expected.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !wrong.isEmpty()) {
            throw new WeightMismatchException(model, source, missing, unexpected, wrong);
        }
        return out;
    }

    /**
     * {@link #read(Path, String)} then {@link #check}: SHA-256 first, then parse, then the strict
     * name/shape check.
     *
     * @throws ChecksumMismatchException when the hash differs
     * @throws WeightMismatchException   when the tensors do not fit
     * @throws IOException               when the file cannot be read
     */
    public static Map<String, INDArray> load(String model, Path file, String expectedSha256,
            Map<String, long[]> expected) throws IOException {
        return check(model, file.toString(), read(file, expectedSha256), expected);
    }

    /** Whether {@code name} is a BatchNorm counter that is accepted and ignored. */
    public static boolean isIgnored(String name) {
        return name.equals(NUM_BATCHES_TRACKED) || name.endsWith("." + NUM_BATCHES_TRACKED);
    }

    /** The format of a weight file from its first bytes (zip magic → NPZ, else SAFETENSORS). */
    public static Format detect(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Format.NPZ;
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".npz")) {
            throw new IOException(file + ": named .npz but is not a zip archive");
        }
        if (lower.endsWith(".pth") || lower.endsWith(".pt")) {
            throw new IOException(file + ": PyTorch pickles (.pth/.pt) cannot be read from Java; convert with "
                    + "python3 -c \"import torch,numpy as np; sd=torch.load('" + file.getFileName()
                    + "',map_location='cpu'); np.savez('weights.npz', **{k: v.numpy() for k, v in sd.items()})\"");
        }
        return Format.SAFETENSORS;
    }
}
