package io.secondlook.dicom.codec.jpeg;

/**
 * A decoded JPEG frame, samples as libjpeg outputs them, before any colour conversion: either one full-size plane
 * per component (row stride {@code strides[c]}), or, for a single-component DCT frame decoded straight to its
 * output, {@code samples}: the canonical little-endian bytes, {@code width * height} samples (planes empty).
 */
record JpegImage(int precision, int width, int height, int components, int[][] planes, int[] strides, byte[] samples) {

    static JpegImage ofPlanes(int precision, int width, int height, int[][] planes, int[] strides) {
        return new JpegImage(precision, width, height, planes.length, planes, strides, null);
    }

    static JpegImage ofSamples(int precision, int width, int height, byte[] samples) {
        return new JpegImage(precision, width, height, 1, new int[0][], new int[0], samples);
    }
}
