package org.calibrax4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.calibrax4j.zoo.data.FashionMnist;
import org.calibrax4j.zoo.vgg.VGG16Trunk;
import org.junit.jupiter.api.Test;

/** A tiny run of the fine-tuning example on real Fashion-MNIST images. */
class LpipsFineTuningTest {
    @Test
    void fineTuningLowersTheRealLossAndKeepsWeightsNonNegative() throws Exception {
        VGG16Trunk trunk = VGG16Trunk.fromStateDict(VGG16Trunk.deterministicWeights(), "det");
        LpipsFineTuning.Report r = LpipsFineTuning.run(trunk, FashionMnist.load(FashionMnist.Split.TEST),
                new LpipsFineTuning.Config(24, 8, 8, 6, 1e-2, 1));
        assertEquals(6, r.losses().size());
        assertTrue(r.losses().get(0) > 0, "reported loss is computed, not SameDiff's 0.0");
        assertTrue(r.losses().get(5) < r.losses().get(0), r.losses().toString());
        assertTrue(r.minLinearWeight() >= 0, "min weight " + r.minLinearWeight());
        assertTrue(r.trainAfter() >= 0 && r.trainAfter() <= 1 && r.testAfter() >= 0 && r.testAfter() <= 1);
    }
}
