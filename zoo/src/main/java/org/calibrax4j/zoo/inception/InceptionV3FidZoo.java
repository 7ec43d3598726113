package org.calibrax4j.zoo.inception;

import java.io.IOException;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.ZooType;

/**
 * The FID InceptionV3 as a DL4J {@link ZooModel}: {@link #init()} builds the graph of
 * {@link FidInceptionV3} (299×299×3 input in [−1, 1], outputs pool3, logits and the 64/192/768
 * taps; BatchNorm folded into the convolutions, so untrained parameters are all zero).
 *
 * <p>DL4J hosts no weights for this network, so {@link #initPretrained(PretrainedType)} always
 * fails, naming the file to supply instead (pytorch-fid's {@code pt_inception-2015-12-05-6726825d.pth}
 * converted to {@code .npz}, loaded with {@link FidInceptionV3#load}).
 */
public final class InceptionV3FidZoo extends ZooModel<InceptionV3FidZoo> {
    /** pytorch-fid's published weights, the file to convert. */
    public static final String PYTORCH_FID_WEIGHTS =
            "https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/pt_inception-2015-12-05-6726825d.pth";

    @Override
    public String pretrainedUrl(PretrainedType type) {
        return null;
    }

    @Override
    public long pretrainedChecksum(PretrainedType type) {
        return 0L;
    }

    /**
     * Always fails: there is no DL4J-hosted copy of these weights.
     *
     * @throws IOException naming the file to convert and the loader to use
     */
    @Override
    public <M extends Model> M initPretrained(PretrainedType type) throws IOException {
        throw new IOException(FidInceptionV3.NAME + ": DL4J hosts no " + type + " weights for this network. Download "
                + PYTORCH_FID_WEIGHTS + ", convert it to .npz (see the README: one line of Python) and load it with "
                + "FidInceptionV3.load(file, sha256) or `calibrax4j fid --weights file.npz`");
    }

    @Override
    public String modelName() {
        return "inceptionv3-fid";
    }

    @SuppressWarnings("unchecked")
    @Override
    public ComputationGraph init() {
        ComputationGraph g = new ComputationGraph(InceptionV3Architecture.build().conf());
        g.init();
        return g;
    }

    @Override
    public ModelMetaData metaData() {
        return new ModelMetaData(new int[][] {{3, FidInceptionV3.INPUT_SIZE, FidInceptionV3.INPUT_SIZE}}, 1, ZooType.CNN);
    }

    /**
     * Only 3×299×299 is accepted (images of other sizes are resized by {@link FidInceptionV3}).
     *
     * @throws IllegalArgumentException for any other shape
     */
    @Override
    public void setInputShape(int[][] inputShape) {
        if (inputShape.length != 1 || !Arrays.equals(inputShape[0], new int[] {3, 299, 299})) {
            throw new IllegalArgumentException(FidInceptionV3.NAME + ": input shape is fixed at [3, 299, 299], got "
                    + Arrays.deepToString(inputShape));
        }
    }

    @Override
    public Class<? extends Model> modelType() {
        return ComputationGraph.class;
    }
}
