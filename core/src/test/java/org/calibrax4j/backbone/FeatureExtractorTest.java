package org.calibrax4j.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class FeatureExtractorTest {

    /** A fixed linear "network": features = flatten(x)·W, probabilities = softmax(features·V). */
    static final class Linear implements FeatureExtractor {
        final INDArray w = Nd4j.linspace(-1, 1, 4 * 3, DataType.DOUBLE).reshape(4, 3);
        final INDArray v = Nd4j.linspace(0.5, -0.5, 3 * 2, DataType.DOUBLE).reshape(3, 2);
        final int classes;
        int runs;

        Linear(int classes) {
            this.classes = classes;
        }

        @Override public String name() { return "linear"; }
        @Override public int featureDim() { return 3; }
        @Override public int numClasses() { return classes; }

        @Override
        public INDArray features(INDArray images) {
            runs++;
            return images.reshape(images.size(0), 4).castTo(DataType.DOUBLE).mmul(w);
        }

        @Override
        public INDArray classProbabilities(INDArray images) {
            if (classes == 0) {
                throw new UnsupportedOperationException("no classifier");
            }
            INDArray f = features(images);
            return Transforms.softmax(f.mmul(v));
        }
    }

    @Test
    void defaultForwardReturnsBothOutputsOfTheSameImages() {
        Linear net = new Linear(2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 1, 2, 2);
        BackboneOutput out = net.forward(x);
        assertEquals(net.features(x), out.features());
        assertEquals(net.classProbabilities(x), out.probabilities());
        assertEquals(out.features(), out.get(BackboneOutput.Kind.FEATURES));
        assertEquals(out.probabilities(), out.get(BackboneOutput.Kind.CLASS_PROBABILITIES));
        net.runs = 0;
        net.forward(x);
        assertEquals(2, net.runs, "the default runs the network once per output; extractors override it to run once");
    }

    @Test
    void withoutAClassifierForwardHasNoProbabilities() {
        BackboneOutput out = new Linear(0).forward(Nd4j.rand(DataType.DOUBLE, 2, 1, 2, 2));
        assertNull(out.probabilities());
        assertThrows(IllegalStateException.class, () -> out.get(BackboneOutput.Kind.CLASS_PROBABILITIES));
    }
}
