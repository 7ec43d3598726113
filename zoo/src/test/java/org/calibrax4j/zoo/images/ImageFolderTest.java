package org.calibrax4j.zoo.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.calibrax4j.zoo.inception.BilinearResize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageFolderTest {
    @TempDir
    Path dir;

    private static void grey(Path f, int w, int h, int base) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (base + 7 * x + 13 * y) & 0xff);
            }
        }
        ImageIO.write(img, "png", f.toFile());
    }

    private static void rgb(Path f, int w, int h, int seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (seed + 3 * x) & 0xff;
                int g = (seed + 5 * y) & 0xff;
                int b = (seed + x * y) & 0xff;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ImageIO.write(img, "png", f.toFile());
    }

    @Test
    void greyPngKeepsStoredLevelsReplicatedToRgb() throws IOException {
        Path f = dir.resolve("g.png");
        grey(f, 5, 4, 100);
        INDArray a = ImageFolder.read(f);
        assertArrayEquals(new long[] {3, 4, 5}, a.shape());
        // pixel (y=1, x=2) stores 100 + 14 + 13 = 127; getRGB would give a gamma-converted value
        BufferedImage back = ImageIO.read(f.toFile());
        assertNotEquals(127, back.getRGB(2, 1) & 0xff, "getRGB on grey is gamma-converted (why we read the raster)");
        for (int c = 0; c < 3; c++) {
            assertEquals(127 / 255f, a.getFloat(c, 1, 2), 0f);
        }
    }

    @Test
    void rgbPngChannelOrderIsRgb() throws IOException {
        Path f = dir.resolve("c.png");
        rgb(f, 6, 3, 40);
        INDArray a = ImageFolder.read(f);
        assertEquals((40 + 3 * 4) / 255f, a.getFloat(0, 2, 4), 0f);
        assertEquals((40 + 5 * 2) / 255f, a.getFloat(1, 2, 4), 0f);
        assertEquals((40 + 8) / 255f, a.getFloat(2, 2, 4), 0f);
    }

    @Test
    void listsRecursivelySortedAndSkipsOtherFiles() throws IOException {
        Files.createDirectories(dir.resolve("b/sub"));
        rgb(dir.resolve("b/sub/z.png"), 2, 2, 1);
        rgb(dir.resolve("a.PNG"), 2, 2, 1);
        rgb(dir.resolve("b/c.png"), 2, 2, 1);
        Files.writeString(dir.resolve("notes.txt"), "x");
        List<Path> files = ImageFolder.list(dir);
        assertEquals(List.of(dir.resolve("a.PNG"), dir.resolve("b/c.png"), dir.resolve("b/sub/z.png")), files);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolder.list(empty));
        assertTrue(e.getMessage().contains("no image files"), e.getMessage());
    }

    @Test
    void mixedSizesAreResizedPerImageSoBatchSizeDoesNotMatter() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path f = dir.resolve("img" + i + ".png");
            if (i % 2 == 0) {
                rgb(f, 10 + i, 7 + 2 * i, 11 * i);
            } else {
                grey(f, 9, 9 + i, 20 * i);
            }
            files.add(f);
        }
        List<INDArray> byOne = new ArrayList<>();
        ImageFolder.forEachBatch(files, 1, 1, 16, null, byOne::add);
        List<INDArray> byThree = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        ImageFolder.forEachBatch(files, 3, 2, 16, (phase, done, total) -> progress.add(done), byThree::add);
        assertEquals(5, byOne.size());
        assertEquals(2, byThree.size());
        assertEquals(List.of(0L, 3L, 5L), progress);
        INDArray a = Nd4j.concat(0, byOne.toArray(new INDArray[0]));
        INDArray b = Nd4j.concat(0, byThree.toArray(new INDArray[0]));
        assertArrayEquals(new long[] {5, 3, 16, 16}, b.shape());
        assertEquals(a, b);
        INDArray direct = BilinearResize.resize(ImageFolder.read(files.get(2)).reshape(1, 3, 11, 12), 16, 16);
        assertEquals(direct, a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(2)).reshape(1, 3, 16, 16));
    }

    @Test
    void mixedSizesWithoutResizeAndCorruptFilesAreNamed() throws IOException {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        rgb(a, 4, 4, 1);
        rgb(b, 5, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolder.forEachBatch(List.of(a, b), 2, 1, 0, null, x -> { }));
        assertTrue(e.getMessage().contains("b.png"), e.getMessage());
        Path bad = dir.resolve("bad.png");
        Files.writeString(bad, "not a png");
        IOException io = assertThrows(IOException.class,
                () -> ImageFolder.forEachBatch(List.of(a, bad), 2, 2, 8, null, x -> { }));
        assertTrue(io.getMessage().contains("bad.png"), io.getMessage());
    }
}
