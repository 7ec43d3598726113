package org.calibrax4j.listeners;

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws samples from the model being trained, for evaluation at epoch end.
 */
@FunctionalInterface
public interface SampleGenerator {

    /**
     * Generates {@code count} samples in the form the evaluated metrics take (images N×C×H×W when
     * they have a backbone, feature rows otherwise).
     *
     * @param model the network being trained ({@code MultiLayerNetwork} or {@code ComputationGraph})
     * @param count number of rows to return (≥ 1)
     * @return exactly {@code count} samples
     */
    INDArray generate(Model model, int count);
}
