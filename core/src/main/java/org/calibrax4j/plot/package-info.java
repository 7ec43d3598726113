/** Optional PNG plots of metric results (XChart). */
package org.calibrax4j.plot;
