package org.calibrax4j.functional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Text metrics on tokenised sentences (a sentence = a list of tokens; no tokenisation is done here).
 */
public final class Text {
    /** NLTK's stand-in for log(0) in BLEU without smoothing: the smallest normal double. */
    private static final double FLOAT_INFO_MIN = Double.MIN_NORMAL;

    private Text() {
    }

    /**
     * BLEU smoothing, as NLTK's {@code SmoothingFunction}.
     *
     * @param epsilon the count that replaces a zero corpus match count (method1); negative = none
     */
    public record Smoothing(double epsilon) {
        /** @throws IllegalArgumentException unless epsilon is −1 (none) or finite and &gt; 0 */
        public Smoothing {
            if (!(epsilon == -1 || (epsilon > 0 && Double.isFinite(epsilon)))) {
                throw new IllegalArgumentException("bleu: smoothing epsilon must be finite and > 0 (or -1 for none), got "
                        + epsilon);
            }
        }

        /** No smoothing (NLTK method0): a zero precision p_n becomes the smallest normal double. */
        public static final Smoothing NONE = new Smoothing(-1);

        /** NLTK {@code SmoothingFunction(epsilon).method1}: p_n = epsilon / count_n when no n-gram matches. */
        public static Smoothing method1(double epsilon) {
            Inputs.positiveFinite("bleu", "epsilon", epsilon);
            return new Smoothing(epsilon);
        }

        /** NLTK's default {@code SmoothingFunction().method1} (epsilon = 0.1). */
        public static Smoothing method1() {
            return method1(0.1);
        }
    }

    /** Corpus BLEU-4 with uniform weights and no smoothing; see {@link #corpusBleu(List, List, double[], Smoothing)}. */
    public static double corpusBleu(List<List<List<String>>> listOfReferences, List<List<String>> hypotheses) {
        return corpusBleu(listOfReferences, hypotheses, new double[] {0.25, 0.25, 0.25, 0.25}, Smoothing.NONE);
    }

