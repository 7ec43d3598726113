package org.calibrax4j.zoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The IDX reader on Debian's dataset-fashion-mnist; expected values computed with numpy from the same files. */
class FashionMnistTest {
    private static FashionMnist test;

    @BeforeAll
    static void load() throws IOException {
        test = FashionMnist.load(FashionMnist.Split.TEST);
    }

    @Test
    void testSplitHasTenThousandLabelledImages() {
        assertEquals(10000, test.size());
        int[] perClass = new int[10];
        for (int y : test.labels()) {
            perClass[y]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(1000, perClass[c], "class " + c);
        }
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, java.util.Arrays.copyOf(test.labels(), 10));
        assertEquals("Ankle boot", FashionMnist.className(9));
    }

    @Test
    void imagesAreScaledToUnitIntervalInNchw() {
        INDArray x = test.images();
        assertArrayEquals(new long[] {10000, 1, 28, 28}, x.shape());
        assertEquals(DataType.FLOAT, x.dataType());
        assertEquals(0.28684928071228494, x.castTo(DataType.DOUBLE).meanNumber().doubleValue(), 1e-6);
        // row 14 of image 0, from numpy: [.., 98, 136, 110, ..] at columns 12..14
        assertEquals(98 / 255.0, x.getDouble(0, 0, 14, 12), 1e-7);
        assertEquals(136 / 255.0, x.getDouble(0, 0, 14, 13), 1e-7);
        assertEquals(0.0, x.minNumber().doubleValue());
        assertEquals(1.0, x.maxNumber().doubleValue());
    }

    @Test
    void trainSplitAndSubsets() throws IOException {
        FashionMnist train = FashionMnist.load(FashionMnist.Split.TRAIN);
        assertEquals(60000, train.size());
        assertEquals(255, train.pixel(123, 10 * 28 + 10));
        FashionMnist a = train.randomSubset(500, 7);
        FashionMnist b = train.randomSubset(500, 7);
        assertEquals(500, a.size());
        assertArrayEquals(a.labels(), b.labels(), "same seed, same subset");
        assertEquals(train.first(3).images(), train.images(0, 3));
        assertThrows(IllegalArgumentException.class, () -> train.randomSubset(60001, 1));
    }

    @Test
    void iteratorGivesOneHotBatches() {
        FashionMnistIterator it = test.first(250).iterator(100, false, 0);
        int seen = 0;
        while (it.hasNext()) {
            DataSet ds = it.next();
            assertEquals(4, ds.getFeatures().rank());
            assertEquals(10, ds.getLabels().size(1));
            assertEquals(ds.numExamples(), ds.getLabels().sumNumber().intValue());
            seen += ds.numExamples();
        }
        assertEquals(250, seen);
        it.reset();
        assertTrue(it.hasNext());
    }

    @Test
    void missingDirectorySaysHowToGetTheData(@TempDir Path empty) {
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> FashionMnist.load(empty, FashionMnist.Split.TEST));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("--data DIR"), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void badMagicNumberIsRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        Path real = FashionMnist.defaultDir();
        for (String f : new String[] {"t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"}) {
            Files.copy(real.resolve(f), dir.resolve(f));
        }
        Path bad = dir.resolve("t10k-images-idx3-ubyte.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bad))) {
            out.write(new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 7});  // rank-1 magic where rank 3 is expected
        }
        IOException e = assertThrows(IOException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TEST));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("magic"), e.getMessage());
    }
}
