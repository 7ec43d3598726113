package org.calibrax4j.cli;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.calibrax4j.learned.lpips.LPIPSMetric;
import org.calibrax4j.metric.MetricResult;
import org.calibrax4j.zoo.vgg.VGG16Trunk;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code calibrax4j lpips}: LPIPS (VGG, v0.1 linear weights) between two images, or between the
 * images of two directories paired by file name, through the VGG16 trunk with weights from a
 * torchvision {@code state_dict} file.
 *
 * <p>Image files (PNG, JPEG, BMP, GIF) are decoded to RGB in [0, 1] (grey images replicated to three
 * channels, read from the raster so that 8-bit grey levels are not gamma-converted); {@code .npy}
 * files hold 3×H×W or 1×3×H×W float arrays in LPIPS's [−1, 1] convention ([0, 1] with
 * {@code --normalize}).
 */
@Command(name = "lpips", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "LPIPS perceptual distance (VGG16, v0.1 weights) between two images or two directories of images.",
            "Images: PNG/JPEG/BMP/GIF (RGB in [0,1]) or .npy (3 x H x W, in [-1,1]; [0,1] with --normalize); at least 16x16."},
        footer = {"", "Examples:",
            "  calibrax4j lpips a.png b.png --weights vgg16_torchvision.npz",
            "  calibrax4j lpips --dir0 reference/ --dir1 distorted/ --weights vgg16.safetensors --json"})
