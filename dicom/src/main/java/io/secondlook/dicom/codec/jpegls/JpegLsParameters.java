package io.secondlook.dicom.codec.jpegls;

import io.secondlook.dicom.DicomException;

/**
 * The coding parameters of one JPEG-LS scan (T.87 A.2 and C.2.4.1.1): MAXVAL, NEAR, the gradient thresholds,
 * RESET, and what follows from them (RANGE, qbpp, LIMIT).
 */
record JpegLsParameters(int maxVal, int near, int t1, int t2, int t3, int reset) {
    private static final int BASIC_T1 = 3;
    private static final int BASIC_T2 = 7;
    private static final int BASIC_T3 = 21;
    static final int DEFAULT_RESET = 64;

    /**
     * Fills in defaults for the values an LSE segment left at 0 (or that no LSE segment gave) and checks the
     * ranges T.87 C.2.4.1.1 allows.
     *
     * @param preset the LSE preset values (MAXVAL, T1, T2, T3, RESET), zero where absent
     */
    static JpegLsParameters resolve(int precision, int near, JpegLsPreset preset) throws DicomException {
        int maxVal = preset.maxVal() != 0 ? preset.maxVal() : (1 << precision) - 1;
        if (maxVal < 1 || maxVal >= 1 << precision) {
            throw new DicomException("JPEG-LS MAXVAL " + maxVal + " does not fit precision " + precision);
        }
        if (near < 0 || near > Math.min(255, maxVal / 2)) {
            throw new DicomException("JPEG-LS NEAR " + near + " is out of range for MAXVAL " + maxVal);
        }
        int[] t = defaultThresholds(maxVal, near);
        int t1 = preset.t1() != 0 ? preset.t1() : t[0];
        int t2 = preset.t2() != 0 ? preset.t2() : t[1];
        int t3 = preset.t3() != 0 ? preset.t3() : t[2];
        int reset = preset.reset() != 0 ? preset.reset() : DEFAULT_RESET;
        if (t1 < near + 1 || t1 > maxVal || t2 < t1 || t2 > maxVal || t3 < t2 || t3 > maxVal) {
            throw new DicomException("JPEG-LS thresholds T1=" + t1 + " T2=" + t2 + " T3=" + t3
                    + " are invalid for MAXVAL " + maxVal + " and NEAR " + near);
        }
        if (reset < 3 || reset > Math.max(255, maxVal)) {
            throw new DicomException("JPEG-LS RESET " + reset + " is invalid for MAXVAL " + maxVal);
        }
        return new JpegLsParameters(maxVal, near, t1, t2, t3, reset);
    }

    /** T.87 C.2.4.1.1.1: default T1, T2, T3 for MAXVAL and NEAR. */
    static int[] defaultThresholds(int maxVal, int near) {
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) >> 8;
            t1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), t2, maxVal);
        }
        return new int[] {t1, t2, t3};
    }

    private static int clamp(int value, int low, int maxVal) {
        return value > maxVal || value < low ? low : value;
    }

    /** Number of quantised error values. */
    int range() {
        return (maxVal + 2 * near) / (2 * near + 1) + 1;
    }

    int qbpp() {
        return ceilLog2(range());
    }

    /** Bits per sample as CharLS derives it from MAXVAL (at least 2). */
    int bpp() {
        return Math.max(2, ceilLog2(maxVal));
    }

    /** Longest Golomb code word (T.87 A.5.3). */
    int limit() {
        int bpp = bpp();
        return 2 * (bpp + Math.max(8, bpp));
    }

    private static int ceilLog2(int n) {
        int x = 0;
        while (n > 1 << x) {
            x++;
        }
        return x;
    }
}
