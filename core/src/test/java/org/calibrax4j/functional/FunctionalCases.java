package org.calibrax4j.functional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.calibrax4j.io.NpyFormat;
import org.calibrax4j.testing.Reference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Maps one case of reference/functional/cases.json to the Java call it pins: the reference's
 * function and arguments become the matching {@code org.calibrax4j.functional} call. A metric or
 * argument value without a mapping is an {@link AssertionError}, so an unimplemented case fails.
 */
final class FunctionalCases {
    private static final Map<String, INDArray> NPY = new HashMap<>();

    private FunctionalCases() {
    }

    /** The input named by {@code args[argName] = {"input": name}}. */
    static JsonNode input(JsonNode c, String argName) {
        JsonNode ref = c.get("reference").get("args").get(argName);
        if (ref == null || !ref.has("input")) {
            throw new AssertionError(c.get("name").asText() + ": argument " + argName + " is not an input");
        }
        return c.get("inputs").get(ref.get("input").asText());
    }

    static INDArray array(JsonNode c, String argName) {
        JsonNode in = input(c, argName);
        if (in.has("npy")) {
            String path = in.get("npy").asText();
            return NPY.computeIfAbsent(path, p -> {
                try {
                    return NpyFormat.read(Reference.path(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).dup();
        }
        JsonNode inline = in.get("inline");
        List<Double> flat = new ArrayList<>();
        flatten(inline, flat);
        long[] shape = new long[in.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.get("shape").get(i).asLong();
        }
        double[] d = flat.stream().mapToDouble(Double::doubleValue).toArray();
        INDArray a = Nd4j.create(d, shape, DataType.DOUBLE);
        return switch (in.get("dtype").asText()) {
            case "float64" -> a;
            case "int64" -> a.castTo(DataType.INT64);
            default -> throw new AssertionError("unsupported inline dtype " + in.get("dtype"));
        };
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(x -> flatten(x, out));
        } else {
            out.add(n.asDouble());
        }
    }

    static List<List<String>> sentences(JsonNode c, String argName) {
        List<List<String>> out = new ArrayList<>();
        input(c, argName).get("inline").forEach(s -> {
            List<String> toks = new ArrayList<>();
            s.forEach(t -> toks.add(t.asText()));
            out.add(toks);
        });
        return out;
    }

    static List<List<List<String>>> referenceLists(JsonNode c, String argName) {
        List<List<List<String>>> out = new ArrayList<>();
        input(c, argName).get("inline").forEach(refs -> {
            List<List<String>> one = new ArrayList<>();
            refs.forEach(s -> {
                List<String> toks = new ArrayList<>();
                s.forEach(t -> toks.add(t.asText()));
                one.add(toks);
            });
            out.add(one);
        });
        return out;
    }

    private static Average average(JsonNode args) {
        return switch (args.get("average").asText()) {
            case "binary" -> Average.BINARY;
            case "macro" -> Average.MACRO;
            case "micro" -> Average.MICRO;
            case "weighted" -> Average.WEIGHTED;
            default -> throw new AssertionError("average " + args.get("average"));
        };
    }

    private static ZeroDivision zeroDivision(JsonNode args) {
        JsonNode z = args.get("zero_division");
        if (z.isTextual() && z.asText().equals("warn")) {
            return ZeroDivision.WARN;
        }
        if (z.isNumber() && z.asDouble() == 1) {
            return ZeroDivision.ONE;
        }
        if (z.isNumber() && z.asDouble() == 0) {
            return ZeroDivision.ZERO;
        }
        throw new AssertionError("zero_division " + z);
    }

    private static int maxLabelPlusOne(INDArray a, INDArray b) {
        return (int) Math.max(a.maxNumber().longValue(), b.maxNumber().longValue()) + 1;
    }

    /**
     * Runs the case: a Double, double[], double[][] or long[][] (confusion matrix).
     */
    static Object compute(JsonNode c) {
        JsonNode args = c.get("reference").get("args");
        String fn = c.get("reference").get("function").asText();
        String metric = c.get("metric").asText();
        switch (metric) {
            case "mse":
                require(args.get("squared").asBoolean(), c);
                return Regression.meanSquaredError(array(c, "y_true"), array(c, "y_pred"));
            case "rmse":
                require(!args.get("squared").asBoolean(), c);
                return Regression.rootMeanSquaredError(array(c, "y_true"), array(c, "y_pred"));
            case "mae":
                return Regression.meanAbsoluteError(array(c, "y_true"), array(c, "y_pred"));
            case "mape":
                return Regression.meanAbsolutePercentageError(array(c, "y_true"), array(c, "y_pred"));
            case "median_absolute_error":
                return Regression.medianAbsoluteError(array(c, "y_true"), array(c, "y_pred"));
            case "max_error":
                return Regression.maxError(array(c, "y_true"), array(c, "y_pred"));
            case "r2":
                return Regression.r2(array(c, "y_true"), array(c, "y_pred"), args.get("force_finite").asBoolean());
            case "explained_variance":
                return Regression.explainedVariance(array(c, "y_true"), array(c, "y_pred"),
                        args.get("force_finite").asBoolean());
            case "pearson_correlation":
                return Regression.pearson(array(c, "x"), array(c, "y"));
            case "spearman_correlation":
                return Regression.spearman(array(c, "a"), array(c, "b"));
            case "accuracy":
                return Classification.accuracy(array(c, "y_true"), array(c, "y_pred"));
            case "balanced_accuracy":
                require(!args.get("adjusted").asBoolean(), c);
                return Classification.balancedAccuracy(array(c, "y_true"), array(c, "y_pred"));
            case "precision":
                return Classification.precision(array(c, "y_true"), array(c, "y_pred"), average(args),
                        zeroDivision(args), args.get("pos_label").asInt());
            case "recall":
                return Classification.recall(array(c, "y_true"), array(c, "y_pred"), average(args),
                        zeroDivision(args), args.get("pos_label").asInt());
            case "f1":
                return Classification.f1(array(c, "y_true"), array(c, "y_pred"), average(args),
                        zeroDivision(args), args.get("pos_label").asInt());
            case "jaccard":
                return Classification.jaccard(array(c, "y_true"), array(c, "y_pred"), average(args),
                        zeroDivision(args), args.get("pos_label").asInt());
            case "matthews_corrcoef":
                return Classification.matthewsCorrcoef(array(c, "y_true"), array(c, "y_pred"));
            case "cohen_kappa": {
                JsonNode w = args.get("weights");
                Classification.KappaWeights kw = w.isNull() ? Classification.KappaWeights.NONE
                        : switch (w.asText()) {
                            case "linear" -> Classification.KappaWeights.LINEAR;
                            case "quadratic" -> Classification.KappaWeights.QUADRATIC;
                            default -> throw new AssertionError("weights " + w);
                        };
                return Classification.cohenKappa(array(c, "y1"), array(c, "y2"), kw);
            }
            case "log_loss":
                require(args.get("eps").asText().equals("auto"), c);
                return Classification.logLoss(array(c, "y_true"), array(c, "y_pred"));
            case "roc_auc": {
                String mc = args.get("multi_class").asText();
                require(mc.equals("raise") || (mc.equals("ovr") && args.get("average").asText().equals("macro")), c);
                return Classification.rocAuc(array(c, "y_true"), array(c, "y_score"));
            }
            case "average_precision":
                return Classification.averagePrecision(array(c, "y_true"), array(c, "y_score"));
            case "top_k_accuracy":
                return Classification.topKAccuracy(array(c, "y_true"), array(c, "y_score"), args.get("k").asInt());
            case "confusion_matrix":
                return Classification.confusionMatrix(array(c, "y_true"), array(c, "y_pred")).counts();
            case "hamming_loss":
                return Classification.hammingLoss(array(c, "y_true"), array(c, "y_pred"));
            case "expected_calibration_error":
            case "maximum_calibration_error": {
                Calibration.Norm norm = switch (args.get("norm").asText()) {
                    case "l1" -> Calibration.Norm.L1;
                    case "l2" -> Calibration.Norm.L2;
                    case "max" -> Calibration.Norm.MAX;
                    default -> throw new AssertionError("norm " + args.get("norm"));
                };
                INDArray preds = array(c, "preds");
                if (args.has("num_classes")) {
                    require(preds.size(1) == args.get("num_classes").asInt(), c);
                }
                return Calibration.calibrationError(preds, array(c, "target"), args.get("n_bins").asInt(), norm);
            }
            case "brier_score":
                return Calibration.brierScore(array(c, "y_true"), array(c, "y_prob"));
            case "iou": {
                if (fn.endsWith("mean_iou")) {
                    require(args.get("include_background").asBoolean(), c);
                    int k = args.get("num_classes").asInt();
                    return args.get("per_class").asBoolean()
                            ? Segmentation.iouPerClass(array(c, "preds"), array(c, "target"), k)
                            : Segmentation.meanIouPerImage(array(c, "preds"), array(c, "target"), k);
                }
                INDArray p = array(c, "pred");
                INDArray t = array(c, "target");
                // the documented dataset-level formula has no num_classes argument: it covers the labels present
                int k = maxLabelPlusOne(p, t);
                if (fn.equals("iou_dataset")) {
                    return Segmentation.iouDataset(p, t, k);
                }
                require(fn.equals("miou_dataset"), c);
                return Segmentation.meanIouDataset(p, t, k);
            }
            case "dice": {
                require(args.get("include_background").asBoolean(), c);
                int k = args.get("num_classes").asInt();
                String avg = args.get("average").asText();
                String level = args.get("aggregation_level").asText();
                INDArray p = array(c, "preds");
                INDArray t = array(c, "target");
                if (level.equals("samplewise")) {
                    return avg.equals("none") ? Segmentation.dicePerClass(p, t, k)
                            : require(avg.equals("macro"), c, () -> Segmentation.meanDicePerImage(p, t, k));
                }
                require(level.equals("global") && avg.equals("none"), c);
                return Segmentation.diceDataset(p, t, k);
            }
            case "psnr":
                return ImageQuality.psnr(array(c, "image_true"), array(c, "image_test"), args.get("data_range").asDouble());
            case "ssim": {
                require(args.get("gaussian_weights").asBoolean() && !args.get("use_sample_covariance").asBoolean()
                        && args.get("win_size").isNull(), c);
                JsonNode axis = args.get("channel_axis");
                INDArray a = array(c, "im1");
                require(axis.isNull() ? a.rank() == 2 : axis.asInt() == 2 && a.rank() == 3, c);
                return ImageQuality.ssim(a, array(c, "im2"), args.get("data_range").asDouble(),
                        new ImageQuality.SsimConfig(args.get("sigma").asDouble(), args.get("K1").asDouble(),
                                args.get("K2").asDouble()));
            }
            case "cosine_distance":
                require(args.get("w").isNull(), c);
                return Distances.cosine(array(c, "u"), array(c, "v"));
            case "euclidean_distance":
                require(args.get("w").isNull(), c);
                return Distances.euclidean(array(c, "u"), array(c, "v"));
            case "kl_divergence":
                return Distances.klDivergence(array(c, "x"), array(c, "y"));
            case "js_distance":
            case "js_divergence": {
                JsonNode base = args.get("base");
                INDArray p = array(c, "p");
                INDArray q = array(c, "q");
                boolean dist = metric.equals("js_distance");
                if (base.isNull()) {
                    return dist ? Distances.jensenShannonDistance(p, q) : Distances.jensenShannonDivergence(p, q);
                }
                return dist ? Distances.jensenShannonDistance(p, q, base.asDouble())
                        : Distances.jensenShannonDivergence(p, q, base.asDouble());
            }
            case "wasserstein_1d": {
                boolean weighted = !args.get("u_weights").isNull();
                return weighted
                        ? Distances.wasserstein1d(array(c, "u_values"), array(c, "v_values"), array(c, "u_weights"),
                                array(c, "v_weights"))
                        : Distances.wasserstein1d(array(c, "u_values"), array(c, "v_values"));
            }
            case "ndcg": {
                require(!args.get("ignore_ties").asBoolean(), c);
                JsonNode k = args.get("k");
                return k.isNull() ? Ranking.ndcg(array(c, "y_true"), array(c, "y_score"))
                        : Ranking.ndcg(array(c, "y_true"), array(c, "y_score"), k.asInt());
            }
            case "mean_reciprocal_rank":
                return Ranking.meanReciprocalRank(array(c, "relevance"), array(c, "score"));
            case "precision_at_k":
                return Ranking.precisionAtK(array(c, "relevance"), array(c, "score"), args.get("k").asInt());
            case "recall_at_k":
                return Ranking.recallAtK(array(c, "relevance"), array(c, "score"), args.get("k").asInt());
            case "bleu": {
                require(!args.get("auto_reweigh").asBoolean(), c);
                double[] w = new double[args.get("weights").size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = args.get("weights").get(i).asDouble();
                }
                JsonNode sm = args.get("smoothing_function");
                Text.Smoothing smoothing;
                if (sm.isNull()) {
                    smoothing = Text.Smoothing.NONE;
                } else if (sm.asText().equals("nltk.translate.bleu_score.SmoothingFunction(epsilon=0.1).method1")) {
                    smoothing = Text.Smoothing.method1(0.1);
                } else {
                    throw new AssertionError("smoothing " + sm);
                }
                return Text.corpusBleu(referenceLists(c, "list_of_references"), sentences(c, "hypotheses"), w, smoothing);
            }
            case "word_error_rate":
                return Text.wordErrorRate(sentences(c, "references"), sentences(c, "hypotheses"));
            case "adjusted_rand_index":
                return Clustering.adjustedRandIndex(array(c, "labels_true"), array(c, "labels_pred"));
            case "normalized_mutual_information":
                require(args.get("average_method").asText().equals("arithmetic"), c);
                return Clustering.normalizedMutualInformation(array(c, "labels_true"), array(c, "labels_pred"));
            case "silhouette_score":
                require(args.get("metric").asText().equals("euclidean") && args.get("sample_size").isNull(), c);
                return Clustering.silhouetteScore(array(c, "X"), array(c, "labels"));
            default:
                throw new AssertionError("metric not implemented: " + metric + " (case " + c.get("name").asText() + ")");
        }
    }

    private static void require(boolean ok, JsonNode c) {
        if (!ok) {
            throw new AssertionError("case " + c.get("name").asText() + " uses a setting without a Java mapping: "
                    + c.get("reference").get("call").asText());
        }
    }

    private static <T> T require(boolean ok, JsonNode c, java.util.function.Supplier<T> then) {
        require(ok, c);
        return then.get();
    }
}
