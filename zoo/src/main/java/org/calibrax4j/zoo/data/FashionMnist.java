package org.calibrax4j.zoo.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One split of Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, <a
 * href="https://github.com/zalandoresearch/fashion-mnist">zalandoresearch/fashion-mnist</a>), held in
 * memory as raw bytes: 28×28 grey images of 10 clothing classes, 60,000 for training and 10,000 for
 * testing.
 *
 * <p>Files are the four standard IDX files, gzip-compressed or plain, in one directory (by default
 * {@value #DEFAULT_DIR}, where Debian's {@code dataset-fashion-mnist} package puts them):
 * {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}. Magic numbers, image size,
 * counts and label range are validated.
 *
 * <p>Instances are immutable; {@link #images()} converts to float32 N×1×28×28 in [0, 1] (u8/255) on
 * each call.
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    /** Image height and width in pixels. */
    public static final int SIZE = 28;
    /** Pixels per image (28×28). */
    public static final int PIXELS = SIZE * SIZE;
    /** Number of classes. */
    public static final int NUM_CLASSES = 10;
    /** Class names indexed by label, as in the data set's README. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final int IMAGES_MAGIC_RANK = 3;
    private static final int LABELS_MAGIC_RANK = 1;
    private static final float[] U8_TO_UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            U8_TO_UNIT[i] = i / 255f;
        }
    }

    /** The two standard splits and their file prefixes and sizes. */
    public enum Split {
        /** 60,000 training images ({@code train-*}). */
        TRAIN("train", 60_000),
        /** 10,000 test images ({@code t10k-*}). */
        TEST("t10k", 10_000);

        private final String prefix;
        private final int size;

        Split(String prefix, int size) {
            this.prefix = prefix;
            this.size = size;
        }

        /** Number of examples in the full split. */
        public int size() {
            return size;
        }

        /** Standard gzip file name of this split's images, e.g. {@code train-images-idx3-ubyte.gz}. */
        public String imagesFile() {
            return prefix + "-images-idx3-ubyte.gz";
        }

        /** Standard gzip file name of this split's labels, e.g. {@code train-labels-idx1-ubyte.gz}. */
        public String labelsFile() {
            return prefix + "-labels-idx1-ubyte.gz";
        }
    }

    private final Split split;
    private final byte[] pixels;
    private final byte[] labels;

    private FashionMnist(Split split, byte[] pixels, byte[] labels) {
        this.split = split;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** The default data directory: {@value #DEFAULT_DIR}. */
    public static Path defaultDir() {
        return Path.of(DEFAULT_DIR);
    }

    /**
     * Loads a split from {@link #defaultDir()}.
     *
     * @throws FileNotFoundException when the split's files are missing; the message says how to get them
     * @throws IOException           when a file is unreadable or malformed (bad magic, counts, labels)
     */
    public static FashionMnist load(Split split) throws IOException {
        return load(defaultDir(), split);
    }

    /**
     * Loads a split from {@code dir}, which holds {@code <prefix>-images-idx3-ubyte[.gz]} and
     * {@code <prefix>-labels-idx1-ubyte[.gz]} (gzip or plain; the {@code .gz} name is tried first).
     *
     * @throws FileNotFoundException when the split's files are missing; the message says how to get them
     * @throws IOException           when a file is unreadable or malformed (bad magic, counts, labels)
     */
    public static FashionMnist load(Path dir, Split split) throws IOException {
        if (dir == null || split == null) {
            throw new IllegalArgumentException("FashionMnist.load: dir and split must not be null");
        }
        Path imagesFile = find(dir, split.imagesFile());
        Path labelsFile = find(dir, split.labelsFile());
        List<String> missing = new ArrayList<>();
        if (imagesFile == null) {
            missing.add(split.imagesFile());
        }
        if (labelsFile == null) {
            missing.add(split.labelsFile());
        }
        if (!missing.isEmpty()) {
            throw new FileNotFoundException(missingMessage(dir, missing));
        }

        Idx.Contents images = Idx.readUnsignedBytes(imagesFile, IMAGES_MAGIC_RANK);
        Idx.Contents labels = Idx.readUnsignedBytes(labelsFile, LABELS_MAGIC_RANK);
        int[] d = images.dims();
        if (d[1] != SIZE || d[2] != SIZE) {
            throw new IOException(String.format("%s: images are %dx%d, Fashion-MNIST's are %dx%d",
                    imagesFile, d[1], d[2], SIZE, SIZE));
        }
        if (d[0] != split.size()) {
            throw new IOException(String.format("%s: holds %d images, the %s split has %d",
                    imagesFile, d[0], split, split.size()));
        }
        if (labels.dims()[0] != d[0]) {
            throw new IOException(String.format("%s: holds %d labels but %s holds %d images",
                    labelsFile, labels.dims()[0], imagesFile, d[0]));
        }
        byte[] l = labels.data();
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xff) >= NUM_CLASSES) {
                throw new IOException(String.format("%s: label %d at index %d is outside [0, %d]",
                        labelsFile, l[i] & 0xff, i, NUM_CLASSES - 1));
            }
        }
        return new FashionMnist(split, images.data(), l);
    }

    private static Path find(Path dir, String gzName) {
        Path gz = dir.resolve(gzName);
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(gzName.substring(0, gzName.length() - ".gz".length()));
        return Files.isRegularFile(plain) ? plain : null;
    }

    private static String missingMessage(Path dir, List<String> missing) {
        return "Fashion-MNIST not found: " + dir + " lacks " + String.join(" and ", missing)
                + " (or the same without .gz). Install it with `apt-get install dataset-fashion-mnist`"
                + " (files go to " + DEFAULT_DIR + "), or pass `--data DIR` with a directory holding "
                + Split.TRAIN.imagesFile() + ", " + Split.TRAIN.labelsFile() + ", "
                + Split.TEST.imagesFile() + ", " + Split.TEST.labelsFile()
                + " (from https://github.com/zalandoresearch/fashion-mnist).";
    }

    /** The split these examples come from. */
    public Split split() {
        return split;
    }

    /** Number of examples N. */
    public int size() {
        return labels.length;
    }

    /** All images as a new float32 N×1×28×28 array in [0, 1] (u8/255). */
    public INDArray images() {
        return images(0, size());
    }

    /**
     * Images {@code from} (inclusive) to {@code to} (exclusive) as a new float32 (to−from)×1×28×28
     * array in [0, 1].
     *
     * @throws IllegalArgumentException unless 0 ≤ from &lt; to ≤ {@link #size()}
     */
    public INDArray images(int from, int to) {
        checkRange(from, to);
        int n = to - from;
        float[] f = new float[n * PIXELS];
        int offset = from * PIXELS;
        for (int i = 0; i < f.length; i++) {
            f[i] = U8_TO_UNIT[pixels[offset + i] & 0xff];
        }
        return Nd4j.createFromArray(f).reshape('c', n, 1, SIZE, SIZE);
    }

    /** Raw pixel {@code p} (row-major, 0..783) of image {@code i} as 0..255. */
    public int pixel(int i, int p) {
        return pixels[i * PIXELS + p] & 0xff;
    }

    /** A copy of the labels, each in [0, 9]. */
    public int[] labels() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    /** Label of example {@code i}, in [0, 9]. */
    public int label(int i) {
        return labels[i];
    }

    /** Class name of a label, e.g. {@code className(9)} = "Ankle boot". */
    public static String className(int label) {
        return CLASS_NAMES.get(label);
    }

    /**
     * The first {@code n} examples.
     *
     * @throws IllegalArgumentException unless 1 ≤ n ≤ {@link #size()}
     */
    public FashionMnist first(int n) {
        checkCount(n);
        return new FashionMnist(split, Arrays.copyOf(pixels, n * PIXELS), Arrays.copyOf(labels, n));
    }

    /**
     * {@code n} distinct examples drawn uniformly without replacement by {@code java.util.Random(seed)}
     * (a partial Fisher–Yates shuffle), in draw order. The same seed gives the same subset.
     *
     * @throws IllegalArgumentException unless 1 ≤ n ≤ {@link #size()}
     */
    public FashionMnist randomSubset(int n, long seed) {
        checkCount(n);
        return select(shuffledIndices(size(), new Random(seed), n));
    }

    /** The examples at {@code indices}, in that order. */
    FashionMnist select(int[] indices) {
        byte[] p = new byte[indices.length * PIXELS];
        byte[] l = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * PIXELS, p, k * PIXELS, PIXELS);
            l[k] = labels[indices[k]];
        }
        return new FashionMnist(split, p, l);
    }

    /** The first {@code n} entries of a Fisher–Yates shuffle of 0..size-1. */
    static int[] shuffledIndices(int size, Random random, int n) {
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(size - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return n == size ? idx : Arrays.copyOf(idx, n);
    }

    /** Fills {@code dst} from {@code dstOffset} with image {@code i} scaled to [0, 1]. */
    void copyImage(int i, float[] dst, int dstOffset) {
        int offset = i * PIXELS;
        for (int p = 0; p < PIXELS; p++) {
            dst[dstOffset + p] = U8_TO_UNIT[pixels[offset + p] & 0xff];
        }
    }

    /**
     * A DL4J iterator over these examples for training: features N×1×28×28 float32 in [0, 1],
     * one-hot labels N×10.
     *
     * @param batchSize examples per batch (the last batch may be smaller)
     * @param shuffle   whether to visit examples in a new seeded random order each epoch
     * @param seed      seed of the shuffle (ignored when {@code shuffle} is false)
     */
    public FashionMnistIterator iterator(int batchSize, boolean shuffle, long seed) {
        return new FashionMnistIterator(this, batchSize, shuffle, seed);
    }

    private void checkCount(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException(String.format(
                    "FashionMnist: n must be in [1, %d] for the %s split, got %d", size(), split, n));
        }
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException(String.format(
                    "FashionMnist: need 0 <= from < to <= %d, got from=%d, to=%d", size(), from, to));
        }
    }

    @Override
    public String toString() {
        return "FashionMnist[" + split + ", n=" + size() + "]";
    }
}
