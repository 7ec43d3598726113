package org.calibrax4j.zoo.images;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.calibrax4j.zoo.ProgressListener;
import org.calibrax4j.zoo.inception.BilinearResize;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Folders of images as batches for a backbone: files are found recursively and sorted by their
 * path relative to the folder, decoded on several threads, converted to RGB, uint8 → [0, 1]
 * (value/255 in float32, as torchvision's {@code ToTensor}) and stacked N×3×H×W.
 *
 * <p>Colour conversion follows PIL's {@code Image.convert('RGB')}, which pytorch-fid applies:
 * grey (and grey + alpha) images replicate the stored grey level into R, G and B, read from the
 * raster ({@code BufferedImage.getRGB} would return gamma-converted values for grey images);
 * 16-bit samples are scaled to 8 bits (v/257, rounded); palette and colour images take their sRGB
 * values; alpha is dropped without compositing. JPEG decoders differ in their IDCT, so JPEG pixels
 * can differ from libjpeg's by ±1–2 levels; PNG is exact.
 *
 * <p>Each image is resized on its own (to {@code size}×{@code size}, bilinear as
 * {@link BilinearResize}), so folders of mixed sizes work and results do not depend on the batch
 * size. With {@code size} = 0 images are kept as decoded and must all have one size.
 */
public final class ImageFolder {
    /** File name extensions read (case-insensitive). */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");
    /** Phase name reported to the {@link ProgressListener}. */
    public static final String PHASE = "images";

    private ImageFolder() {
    }

    /**
     * The image files under {@code dir}, recursively, sorted by relative path.
     *
     * @throws IOException when {@code dir} is not a readable directory
     * @throws IllegalArgumentException when it holds no image file
     */
    public static List<Path> list(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NotDirectoryException(dir + " (expected a folder of images)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(ImageFolder::isImage)
                    .sorted((a, b) -> dir.relativize(a).toString().compareTo(dir.relativize(b).toString()))
                    .collect(Collectors.toList());
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no image files (" + EXTENSIONS + ") found, recursively");
        }
        return files;
    }

    /** Whether the file name has one of {@link #EXTENSIONS}. */
    public static boolean isImage(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Decodes one file to a 3×H×W float32 array in [0, 1].
     *
     * @throws IOException when the file cannot be read or decoded (the message names it)
     */
    public static INDArray read(Path file) throws IOException {
        return toArray(decodeRgb(file));
    }

    /** Decoded RGB pixels, channel-major: {@code rgb[c][y*w + x]} in 0..255. */
    record Rgb(int height, int width, int[][] rgb) {
    }

    static Rgb decodeRgb(Path file) throws IOException {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot decode image (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new IOException(file + ": no ImageIO decoder for this file");
        }
        int h = img.getHeight();
        int w = img.getWidth();
        int[][] rgb = new int[3][h * w];
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        if (!(cm instanceof IndexColorModel) && cm.getNumColorComponents() == 1) {
            int bits = cm.getComponentSize(0);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int v = bits == 8 ? row[x] : bits == 16 ? (row[x] + 128) / 257 : scaleBits(row[x], bits);
                    rgb[0][y * w + x] = v;
                    rgb[1][y * w + x] = v;
                    rgb[2][y * w + x] = v;
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = row[x];
                    rgb[0][y * w + x] = (p >>> 16) & 0xff;
                    rgb[1][y * w + x] = (p >>> 8) & 0xff;
                    rgb[2][y * w + x] = p & 0xff;
                }
            }
        }
        return new Rgb(h, w, rgb);
    }

    private static int scaleBits(int v, int bits) {
        int max = (1 << bits) - 1;
        return (int) Math.round(v * 255.0 / max);
    }

    private static INDArray toArray(Rgb img) {
        int n = img.height * img.width;
        float[] v = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            int[] src = img.rgb[c];
            for (int i = 0; i < n; i++) {
                v[c * n + i] = src[i] / 255f;
            }
        }
        return Nd4j.create(v, new long[] {3, img.height, img.width}, DataType.FLOAT);
    }

    /**
     * Decodes {@code files} on {@code threads} threads and hands batches of up to
     * {@code batchSize} images (N×3×size×size float32 in [0, 1], in file order) to {@code sink} on
     * the calling thread. At most 2·batchSize images are decoded ahead, so memory stays bounded.
     *
     * @param size     resize every image to size×size; 0 keeps the decoded size (then all images
     *                 must have the same size)
     * @param progress receives ({@link #PHASE}, images done, total)
     * @throws IOException when a file cannot be decoded (the message names it)
     * @throws IllegalArgumentException on a non-positive batch size or thread count, or mixed sizes
     *     with {@code size} = 0
     */
    public static void forEachBatch(List<Path> files, int batchSize, int threads, int size, ProgressListener progress,
            Consumer<INDArray> sink) throws IOException {
        if (batchSize <= 0 || threads <= 0 || size < 0) {
            throw new IllegalArgumentException("ImageFolder: batchSize and threads must be > 0 and size >= 0, got "
                    + batchSize + ", " + threads + ", " + size);
        }
        ProgressListener p = progress == null ? ProgressListener.NONE : progress;
        ExecutorService pool = Executors.newFixedThreadPool(threads, run -> {
            Thread t = new Thread(run, "image-decode");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<INDArray>> ahead = new ArrayDeque<>();
            int next = 0;
            int done = 0;
            List<INDArray> batch = new ArrayList<>(batchSize);
            p.progress(PHASE, 0, files.size());
            while (done < files.size()) {
                while (next < files.size() && ahead.size() < 2 * batchSize) {
                    Path f = files.get(next++);
                    ahead.add(pool.submit(() -> load(f, size)));
                }
                batch.add(take(ahead.removeFirst()));
                done++;
                if (batch.size() == batchSize || done == files.size()) {
                    INDArray stacked = stack(batch, files, done);
                    batch.clear();
                    sink.accept(stacked);
                    p.progress(PHASE, done, files.size());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static INDArray load(Path f, int size) throws IOException {
        INDArray img = read(f);
        INDArray x = img.reshape(1, 3, img.size(1), img.size(2));
        return size == 0 ? x : BilinearResize.resize(x, size, size);
    }

    private static INDArray take(Future<INDArray> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding images", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException rt) {
                throw rt;
            }
            throw new IOException(c);
        }
    }

    private static INDArray stack(List<INDArray> batch, List<Path> files, int done) {
        long[] shape = batch.get(0).shape();
        for (int i = 1; i < batch.size(); i++) {
            if (!java.util.Arrays.equals(shape, batch.get(i).shape())) {
                int idx = done - batch.size() + i;
                throw new IllegalArgumentException("ImageFolder: " + files.get(idx) + " has size "
                        + batch.get(i).size(2) + "x" + batch.get(i).size(3) + " but " + files.get(done - batch.size())
                        + " has " + shape[2] + "x" + shape[3] + "; resize images (size > 0) to batch mixed sizes");
            }
        }
        return batch.size() == 1 ? batch.get(0) : Nd4j.concat(0, batch.toArray(new INDArray[0]));
    }
}
