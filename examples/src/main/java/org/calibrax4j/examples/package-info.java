/**
 * Short runnable programs that show the API: a custom frozen-backbone metric
 * ({@link org.calibrax4j.examples.MeanFeatureNorm}), a learned metric trained with Adam
 * ({@link org.calibrax4j.examples.LearnedWeightedMSE}) and LPIPS fine-tuning in the 2AFC protocol
 * ({@link org.calibrax4j.examples.LpipsFineTuning}).
 */
package org.calibrax4j.examples;
