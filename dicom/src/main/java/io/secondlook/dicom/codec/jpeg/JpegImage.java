package io.secondlook.dicom.codec.jpeg;

/**
 * A decoded JPEG frame: one full-size plane per component (row stride {@code strides[c]}), samples as libjpeg
 * outputs them, before any colour conversion.
 */
record JpegImage(int precision, int width, int height, int[][] planes, int[] strides) {

    int components() {
        return planes.length;
    }
}
