/**
 * VGG16's convolutional trunk ({@link org.calibrax4j.zoo.vgg.VGG16Trunk}) behind
 * {@link org.calibrax4j.backbone.TapExtractor}, with named taps and strict import of torchvision weights.
 */
package org.calibrax4j.zoo.vgg;
