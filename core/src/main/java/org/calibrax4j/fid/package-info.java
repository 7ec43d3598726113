/** Fréchet Inception Distance: streaming Gaussian statistics and the Fréchet distance between them. */
package org.calibrax4j.fid;
