package io.secondlook.dicom.codec.jpegls;

/**
 * The SOF55 frame header: sample precision, size and component identifiers (in frame order).
 */
record JpegLsFrame(int precision, int rows, int columns, int[] componentIds) {

    int components() {
        return componentIds.length;
    }

    /** Position of a component identifier in the frame, or -1. */
    int indexOf(int componentId) {
        for (int i = 0; i < componentIds.length; i++) {
            if (componentIds[i] == componentId) {
                return i;
            }
        }
        return -1;
    }
}
