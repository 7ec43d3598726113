package org.calibrax4j.inception;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.calibrax4j.metric.MetricResult;
import org.calibrax4j.testing.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;

/** Every case of reference/inception_score, Salimans et al. convention (floor boundaries, ddof = 0). */
class InceptionScoreReferenceTest {

    static Stream<JsonNode> cases() {
        return Reference.cases("inception_score").stream();
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("cases")
    void probabilitiesAndLogitsMatchSalimansReference(JsonNode c) {
        INDArray probs = Reference.npy(c.get("inputs").get("probs").asText());
        INDArray logits = Reference.npy(c.get("inputs").get("logits").asText());
        Iterator<Map.Entry<String, JsonNode>> it = c.get("expected").fields();
        while (it.hasNext()) {
            JsonNode e = it.next().getValue();
            int splits = e.get("splits").asInt();
            JsonNode ref = e.get("salimans");
            String what = c.get("name").asText() + " splits=" + splits;

            InceptionScoreMetric fromProbs = new InceptionScoreMetric(splits);
            int n = (int) probs.size(0);
            for (int start = 0; start < n; start += 17) { // arbitrary batches: the split is over arrival order
                fromProbs.update(probs.get(NDArrayIndex.interval(start, Math.min(n, start + 17)), NDArrayIndex.all()));
            }
            InceptionScoreMetric fromLogits = new InceptionScoreMetric(splits);
            fromLogits.updateLogits(logits);

            for (InceptionScoreMetric m : new InceptionScoreMetric[] {fromProbs, fromLogits}) {
                MetricResult r = m.compute();
                Reference.assertWithin(ref.get("mean").asDouble(), r.get("inception_score"), c.get("tolerance"), what);
                Reference.assertWithin(ref.get("std").asDouble(), r.get("inception_score_std"), c.get("tolerance"), what + " std");
                double[] chunks = m.splitScores();
                assertEquals(ref.get("chunk_scores").size(), chunks.length);
                for (int k = 0; k < chunks.length; k++) {
                    Reference.assertWithin(ref.get("chunk_scores").get(k).asDouble(), chunks[k], c.get("tolerance"), what + " chunk " + k);
                }
            }
            // torchmetrics' mean agrees whenever the splits divide N.
            if (n % splits == 0) {
                Reference.assertWithin(e.get("torchmetrics").get("mean").asDouble(), fromLogits.compute().get("inception_score"),
                        c.get("tolerance"), what + " vs torchmetrics");
            }
        }
    }
}
