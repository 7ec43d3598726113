package org.calibrax4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.calibrax4j.bertscore.BERTScoreMetric;
import org.calibrax4j.bertscore.Baseline;
import org.calibrax4j.bertscore.PairScore;
import org.calibrax4j.io.NpzArchive;
import org.calibrax4j.metric.MetricResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code calibrax4j bertscore}: BERTScore from token embeddings, one pair ({@code --candidate},
 * {@code --reference}) or many ({@code --pairs PAIRS.npz}).
 *
 * <p>{@code PAIRS.npz} layout: for i = 0, 1, ..., P−1 (contiguous), {@code candidate_<i>} (Lc×D) and
 * {@code reference_<i>} (Lr×D) float arrays, and optionally {@code idf_candidate_<i>} (Lc) and
 * {@code idf_reference_<i>} (Lr) for every pair; no other members.
 */
@Command(name = "bertscore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "BERTScore (greedy cosine matching of token embeddings) with optional idf weights and baseline rescaling.",
            "Prints bertscore_precision, bertscore_recall, bertscore_f1 (means over pairs; rescaled with --baseline).",
            "--pairs PAIRS.npz holds many pairs: candidate_<i>, reference_<i> (L x D), optional idf_candidate_<i>,",
            "idf_reference_<i> (L), for i = 0..P-1."},
        footer = {"", "Examples:",
            "  calibrax4j bertscore --candidate cand.npy --reference ref.npy",
            "  calibrax4j bertscore --candidate c.npy --reference r.npy --idf-candidate ic.npy --idf-reference ir.npy \\",
            "      --baseline 0.83150584,0.8314941,0.83122575 --json",
            "  calibrax4j bertscore --pairs pairs.npz --per-pair"})
