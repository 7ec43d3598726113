/** The metric lifecycle (update → compute → reset, merge), results and argument checks. */
package org.calibrax4j.metric;