final class LpipsCommand implements Callable<Integer> {
    private static final List<String> IMAGE_EXT = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "IMG", description = "Two images to compare.")
    List<Path> images = List.of();

    @Option(names = "--dir0", paramLabel = "<dir>", description = "First directory (pairs by file name with --dir1).")
    Path dir0;

    @Option(names = "--dir1", paramLabel = "<dir>", description = "Second directory.")
    Path dir1;

    @Option(names = "--weights", paramLabel = "VGG_FILE",
            description = "torchvision VGG16 state_dict as .npz or .safetensors (features.*; classifier.* ignored).")
    Path weights;

    @Option(names = "--sha256", paramLabel = "<hex>", description = "Expected SHA-256 of the weights file.")
    String sha256;

    @Option(names = "--normalize", description = ".npy inputs are in [0,1] instead of [-1,1].")
    boolean normalize;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        boolean dirs = dir0 != null || dir1 != null;
        if (dirs && !images.isEmpty()) {
            throw usage("give either two images or --dir0/--dir1, not both");
        }
        if (dirs && (dir0 == null || dir1 == null)) {
            throw usage("--dir0 and --dir1 go together");
        }
        if (!dirs && images.size() != 2) {
            throw usage("needs two images (IMG0 IMG1) or --dir0 A --dir1 B; got " + images.size() + " image(s)");
        }
        if (weights == null) {
            throw new IllegalArgumentException("--weights VGG_FILE is required: no VGG16 weights are bundled, and the"
                    + " DL4J zoo's ImageNet VGG16 (caffe BGR) is not the torchvision network LPIPS v0.1 was calibrated on;"
                    + " export torchvision's vgg16 state_dict to .npz or .safetensors");
        }
        List<String> names = new ArrayList<>();
        List<Path[]> pairs = new ArrayList<>();
        if (dirs) {
            pairByName(names, pairs);
        } else {
            names.add(images.get(0).getFileName() + " " + images.get(1).getFileName());
            pairs.add(new Path[]{images.get(0), images.get(1)});
        }
        VGG16Trunk trunk = VGG16Trunk.fromFile(weights, sha256);
        LPIPSMetric raw = LPIPSMetric.builder().trunk(trunk).normalize(false).build();
        LPIPSMetric unit = LPIPSMetric.builder().trunk(trunk).normalize(true).build();
        PrintWriter out = spec.commandLine().getOut();
        double sum = 0;
        for (int i = 0; i < pairs.size(); i++) {
            Path[] p = pairs.get(i);
            Image a = read(p[0]);
            Image b = read(p[1]);
            if (a.unitRange != b.unitRange) {
                throw new IllegalArgumentException(p[0] + " and " + p[1] + " have different value conventions"
                        + " (an image file and an .npy array); convert one of them");
            }
            if (!java.util.Arrays.equals(a.pixels.shape(), b.pixels.shape())) {
                throw new IllegalArgumentException(String.format("%s is %dx%d but %s is %dx%d; LPIPS compares images of one size",
                        p[0], a.pixels.size(3), a.pixels.size(2), p[1], b.pixels.size(3), b.pixels.size(2)));
            }
            LPIPSMetric m = a.unitRange ? unit : raw;
            double d;
            try {
                d = m.imageDistances(a.pixels, b.pixels).distance()[0];
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p[0] + ", " + p[1] + ": " + e.getMessage(), e);
            }
            sum += d;
            if (dirs && !json) {
                out.println(names.get(i) + ": " + d);
            }
        }
        MetricResult.Builder r = MetricResult.builder().put(LPIPSMetric.NAME, sum / pairs.size());
        if (dirs) {
            r.put("pairs", pairs.size());
        }
        Output.print(out, r.build(), json);
        return 0;
    }

    private void pairByName(List<String> names, List<Path[]> pairs) throws IOException {
        TreeSet<String> a = listInputs(dir0);
        TreeSet<String> b = listInputs(dir1);
        TreeSet<String> onlyA = new TreeSet<>(a);
        onlyA.removeAll(b);
        TreeSet<String> onlyB = new TreeSet<>(b);
        onlyB.removeAll(a);
        if (!onlyA.isEmpty() || !onlyB.isEmpty()) {
            throw new IllegalArgumentException("directories do not pair by file name: only in " + dir0 + ": " + onlyA
                    + "; only in " + dir1 + ": " + onlyB);
        }
        if (a.isEmpty()) {
            throw new IllegalArgumentException(dir0 + ": no image or .npy files");
        }
        for (String n : a) {
            names.add(n);
            pairs.add(new Path[]{dir0.resolve(n), dir1.resolve(n)});
        }
    }

    private static TreeSet<String> listInputs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw Files.exists(dir) ? new IOException(dir + ": is not a directory") : new NoSuchFileException(dir.toString());
        }
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> isInput(n)).forEach(out::add);
        }
        return out;
    }

    private static boolean isInput(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || IMAGE_EXT.stream().anyMatch(n::endsWith);
    }

    /** Pixels as 1×3×H×W float and whether they are in [0, 1] (image files) or LPIPS's [−1, 1]. */
    private record Image(INDArray pixels, boolean unitRange) {
    }

    private Image read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            INDArray a = InputFiles.npy(file, "an image");
            if (a.rank() == 3) {
                a = a.reshape(1, a.size(0), a.size(1), a.size(2));
            }
            if (a.rank() != 4 || a.size(0) != 1 || a.size(1) != 3 || !a.dataType().isFPType()) {
                throw new IllegalArgumentException(file + ": expected a float array of shape 3 x H x W or 1 x 3 x H x W, got "
                        + a.dataType() + " " + java.util.Arrays.toString(a.shape()));
            }
            return new Image(a.castTo(DataType.FLOAT), normalize);
        }
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IllegalArgumentException(file + ": not a readable image (PNG, JPEG, BMP, GIF) or .npy array");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        float[] v = new float[3 * h * w];
        Raster raster = img.getRaster();
        boolean grey = img.getColorModel().getNumColorComponents() == 1 && img.getColorModel().getPixelSize() <= 16;
        double maxGrey = (1 << img.getColorModel().getComponentSize(0)) - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grey) {
                    float g = (float) (raster.getSample(x, y, 0) / maxGrey);
                    v[y * w + x] = g;
                    v[h * w + y * w + x] = g;
                    v[2 * h * w + y * w + x] = g;
                } else {
                    int rgb = img.getRGB(x, y);
                    v[y * w + x] = ((rgb >> 16) & 0xff) / 255f;
                    v[h * w + y * w + x] = ((rgb >> 8) & 0xff) / 255f;
                    v[2 * h * w + y * w + x] = (rgb & 0xff) / 255f;
                }
            }
        }
        return new Image(Nd4j.create(v, new long[]{1, 3, h, w}, 'c'), true);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
