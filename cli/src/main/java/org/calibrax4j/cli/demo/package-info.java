/**
 * The {@code calibrax4j demo} main job: a DL4J variational autoencoder trained on Fashion-MNIST,
 * with FID, KID and Inception Score of its samples reported at every epoch end through the
 * epoch-end listener and the Fashion-MNIST backbone, plus the reference points that make the
 * numbers readable.
 */
package org.calibrax4j.cli.demo;
