package org.calibrax4j.backbone;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A frozen network that exposes several intermediate activations ("taps") at once, for metrics that
 * compare images layer by layer (LPIPS, perceptual losses). It is the multi-layer counterpart of
 * {@link FeatureExtractor}: metrics that need taps depend on this interface in {@code core}, and a
 * concrete network (e.g. the VGG16 trunk in {@code zoo}) implements it, so metric modules never
 * depend on the model zoo.
 *
 * <p>Implementations document one input convention (channel order, value range, minimum size) and
 * reject images that do not follow it.
 */
public interface TapExtractor {

    /** Human-readable name, e.g. {@code vgg16}. */
    String name();

    /** The tap names in network order, e.g. {@code relu1_2, ..., relu5_3}. */
    List<String> tapNames();

    /** Channels of each tap, in {@link #tapNames()} order. */
    int[] tapChannels();

    /** Number of input channels the network expects (3 for RGB). */
    int inputChannels();

    /** Smallest height and width the network accepts (every tap then has at least 1×1). */
    int minInputSize();

    /**
     * The activations of every tap for a batch of images.
     *
     * @param images N×C×H×W images in the extractor's documented convention
     * @return tap name → N×C_tap×H_tap×W_tap, ordered as {@link #tapNames()}
     * @throws IllegalArgumentException when the images do not match the convention
     */
    Map<String, INDArray> taps(INDArray images);
}
