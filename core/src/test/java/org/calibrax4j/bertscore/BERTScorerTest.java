package org.calibrax4j.bertscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.calibrax4j.backbone.TextEmbedder;
import org.calibrax4j.backbone.TokenEmbeddings;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The TextEmbedder seam end to end, with a small deterministic character-trigram encoder. */
class BERTScorerTest {

    /**
     * Whitespace tokens framed by [CLS]/[SEP]; a word's embedding counts its character trigrams
     * (of "#word#") hashed into D buckets, so words sharing spelling have positive cosine.
     */
    static final class TrigramEmbedder implements TextEmbedder {
        static final int D = 64;

        @Override
        public String name() {
            return "trigram-64";
        }

        @Override
        public int embeddingDim() {
            return D;
        }

        @Override
        public TokenEmbeddings embed(String text) {
            List<String> tokens = new ArrayList<>();
            tokens.add("[CLS]");
            for (String w : text.toLowerCase().split("\\s+")) {
                if (!w.isEmpty()) {
                    tokens.add(w);
                }
            }
            tokens.add("[SEP]");
            double[][] e = new double[tokens.size()][D];
            boolean[] special = new boolean[tokens.size()];
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i);
                special[i] = t.startsWith("[");
                String s = "#" + t + "#";
                for (int j = 0; j + 3 <= s.length(); j++) {
                    e[i][Math.floorMod(s.substring(j, j + 3).hashCode(), D)] += 1;
                }
            }
            return new TokenEmbeddings(tokens, Nd4j.createFromArray(e), special);
        }
    }

    @Test
    void identicalTextsScoreOneAndRelatedBeatsUnrelated() {
        BERTScorer scorer = new BERTScorer(new TrigramEmbedder(), false, null);
        BERTScoreMetric m = scorer.score(List.of("the cat sat", "the cats sat down", "quantum chromodynamics"),
                List.of("the cat sat", "the cat sat", "the cat sat"));
        List<PairScore> p = m.perPair();
        assertEquals(1.0, p.get(0).f1(), 1e-12);
        assertTrue(p.get(1).f1() > p.get(2).f1() + 0.2, p.toString());
    }

    @Test
    void idfWeightsComeFromTheReferencesAndSpecialTokensWeighZero() {
        TrigramEmbedder e = new TrigramEmbedder();
        List<String> cands = List.of("a rare word", "b");
        List<String> refs = List.of("a common word", "b common");
        BERTScoreMetric viaScorer = new BERTScorer(e, true, null).score(cands, refs);
        // the same by hand: idf over the references' tokens, 0 for [CLS]/[SEP]
        List<List<String>> docs = List.of(e.embed(refs.get(0)).tokens(), e.embed(refs.get(1)).tokens());
        IdfTable t = IdfTable.fromDocuments(docs);
        BERTScoreMetric manual = new BERTScoreMetric();
        for (int i = 0; i < 2; i++) {
            TokenEmbeddings c = e.embed(cands.get(i));
            TokenEmbeddings r = e.embed(refs.get(i));
            INDArray wc = Nd4j.createFromArray(t.weights(c.tokens(), c.special()));
            INDArray wr = Nd4j.createFromArray(t.weights(r.tokens(), r.special()));
            assertEquals(0.0, wc.getDouble(0));
            manual.update(c.embeddings(), r.embeddings(), wc, wr);
        }
        assertEquals(manual.compute(), viaScorer.compute());
        assertThrows(IllegalArgumentException.class, () -> new BERTScorer(e, true, null).score(cands, List.of("x")));
    }
}
