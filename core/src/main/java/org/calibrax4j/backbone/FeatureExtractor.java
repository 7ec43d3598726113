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

    /**
     * Features and class probabilities (when {@link #numClasses()} &gt; 0) of a batch of images,
     * for sharing one pass between feature metrics (FID, KID, precision/recall) and
     * probability metrics (IS), as torchmetrics' {@code FeatureShare} does.
     *
     * <p>The default calls {@link #features} and then {@link #classProbabilities}, i.e. two passes;
     * an extractor whose network yields both in one pass (a classifier read at its penultimate
     * layer and at its softmax) overrides this to run the network once.
     *
     * @param images N×C×H×W images in the extractor's documented convention
     * @throws IllegalArgumentException when the images do not match the convention
     */
    default BackboneOutput forward(INDArray images) {
        INDArray f = features(images);
        return new BackboneOutput(f, numClasses() > 0 ? classProbabilities(images) : null);
    }
}
