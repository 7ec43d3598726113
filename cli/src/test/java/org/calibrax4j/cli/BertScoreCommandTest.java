package org.calibrax4j.cli;

import static org.calibrax4j.cli.Cli.assertWithin;
import static org.calibrax4j.cli.Cli.reference;
import static org.calibrax4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.calibrax4j.io.NpyFormat;
import org.calibrax4j.io.NpzArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;

/** {@code calibrax4j bertscore} against reference/bertscore (bert_score 0.3.12) and its error paths. */
class BertScoreCommandTest {
    private static final JsonNode CASE = Cli.referenceCase("bertscore", "pairs");
    private static final String BASELINE = "0.83150584,0.8314941,0.83122575";

    @TempDir
    Path tmp;

    private static Path file(int pair, String kind) {
        return reference("bertscore/pair" + pair + "_" + kind + ".npy");
    }

    private static void assertValues(JsonNode e, Cli.Run r, String suffix, String what) {
        assertEquals(0, r.code(), r.toString());
        assertWithin(e.get("P" + suffix).asDouble(), r.value("bertscore_precision"), CASE.get("tolerance"), what + " P");
        assertWithin(e.get("R" + suffix).asDouble(), r.value("bertscore_recall"), CASE.get("tolerance"), what + " R");
        assertWithin(e.get("F" + suffix).asDouble(), r.value("bertscore_f1"), CASE.get("tolerance"), what + " F");
    }

    @Test
    void everyPairWithAndWithoutIdfAndBaselineMatches() {
        for (int i = 0; i < CASE.get("pairs").size(); i++) {
            JsonNode e = CASE.get("pairs").get(i).get("expected");
            assertValues(e.get("no_idf"), run("bertscore", "--candidate", file(i, "cand"), "--reference", file(i, "ref")), "",
                    "pair " + i);
            assertValues(e.get("idf"), run("bertscore", "--candidate", file(i, "cand"), "--reference", file(i, "ref"),
                    "--idf-candidate", file(i, "idf_cand"), "--idf-reference", file(i, "idf_ref")), "", "pair " + i + " idf");
            assertValues(e.get("idf"), run("bertscore", "--candidate", file(i, "cand"), "--reference", file(i, "ref"),
                    "--idf-candidate", file(i, "idf_cand"), "--idf-reference", file(i, "idf_ref"), "--baseline", BASELINE),
                    "_rescaled", "pair " + i + " idf rescaled");
        }
    }

    private Path archive(boolean idf) throws IOException {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (int i = 0; i < CASE.get("pairs").size(); i++) {
            m.put("candidate_" + i, NpyFormat.read(file(i, "cand")));
            m.put("reference_" + i, NpyFormat.read(file(i, "ref")));
            if (idf) {
                m.put("idf_candidate_" + i, NpyFormat.read(file(i, "idf_cand")));
                m.put("idf_reference_" + i, NpyFormat.read(file(i, "idf_ref")));
            }
        }
        Path p = tmp.resolve(idf ? "pairs_idf.npz" : "pairs.npz");
        NpzArchive.write(p, m);
        return p;
    }

    @Test
    void archiveOfPairsGivesTheCorpusMeans() throws IOException {
        assertValues(CASE.get("corpus_mean").get("no_idf"), run("bertscore", "--pairs", archive(false)), "", "corpus");
        Cli.Run r = run("bertscore", "--pairs", archive(true), "--baseline", BASELINE, "--per-pair");
        assertValues(CASE.get("corpus_mean").get("idf"), r, "_rescaled", "corpus idf rescaled");
        assertTrue(r.out().contains("pair 5: precision="), r.out());
        Cli.Run json = run("bertscore", "--pairs", archive(true), "--per-pair", "--json");
        assertEquals(0, json.code(), json.toString());
        assertTrue(json.out().startsWith("{\"bertscore_precision\": ") && json.out().contains(", \"pairs\": [[")
                && json.out().strip().endsWith("]]}"), json.out());
    }

    @Test
    void badInputIsAOneLineError() throws IOException {
        Cli.Run both = run("bertscore", "--pairs", archive(false), "--candidate", file(0, "cand"));
        assertEquals(2, both.code(), both.toString());
        Cli.Run none = run("bertscore", "--candidate", file(0, "cand"));
        assertEquals(2, none.code(), none.toString());
        assertTrue(none.err().contains("--reference"), none.toString());
        Cli.Run b = run("bertscore", "--candidate", file(0, "cand"), "--reference", file(0, "ref"), "--baseline", "0.8,0.8");
        assertEquals(2, b.code(), b.toString());
        assertTrue(b.err().contains("three numbers"), b.toString());
        Cli.Run idfLen = run("bertscore", "--candidate", file(0, "cand"), "--reference", file(0, "ref"),
                "--idf-candidate", file(1, "idf_cand"));
        assertEquals(1, idfLen.code(), idfLen.toString());
        assertTrue(idfLen.err().startsWith("calibrax4j bertscore: error: ") && idfLen.err().contains("candidate idf")
                && idfLen.err().contains("(5)"), idfLen.toString());
        Cli.Run width = run("bertscore", "--candidate", file(0, "cand"), "--reference", reference("prdc/d8_n200_150_real.npy"));
        assertEquals(1, width.code(), width.toString());
        assertTrue(width.err().contains("columns"), width.toString());
        Map<String, INDArray> gap = new LinkedHashMap<>();
        gap.put("candidate_0", NpyFormat.read(file(0, "cand")));
        gap.put("reference_0", NpyFormat.read(file(0, "ref")));
        gap.put("candidate_2", NpyFormat.read(file(2, "cand")));
        Path g = tmp.resolve("gap.npz");
        NpzArchive.write(g, gap);
        Cli.Run gapRun = run("bertscore", "--pairs", g);
        assertEquals(1, gapRun.code(), gapRun.toString());
        assertTrue(gapRun.err().contains("candidate_2"), gapRun.toString());
    }
}
