/**
 * Data sets that backbones are trained and checked on: {@link org.calibrax4j.zoo.data.FashionMnist}
 * (read from the standard IDX files) and its DL4J iterator
 * {@link org.calibrax4j.zoo.data.FashionMnistIterator}.
 */
package org.calibrax4j.zoo.data;
