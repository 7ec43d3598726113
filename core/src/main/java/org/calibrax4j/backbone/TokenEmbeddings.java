package org.calibrax4j.backbone;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The tokens of one text and their embeddings.
 *
 * @param tokens the L tokens, in order (strings as the tokenizer writes them; used as idf keys)
 * @param embeddings L×D token embeddings
 * @param special per token, whether it is a framing token ([CLS], [SEP], &lt;s&gt;, ...) that gets idf 0
 */
public record TokenEmbeddings(List<String> tokens, INDArray embeddings, boolean[] special) {
    /**
     * @throws IllegalArgumentException when the three lengths disagree or the embeddings are not L×D
     */
    public TokenEmbeddings {
        tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
        Objects.requireNonNull(embeddings, "embeddings");
        special = Objects.requireNonNull(special, "special").clone();
        if (embeddings.rank() != 2 || embeddings.size(0) != tokens.size() || special.length != tokens.size()) {
            throw new IllegalArgumentException("TokenEmbeddings: " + tokens.size() + " tokens, " + special.length
                    + " special flags and embeddings of shape " + java.util.Arrays.toString(embeddings.shape())
                    + " must agree (L tokens, L flags, L x D)");
        }
    }

    /** A copy of the special-token flags. */
    @Override
    public boolean[] special() {
        return special.clone();
    }

    /** Number of tokens L. */
    public int length() {
        return tokens.size();
    }
}
