/** Inception Score (Salimans et al. 2016) from class probabilities or logits. */
package org.calibrax4j.inception;
