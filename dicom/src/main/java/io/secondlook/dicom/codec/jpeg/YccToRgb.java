package io.secondlook.dicom.codec.jpeg;

/** libjpeg's fixed-point YCbCr → RGB conversion (16-bit fractions, per-precision lookup tables). */
final class YccToRgb {
    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);

    private final int max;
    private final int[] crR;
    private final int[] cbB;
    private final int[] crG;
    private final int[] cbG;

    YccToRgb(int precision) {
        max = (1 << precision) - 1;
        int center = 1 << (precision - 1);
        crR = new int[max + 1];
        cbB = new int[max + 1];
        crG = new int[max + 1];
        cbG = new int[max + 1];
        for (int i = 0; i <= max; i++) {
            int x = i - center;
            crR[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
            cbB[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
            crG[i] = -fix(0.71414) * x;
            cbG[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private static int fix(double x) {
        return (int) (x * (1 << SCALE_BITS) + 0.5);
    }

    private int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    /** Converts in place: the three planes hold Y, Cb, Cr on entry and R, G, B on return. */
    void convert(int[] y, int[] cb, int[] cr, int count) {
        for (int i = 0; i < count; i++) {
            int l = y[i];
            int b = cb[i] & max;
            int r = cr[i] & max;
            y[i] = clamp(l + crR[r]);
            cb[i] = clamp(l + ((cbG[b] + crG[r]) >> SCALE_BITS));
            cr[i] = clamp(l + cbB[b]);
        }
    }
}
