package org.calibrax4j.bertscore;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Inverse document frequencies over a reference corpus, as bert_score's {@code get_idf_dict}:
 * idf(t) = ln((M + 1)/(df(t) + 1)) for M reference documents, df(t) the number of documents
 * containing token t (counted once per document); a token never seen gets ln(M + 1); special
 * tokens get 0.
 */
public final class IdfTable {
    private final Map<String, Double> idf;
    private final int documents;

    private IdfTable(Map<String, Double> idf, int documents) {
        this.idf = idf;
        this.documents = documents;
    }

    /** The table of the tokenized reference documents. */
    public static IdfTable fromDocuments(Collection<List<String>> documents) {
        Map<String, Integer> df = new HashMap<>();
        for (List<String> doc : documents) {
            for (String t : new HashSet<>(doc)) {
                df.merge(t, 1, Integer::sum);
            }
        }
        int m = documents.size();
        Map<String, Double> idf = new HashMap<>();
        df.forEach((t, c) -> idf.put(t, Math.log((m + 1.0) / (c + 1.0))));
        return new IdfTable(idf, m);
    }

    /** Number of documents M. */
    public int documents() {
        return documents;
    }

    /** idf of one token. */
    public double idf(String token) {
        return idf.getOrDefault(token, Math.log(documents + 1.0));
    }

    /**
     * Weights of a token sequence: idf per token, 0 where {@code special} is set.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public double[] weights(List<String> tokens, boolean[] special) {
        if (special.length != tokens.size()) {
            throw new IllegalArgumentException("IdfTable: " + tokens.size() + " tokens but " + special.length + " special flags");
        }
        double[] w = new double[tokens.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = special[i] ? 0.0 : idf(tokens.get(i));
        }
        return w;
    }
}
