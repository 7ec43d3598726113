/**
 * The {@code calibrax4j} command line ({@link org.calibrax4j.cli.Calibrax4j}): {@code fid} and
 * {@code is} on NumPy {@code .npy}/{@code .npz} files, read with {@link org.calibrax4j.io}.
 */
package org.calibrax4j.cli;
