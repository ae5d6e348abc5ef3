package io.secondlook.dicom.codec.jpegls;

/** The JPEG-LS preset coding parameters of an LSE segment (T.87 C.2.4.1.1); 0 means "use the default". */
record JpegLsPreset(int maxVal, int t1, int t2, int t3, int reset) {
    static final JpegLsPreset DEFAULTS = new JpegLsPreset(0, 0, 0, 0, 0);
}
