/**
 * Reading images for backbones: {@link org.calibrax4j.zoo.images.ImageFolder} lists folders of
 * PNG/JPEG files recursively, decodes them on several threads with PIL-compatible RGB conversion
 * and feeds fixed-size batches.
 */
package org.calibrax4j.zoo.images;
