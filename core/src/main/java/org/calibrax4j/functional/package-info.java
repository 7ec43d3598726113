/**
 * Tier 0: pure functional metrics {@code fn(predictions, targets) -> value} on arrays.
 *
 * <p>Every public function here is static and side-effect free, computes in float64 and checks its
 * inputs once at the boundary (shapes, equal lengths, integral labels, probabilities in [0, 1],
 * finite values), throwing {@link java.lang.IllegalArgumentException} with a message that names the
 * function, the argument and the offending shape or value. Inputs are ND4J {@code INDArray}s of any
 * numeric data type (they are copied to float64; nothing is modified), token lists for text.
 *
 * <p>Each function states the formula and the public implementation whose numbers it reproduces
 * (scikit-learn 1.2.1, SciPy 1.10.1, scikit-image 0.19.3, NLTK 3.8, torchmetrics 1.9.0), including its
 * edge-case conventions (zero division, ties, constant inputs, empty bins). Where the reference
 * returns a non-finite value for a degenerate but legal input (PSNR of identical images = +inf,
 * KL with {@code q_i = 0 < p_i} = +inf, Pearson of a constant input = NaN, an image class absent
 * from prediction and target = NaN), the Javadoc says so; every other undefined case throws.
 *
 * <ul>
 *   <li>{@link org.calibrax4j.functional.Regression}: MSE, RMSE, MAE, MAPE, median/max error, R²,
 *       explained variance, Pearson, Spearman;</li>
 *   <li>{@link org.calibrax4j.functional.Classification} and
 *       {@link org.calibrax4j.functional.ConfusionMatrix}: accuracy, balanced accuracy,
 *       precision/recall/F1/Jaccard with {@link org.calibrax4j.functional.Average} and
 *       {@link org.calibrax4j.functional.ZeroDivision}, MCC, Cohen's κ, log loss, ROC-AUC, average
 *       precision, top-k accuracy, Hamming loss;</li>
 *   <li>{@link org.calibrax4j.functional.Calibration}: ECE / MCE (torchmetrics bins), Brier score;</li>
 *   <li>{@link org.calibrax4j.functional.Segmentation}: per-image and dataset-level IoU and Dice;</li>
 *   <li>{@link org.calibrax4j.functional.ImageQuality}: PSNR, SSIM;</li>
 *   <li>{@link org.calibrax4j.functional.Distances}: cosine, Euclidean, KL, Jensen–Shannon,
 *       1-D Wasserstein;</li>
 *   <li>{@link org.calibrax4j.functional.Ranking}: NDCG, MRR, precision@k, recall@k;</li>
 *   <li>{@link org.calibrax4j.functional.Text}: corpus BLEU, word error rate;</li>
 *   <li>{@link org.calibrax4j.functional.Clustering}: ARI, NMI, silhouette.</li>
 * </ul>
 */
package org.calibrax4j.functional;
