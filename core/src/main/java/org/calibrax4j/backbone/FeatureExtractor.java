package org.calibrax4j.backbone;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A frozen network that turns images into feature vectors (and, where it has a classifier, class
 * probabilities). One extractor is shared by every metric of an evaluation, so one forward pass
 * feeds FID, IS and KID.
 *
 * <p>Implementations document their input convention (channels, size, value range) and validate it.
 */
public interface FeatureExtractor {

    /** Human-readable name, e.g. {@code fmnist-cnn}. */
    String name();

    /** Width D of the feature vectors that {@link #features} returns. */
    int featureDim();

    /** Number of classes of {@link #classProbabilities}, or 0 when the network has no classifier. */
    int numClasses();

    /**
     * Feature rows for a batch of images.
     *
     * @param images N×C×H×W images in the extractor's documented convention
     * @return N×D features
     * @throws IllegalArgumentException when the images do not match the convention
     */
    INDArray features(INDArray images);

    /**
     * Class probabilities (rows summing to 1) for a batch of images.
     *
     * @return N×numClasses probabilities
     * @throws UnsupportedOperationException when {@link #numClasses()} is 0
     */
    INDArray classProbabilities(INDArray images);
}
