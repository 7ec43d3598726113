package org.calibrax4j.backbone;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one forward pass of a {@link FeatureExtractor} yields for a batch of images: the feature
 * rows and, when the network has a classifier, the class probabilities of the same pass.
 *
 * @param features N×D feature rows
 * @param probabilities N×C class probabilities, or {@code null} when the extractor has no classifier
 */
public record BackboneOutput(INDArray features, INDArray probabilities) {
    /** Which of the two outputs a metric consumes. */
    public enum Kind {
        /** The feature rows (FID, KID, precision/recall, ...). */
        FEATURES,
        /** The class probabilities (Inception Score). */
        CLASS_PROBABILITIES
    }

    /** Validates that features are present. */
    public BackboneOutput {
        Objects.requireNonNull(features, "features");
    }

    /**
     * The requested output.
     *
     * @throws IllegalStateException when probabilities are requested and the extractor has none
     */
    public INDArray get(Kind kind) {
        if (kind == Kind.FEATURES) {
            return features;
        }
        if (probabilities == null) {
            throw new IllegalStateException("BackboneOutput: the extractor has no classifier, so no class probabilities");
        }
        return probabilities;
    }
}
