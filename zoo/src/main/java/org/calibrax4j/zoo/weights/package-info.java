/**
 * Weight files: {@link org.calibrax4j.zoo.weights.StrictWeights} reads {@code .npz} and
 * {@code .safetensors} ({@link org.calibrax4j.zoo.weights.SafeTensors}) tensor maps keyed by
 * PyTorch {@code state_dict} names and checks them strictly against a network's names and shapes
 * ({@link org.calibrax4j.zoo.weights.WeightMismatchException} lists every problem at once);
 * {@link org.calibrax4j.zoo.weights.Sha256} hashes files and reads and writes
 * {@code sha256sum}-style sidecars; {@link org.calibrax4j.zoo.weights.ChecksumMismatchException}
 * names the file, the expected and the actual hash.
 */
package org.calibrax4j.zoo.weights;