    /**
     * Corpus BLEU as {@code nltk.translate.bleu_score.corpus_bleu(list_of_references, hypotheses,
     * weights, smoothing_function, auto_reweigh=False)} (NLTK 3.8). Per hypothesis and order n:
     * clipped matches Σ_g min(count_hyp(g), max_ref count_ref(g)) and a count of max(1, #n-grams),
     * both summed over the corpus to p_n (so a hypothesis shorter than n adds 1 to the denominator);
     * c = Σ hypothesis lengths, r = Σ closest reference lengths (the shorter on a tie);
     * BP = 1 if c &gt; r else exp(1 − r/c); BLEU = BP · exp(Σ_n w_n ln p_n). Without unigram matches
     * the result is 0; without smoothing a zero p_n (n &gt; 1) is replaced by the smallest normal double.
     *
     * @param listOfReferences for each hypothesis, its non-empty list of reference token lists
     * @param weights one weight per n-gram order 1..weights.length, finite and ≥ 0
     * @throws IllegalArgumentException on null or empty lists, null tokens, different corpus sizes,
     *     a hypothesis without references or bad weights
     */
    public static double corpusBleu(List<List<List<String>>> listOfReferences, List<List<String>> hypotheses,
            double[] weights, Smoothing smoothing) {
        String fn = "corpusBleu";
        Inputs.notNull(fn, "listOfReferences", listOfReferences);
        Inputs.notNull(fn, "hypotheses", hypotheses);
        Inputs.notNull(fn, "weights", weights);
        Inputs.notNull(fn, "smoothing", smoothing);
        if (hypotheses.isEmpty() || listOfReferences.size() != hypotheses.size()) {
            throw new IllegalArgumentException(String.format(
                    "%s: needs one reference list per hypothesis and at least one hypothesis, got %d reference lists and %d hypotheses",
                    fn, listOfReferences.size(), hypotheses.size()));
        }
        if (weights.length == 0) {
            throw new IllegalArgumentException(fn + ": weights must not be empty");
        }
        for (double w : weights) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException(fn + ": weights must be finite and >= 0, got " + w);
            }
        }
        int orders = weights.length;
        long[] num = new long[orders];
        long[] den = new long[orders];
        long hypLen = 0;
        long refLen = 0;
        for (int s = 0; s < hypotheses.size(); s++) {
            List<String> hyp = hypotheses.get(s);
            List<List<String>> refs = listOfReferences.get(s);
            tokens(fn, "hypotheses[" + s + "]", hyp);
            if (refs == null || refs.isEmpty()) {
                throw new IllegalArgumentException(fn + ": hypothesis " + s + " has no reference");
            }
            for (int r = 0; r < refs.size(); r++) {
                tokens(fn, "listOfReferences[" + s + "][" + r + "]", refs.get(r));
            }
            for (int n = 1; n <= orders; n++) {
                Map<List<String>, Integer> counts = ngrams(hyp, n);
                Map<List<String>, Integer> maxRef = new HashMap<>();
                for (List<String> ref : refs) {
                    ngrams(ref, n).forEach((g, c) -> maxRef.merge(g, c, Math::max));
                }
                long clipped = 0;
                long total = 0;
                for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
                    clipped += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
                    total += e.getValue();
                }
                num[n - 1] += clipped;
                den[n - 1] += Math.max(1, total);
            }
            hypLen += hyp.size();
            refLen += closestRefLength(refs, hyp.size());
        }
        if (num[0] == 0) {
            return 0.0;
        }
        double bp = hypLen > refLen ? 1.0 : hypLen == 0 ? 0.0 : Math.exp(1 - (double) refLen / hypLen);
        double sum = 0;
        for (int n = 0; n < orders; n++) {
            double p;
            if (num[n] != 0) {
                p = (double) num[n] / den[n];
            } else if (smoothing.epsilon() > 0) {
                p = smoothing.epsilon() / den[n];
            } else {
                p = FLOAT_INFO_MIN;
            }
            sum += weights[n] * Math.log(p);
        }
        return bp * Math.exp(sum);
    }

    private static void tokens(String fn, String arg, List<String> s) {
        if (s == null) {
            throw new IllegalArgumentException(fn + ": " + arg + " must not be null");
        }
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i) == null) {
                throw new IllegalArgumentException(fn + ": " + arg + " has a null token at position " + i);
            }
        }
    }

    private static Map<List<String>, Integer> ngrams(List<String> s, int n) {
        Map<List<String>, Integer> m = new HashMap<>();
        for (int i = 0; i + n <= s.size(); i++) {
            m.merge(List.copyOf(s.subList(i, i + n)), 1, Integer::sum);
        }
        return m;
    }

    private static int closestRefLength(List<List<String>> refs, int hypLen) {
        int best = -1;
        for (List<String> r : refs) {
            int len = r.size();
            if (best < 0 || Math.abs(len - hypLen) < Math.abs(best - hypLen)
                    || (Math.abs(len - hypLen) == Math.abs(best - hypLen) && len < best)) {
                best = len;
            }
        }
        return best;
    }

    /**
     * Corpus word error rate Σ_i Lev(ref_i, hyp_i) / Σ_i |ref_i| with the word-level Levenshtein
     * distance (substitution, deletion, insertion each cost 1) — a corpus ratio, not a mean of
     * sentence rates, and not capped at 1 (insertions can exceed it). Agrees with torchmetrics
     * {@code word_error_rate} and {@code nltk.edit_distance} on the same token lists.
     *
     * @throws IllegalArgumentException on null lists or tokens, different corpus sizes, or when the
     *     references hold no word at all (the rate is undefined)
     */
    public static double wordErrorRate(List<List<String>> references, List<List<String>> hypotheses) {
        String fn = "wordErrorRate";
        Inputs.notNull(fn, "references", references);
        Inputs.notNull(fn, "hypotheses", hypotheses);
        if (references.size() != hypotheses.size()) {
            throw new IllegalArgumentException(String.format(
                    "%s: references and hypotheses must have the same number of sentences, got %d and %d",
                    fn, references.size(), hypotheses.size()));
        }
        long edits = 0;
        long words = 0;
        for (int i = 0; i < references.size(); i++) {
            tokens(fn, "references[" + i + "]", references.get(i));
            tokens(fn, "hypotheses[" + i + "]", hypotheses.get(i));
            edits += levenshtein(references.get(i), hypotheses.get(i));
            words += references.get(i).size();
        }
        if (words == 0) {
            throw new IllegalArgumentException(fn + ": the references contain no words; WER is undefined");
        }
        return (double) edits / words;
    }

    /** Word-level edit distance (unit costs). */
    static int levenshtein(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int sub = prev[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }
}
