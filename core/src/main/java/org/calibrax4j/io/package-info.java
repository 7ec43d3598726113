/**
 * NumPy array files: {@link org.calibrax4j.io.NpyFormat} reads and writes one {@code .npy} array,
 * {@link org.calibrax4j.io.NpzArchive} the named arrays of an {@code .npz} archive (stored or deflated).
 *
 * <p>ND4J 1.0.0-M2.1's own readers reject deflated {@code .npz} members (pytorch-fid's statistics
 * files) and 0-d arrays; these classes read both, without native code, and write files that
 * {@code np.load} reads.
 */
package org.calibrax4j.io;
