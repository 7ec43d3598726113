/** DL4J training listeners that evaluate calibrax4j metrics at epoch end. */
package org.calibrax4j.listeners;