final class BertScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--candidate", paramLabel = "<file.npy>", description = "Candidate token embeddings, Lc x D.")
    Path candidate;

    @Option(names = "--reference", paramLabel = "<file.npy>", description = "Reference token embeddings, Lr x D.")
    Path reference;

    @Option(names = "--idf-candidate", paramLabel = "<file.npy>", description = "Candidate idf weights, Lc (default all 1).")
    Path idfCandidate;

    @Option(names = "--idf-reference", paramLabel = "<file.npy>", description = "Reference idf weights, Lr (default all 1).")
    Path idfReference;

    @Option(names = "--pairs", paramLabel = "<file.npz>", description = "Many pairs in one .npz (layout above).")
    Path pairs;

    @Option(names = "--baseline", split = ",", paramLabel = "P,R,F",
            description = "Rescale X' = (X - b)/(1 - b) with these baselines (roberta-large L17: 0.83150584,0.8314941,0.83122575).")
    List<Double> baseline;

    @Option(names = "--per-pair", description = "Also print each pair's values.")
    boolean perPair;

    @Option(names = "--json", description = "Print the result as one JSON object (with --per-pair: a \"pairs\" array of [P, R, F]).")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Baseline b = null;
        if (baseline != null) {
            if (baseline.size() != 3) {
                throw usage("--baseline takes three numbers P,R,F; got " + baseline.size());
            }
            try {
                b = new Baseline(baseline.get(0), baseline.get(1), baseline.get(2));
            } catch (IllegalArgumentException e) {
                throw usage("--baseline: " + e.getMessage());
            }
        }
        BERTScoreMetric metric = b == null ? new BERTScoreMetric() : BERTScoreMetric.withBaseline(b);
        if (pairs != null) {
            if (candidate != null || reference != null || idfCandidate != null || idfReference != null) {
                throw usage("--pairs replaces --candidate/--reference/--idf-*; give one or the other");
            }
            updateFromArchive(metric);
        } else {
            if (candidate == null || reference == null) {
                throw usage("needs --candidate and --reference (or --pairs)");
            }
            INDArray c = InputFiles.npy(candidate, "--candidate");
            INDArray r = InputFiles.npy(reference, "--reference");
            InputFiles.requireFloatMatrix(candidate, c, "token embeddings (Lc x D)", 0);
            InputFiles.requireFloatMatrix(reference, r, "token embeddings (Lr x D)", 0);
            INDArray ic = idfCandidate == null ? null : InputFiles.npy(idfCandidate, "--idf-candidate");
            INDArray ir = idfReference == null ? null : InputFiles.npy(idfReference, "--idf-reference");
            try {
                metric.update(c, r, ic, ir);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(candidate + ", " + reference + ": " + e.getMessage(), e);
            }
        }
        MetricResult result = metric.compute();
        PrintWriter out = spec.commandLine().getOut();
        if (!perPair) {
            Output.print(out, result, json);
            return 0;
        }
        List<PairScore> per = metric.perPair();
        if (json) {
            String head = result.toJson();
            StringBuilder sb = new StringBuilder(head.substring(0, head.length() - 1)).append(", \"pairs\": [");
            for (int i = 0; i < per.size(); i++) {
                PairScore s = per.get(i);
                sb.append(i == 0 ? "" : ", ").append('[').append(s.precision()).append(", ").append(s.recall()).append(", ")
                        .append(s.f1()).append(']');
            }
            out.println(sb.append("]}"));
        } else {
            Output.print(out, result, false);
            for (int i = 0; i < per.size(); i++) {
                PairScore s = per.get(i);
                out.println("pair " + i + ": precision=" + s.precision() + " recall=" + s.recall() + " f1=" + s.f1());
            }
        }
        out.flush();
        return 0;
    }

    private void updateFromArchive(BERTScoreMetric metric) throws IOException {
        NpzArchive npz = InputFiles.npz(pairs);
        List<INDArray> c = new ArrayList<>();
        List<INDArray> r = new ArrayList<>();
        List<INDArray> ic = new ArrayList<>();
        List<INDArray> ir = new ArrayList<>();
        int n = 0;
        while (npz.contains("candidate_" + n) || npz.contains("reference_" + n)) {
            String ck = "candidate_" + n;
            String rk = "reference_" + n;
            if (!npz.contains(ck) || !npz.contains(rk)) {
                throw new IllegalArgumentException(pairs + ": pair " + n + " needs both '" + ck + "' and '" + rk + "'");
            }
            c.add(npz.get(ck));
            r.add(npz.get(rk));
            ic.add(npz.contains("idf_candidate_" + n) ? npz.get("idf_candidate_" + n) : null);
            ir.add(npz.contains("idf_reference_" + n) ? npz.get("idf_reference_" + n) : null);
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException(pairs + ": no pairs (expected members candidate_0, reference_0, ...); has "
                    + npz.names());
        }
        int expectedMembers = 2 * n + (int) ic.stream().filter(x -> x != null).count() + (int) ir.stream().filter(x -> x != null).count();
        if (npz.names().size() != expectedMembers) {
            List<String> unexpected = new ArrayList<>();
            for (String name : npz.names()) {
                if (!name.matches("(candidate|reference|idf_candidate|idf_reference)_\\d+") || index(name) >= n) {
                    unexpected.add(name);
                }
            }
            throw new IllegalArgumentException(pairs + ": unexpected members " + unexpected + " (pairs must be numbered 0.."
                    + (n - 1) + " without gaps)");
        }
        boolean anyIdf = ic.stream().anyMatch(x -> x != null) || ir.stream().anyMatch(x -> x != null);
        if (anyIdf && (ic.contains(null) || ir.contains(null))) {
            throw new IllegalArgumentException(pairs + ": idf weights must be given for every pair and side, or for none");
        }
        try {
            metric.update(c, r, anyIdf ? ic : null, anyIdf ? ir : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pairs + ": " + e.getMessage(), e);
        }
    }

    private static int index(String name) {
        return Integer.parseInt(name.substring(name.lastIndexOf('_') + 1));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
