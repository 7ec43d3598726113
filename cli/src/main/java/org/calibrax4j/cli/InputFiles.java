package org.calibrax4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.calibrax4j.io.NpyFormat;
import org.calibrax4j.io.NpzArchive;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Opening the NumPy files named on the command line; every error message starts with the file. */
final class InputFiles {
    private InputFiles() {
    }

    /** What a file holds, judged by its first bytes rather than its name. */
    enum Kind { NPY, NPZ }

    /**
     * The kind of {@code file}: a zip signature means {@code .npz}, anything else is read as {@code .npy}.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws IOException when it is a directory or cannot be read
     */
    static Kind kindOf(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, expected an .npy or .npz file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        boolean zip = head.length == 4 && head[0] == 'P' && head[1] == 'K'
                && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6);
        return zip ? Kind.NPZ : Kind.NPY;
    }

    /**
     * Fails when {@code path} is neither an existing folder nor a readable file.
     *
     * @throws NoSuchFileException when nothing exists there
     * @throws IllegalArgumentException when it is a folder without image files
     */
    static void requireReadable(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (!Files.isDirectory(path) && !Files.isReadable(path)) {
            throw new java.nio.file.AccessDeniedException(path.toString());
        }
        if (Files.isDirectory(path)) {
            org.calibrax4j.zoo.images.ImageFolder.list(path); // an empty folder fails now, not after the other side's forward pass
        }
    }

    /** Reads an {@code .npy} file; an {@code .npz} is refused with a message saying what {@code role} needs. */
    static INDArray npy(Path file, String role) throws IOException {
        if (kindOf(file) == Kind.NPZ) {
            throw new IllegalArgumentException(file + ": is an .npz archive; " + role + " must be an .npy array");
        }
        return NpyFormat.read(file);
    }

    /**
     * Checks that {@code a} is a floating-point N×D matrix with N ≥ {@code minRows}.
     *
     * @param what names the content in messages ("a feature matrix (N x D)")
     */
    static void requireFloatMatrix(Path file, INDArray a, String what, int minRows) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException(file + ": expected " + what + ", got an array of shape "
                    + Arrays.toString(a.shape()));
        }
        if (!a.dataType().isFPType()) {
            throw new IllegalArgumentException(file + ": expected float32 or float64 values, got " + a.dataType());
        }
        if (a.size(0) < minRows) {
            throw new IllegalArgumentException(file + ": needs at least " + minRows + " rows, got " + a.size(0)
                    + " (shape " + Arrays.toString(a.shape()) + ")");
        }
    }

    /** Reads an {@code .npz} archive (stored or deflated members). */
    static NpzArchive npz(Path file) throws IOException {
        return NpzArchive.read(file);
    }
}
