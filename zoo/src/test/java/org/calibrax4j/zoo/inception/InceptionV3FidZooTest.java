package org.calibrax4j.zoo.inception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.PretrainedType;
import org.junit.jupiter.api.Test;

class InceptionV3FidZooTest {
    @Test
    void initPretrainedFailsNamingTheFileToSupply() {
        IOException e = assertThrows(IOException.class, () -> new InceptionV3FidZoo().initPretrained(PretrainedType.IMAGENET));
        assertTrue(e.getMessage().contains("pt_inception-2015-12-05-6726825d.pth") && e.getMessage().contains(".npz"),
                e.getMessage());
    }

    @Test
    void initBuildsTheNamedGraph() {
        ComputationGraph g = new InceptionV3FidZoo().init();
        assertEquals(5, g.getConfiguration().getNetworkOutputs().size());
        assertEquals("pool3", g.getConfiguration().getNetworkOutputs().get(0));
        assertTrue(g.getVertex("Mixed_7c.branch3x3dbl_3b") != null);
        // 94 BasicConv2d (weights + folded bias) and fc
        long convs = FidInceptionV3.stateDictShapes().keySet().stream().filter(k -> k.endsWith(".conv.weight")).count();
        assertEquals(94, convs);
        assertThrows(IllegalArgumentException.class, () -> new InceptionV3FidZoo().setInputShape(new int[][] {{3, 224, 224}}));
    }
}
