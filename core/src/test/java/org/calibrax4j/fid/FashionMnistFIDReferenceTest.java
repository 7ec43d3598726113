package org.calibrax4j.fid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.calibrax4j.testing.Reference;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;

/** Real Fashion-MNIST images: 1000 test vs 1000 train through a fixed 4×4 mean-pooling feature map. */
class FashionMnistFIDReferenceTest {
    private final JsonNode c = Reference.cases("fashion_mnist").get(0);

    /** The case's feature rule: f[by·7+bx] = mean of the 4×4 block / 255. */
    private static double[][] pooledFeatures(INDArray images) {
        int n = (int) images.size(0);
        double[] px = images.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] f = new double[n][49];
        for (int i = 0; i < n; i++) {
            for (int by = 0; by < 7; by++) {
                for (int bx = 0; bx < 7; bx++) {
                    double s = 0;
                    for (int dy = 0; dy < 4; dy++) {
                        for (int dx = 0; dx < 4; dx++) {
                            s += px[i * 784 + (4 * by + dy) * 28 + 4 * bx + dx];
                        }
                    }
                    f[i][by * 7 + bx] = s / 16 / 255.0;
                }
            }
        }
        return f;
    }

    @Test
    void featuresComputedFromImagesMatchTheFixture() {
        double[][] f = pooledFeatures(Reference.npy(c.get("inputs").get("images_test").asText()));
        double[] expected = Reference.doubles(c.get("inputs").get("features_test").asText());
        for (int i = 0; i < f.length; i++) {
            for (int j = 0; j < 49; j++) {
                assertEquals(expected[i * 49 + j], f[i][j], 1e-15);
            }
        }
    }

    @Test
    void fidOfTestVersusTrainMatchesReference() {
        INDArray real = Nd4j.createFromArray(pooledFeatures(Reference.npy(c.get("inputs").get("images_test").asText())));
        INDArray fake = Nd4j.createFromArray(pooledFeatures(Reference.npy(c.get("inputs").get("images_train").asText())));
        FIDMetric m = new FIDMetric(49);
        for (int start = 0; start < 1000; start += 128) { // streamed in batches as a training loop would
            int end = Math.min(1000, start + 128);
            m.update(real.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)),
                    fake.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)));
        }
        Reference.assertWithin(c.get("expected").get("fid").asDouble(), m.compute().get("fid"), c.get("tolerance"), "fid");
    }

    @Test
    void classSplitMatchesReference() {
        double[][] test = pooledFeatures(Reference.npy(c.get("inputs").get("images_test").asText()));
        double[][] train = pooledFeatures(Reference.npy(c.get("inputs").get("images_train").asText()));
        List<double[]> real = new ArrayList<>();
        List<double[]> fake = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            if (c.get("labels_test").get(i).asInt() < 5) {
                real.add(test[i]);
            }
            if (c.get("labels_train").get(i).asInt() >= 5) {
                fake.add(train[i]);
            }
        }
        JsonNode split = c.get("expected").get("class_split");
        assertEquals(split.get("n_real").asInt(), real.size());
        assertEquals(split.get("n_fake").asInt(), fake.size());
        FIDMetric m = new FIDMetric(49);
        m.update(Nd4j.createFromArray(real.toArray(new double[0][])), Nd4j.createFromArray(fake.toArray(new double[0][])));
        Reference.assertWithin(split.get("fid").asDouble(), m.compute().get("fid"), c.get("tolerance"), "class split fid");
    }
}
