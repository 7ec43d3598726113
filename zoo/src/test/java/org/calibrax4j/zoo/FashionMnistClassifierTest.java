package org.calibrax4j.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.calibrax4j.backbone.BackboneOutput;
import org.calibrax4j.zoo.data.FashionMnist;
import org.calibrax4j.zoo.weights.ChecksumMismatchException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Trains the backbone once with its defaults (a few minutes), then checks it and its cache. */
class FashionMnistClassifierTest {
    @TempDir
    static Path cache;
    private static FashionMnistClassifier trained;
    private static INDArray images;

    @BeforeAll
    static void train() throws IOException {
        trained = FashionMnistClassifier.loadOrTrain(FashionMnistClassifier.options().cacheDir(cache).build());
        images = FashionMnist.load(FashionMnist.Split.TEST).images(0, 64);
    }

    @Test
    void reachesTheRequiredTestAccuracy() throws IOException {
        assertFalse(trained.loadedFromCache());
        assertTrue(trained.testAccuracy() >= 0.88, "test accuracy " + trained.testAccuracy());
        // the stored figure is the real one: recompute on the full test split
        assertEquals(trained.testAccuracy(), trained.accuracy(FashionMnist.load(FashionMnist.Split.TEST)), 1e-9);
    }

    @Test
    void featuresAndProbabilitiesHaveTheDeclaredShapes() {
        INDArray f = trained.features(images);
        assertArrayEquals(new long[] {64, trained.featureDim()}, f.shape());
        assertEquals(128, trained.featureDim());
        assertTrue(f.minNumber().doubleValue() >= 0, "ReLU features");
        INDArray p = trained.classProbabilities(images);
        assertArrayEquals(new long[] {64, 10}, p.shape());
        INDArray rowSums = p.castTo(DataType.DOUBLE).sum(1);
        for (int i = 0; i < 64; i++) {
            assertEquals(1.0, rowSums.getDouble(i), 1e-5);
        }
        assertEquals(f, trained.features(images), "frozen: same input, same features");
    }

    @Test
    void forwardGivesFeaturesAndProbabilitiesOfOnePass() throws IOException {
        INDArray many = FashionMnist.load(FashionMnist.Split.TEST).images(0, FashionMnistClassifier.INFERENCE_BATCH + 100); // two inference batches
        BackboneOutput out = trained.forward(many);
        assertTrue(trained.features(many).equalsWithEps(out.features(), 1e-6), "features");
        assertTrue(trained.classProbabilities(many).equalsWithEps(out.probabilities(), 1e-6), "probabilities");
        assertThrows(IllegalArgumentException.class, () -> trained.forward(many.mul(255)));
    }

    @Test
    void secondCallLoadsTheCacheWithoutRetraining() throws IOException {
        FashionMnistClassifier again = FashionMnistClassifier.loadOrTrain(FashionMnistClassifier.options().cacheDir(cache).build());
        assertTrue(again.loadedFromCache());
        assertEquals(trained.testAccuracy(), again.testAccuracy());
        assertEquals(trained.features(images), again.features(images));
    }

    @Test
    void rejectsImagesOutsideTheConvention() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> trained.features(images.mul(255)));
        assertTrue(range.getMessage().contains("fmnist-cnn-v1") && range.getMessage().contains("[0, 1]"), range.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> trained.classProbabilities(Nd4j.zeros(DataType.FLOAT, 2, 3, 28, 28)));
        assertTrue(shape.getMessage().contains("[2, 3, 28, 28]"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> trained.features(Nd4j.zeros(DataType.FLOAT, 2, 784)));
    }

    @Test
    void corruptedCacheIsRefusedNotRetrainedOver(@TempDir Path other) throws IOException {
        Path model = other.resolve(FashionMnistClassifier.NAME + ".zip");
        for (String suffix : new String[] {".zip", ".zip.sha256", ".json"}) {
            Files.copy(cache.resolve(FashionMnistClassifier.NAME + suffix), other.resolve(FashionMnistClassifier.NAME + suffix));
        }
        Files.write(model, new byte[] {1}, StandardOpenOption.APPEND);
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> FashionMnistClassifier.loadOrTrain(FashionMnistClassifier.options().cacheDir(other).build()));
        assertTrue(e.getMessage().contains(model.toString()), e.getMessage());
    }
}
