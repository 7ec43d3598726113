package org.calibrax4j.backbone;

import java.util.ArrayList;
import java.util.List;

/**
 * A frozen text encoder that turns a sentence into contextual token embeddings: the seam between
 * BERTScore ({@link org.calibrax4j.bertscore.BERTScorer}) and a BERT-family network, which lives
 * in {@code zoo} (as {@link FeatureExtractor} is the seam for image backbones).
 *
 * <p>Implementations tokenize the text themselves (WordPiece, BPE, ...), run the network, and
 * return one embedding per token of the chosen layer, with framing tokens such as
 * {@code [CLS]}/{@code [SEP]} included and flagged {@linkplain TokenEmbeddings#special() special}
 * (bert_score gives them weight 0 but keeps them as match targets).
 */
public interface TextEmbedder {

    /** Human-readable name, e.g. {@code roberta-large-L17}. */
    String name();

    /** Width D of every token embedding. */
    int embeddingDim();

    /**
     * Token embeddings of one text.
     *
     * @throws IllegalArgumentException when the text cannot be encoded (e.g. longer than the model's maximum)
     */
    TokenEmbeddings embed(String text);

    /** Token embeddings of several texts; implementations may batch them. */
    default List<TokenEmbeddings> embedAll(List<String> texts) {
        List<TokenEmbeddings> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(embed(t));
        }
        return out;
    }
}
