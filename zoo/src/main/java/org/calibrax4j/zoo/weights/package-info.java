/**
 * Weight-file integrity: {@link org.calibrax4j.zoo.weights.Sha256} hashes files and reads and writes
 * {@code sha256sum}-style sidecars; {@link org.calibrax4j.zoo.weights.ChecksumMismatchException}
 * names the file, the expected and the actual hash.
 */
package org.calibrax4j.zoo.weights;
