package io.secondlook.dicom.codec.jpeg;

import java.util.Arrays;

/**
 * The accurate integer inverse DCT of the IJG library ("ISLOW": the Loeffler-Ligtenberg-Moschytz factorisation
 * with 13-bit fixed-point constants, a column pass kept {@code pass1Bits} extra bits, then a row pass), including
 * libjpeg's wrap-around range limiting, so that lossy output matches dcmtk's dcmdjpeg exactly.
 */
final class IslowIdct {
    private static final int CONST_BITS = 13;
    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065 = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    /** Bits of the natural-order positions 8, 16, ..., 56: a column's AC coefficients, column 0. */
    private static final long COLUMN_AC = 0x0101010101010100L;
    private static final IslowIdct EIGHT_BIT = new IslowIdct(8);
    private static final IslowIdct TWELVE_BIT = new IslowIdct(12);

    private final int pass1Bits;
    private final int[] rangeLimit;
    private final int rangeMask;

    private IslowIdct(int precision) {
        pass1Bits = precision == 8 ? 2 : 1;
        int max = (1 << precision) - 1;
        int center = 1 << (precision - 1);
        int half = 2 * (max + 1);
        rangeMask = 2 * half - 1;
        rangeLimit = new int[2 * half];
        // libjpeg's post-IDCT table: centre-shifted clamp, wrapping for wildly out-of-range values
        for (int j = 0; j < 2 * half; j++) {
            rangeLimit[j] = j < half ? Math.min(j + center, max) : Math.max(j - 2 * half + center, 0);
        }
    }

    /** @param precision 8 or 12 bits per sample */
    static IslowIdct forPrecision(int precision) {
        return precision == 8 ? EIGHT_BIT : TWELVE_BIT;
    }

    private static int descale(int x, int n) {
        return (x + (1 << (n - 1))) >> n;
    }

    /**
     * @param block 64 dequantised coefficients in natural order
     * @param nonZero bit {@code i} set where {@code block[i]} may be non-zero (bit 0, the DC, is always read)
     * @param workspace 64 ints of scratch space
     */
    void transform(int[] block, long nonZero, int[] workspace, int[] out, int outOffset, int stride) {
        if ((nonZero & ~1L) == 0) {
            // both passes' zero-AC short cuts in one: the block is flat
            int v = rangeLimit[descale(block[0] << pass1Bits, pass1Bits + 3) & rangeMask];
            for (int row = 0; row < 8; row++) {
                Arrays.fill(out, outOffset + row * stride, outOffset + row * stride + 8, v);
            }
            return;
        }
        int[] ws = workspace;
        int shift1 = CONST_BITS - pass1Bits;
        for (int col = 0; col < 8; col++) {
            if ((nonZero & (COLUMN_AC << col)) == 0) {
                int dc = block[col] << pass1Bits;
                for (int r = 0; r < 64; r += 8) {
                    ws[col + r] = dc;
                }
                continue;
            }
            int z2 = block[col + 16];
            int z3 = block[col + 48];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 + z3 * -FIX_1_847759065;
            int tmp3 = z1 + z2 * FIX_0_765366865;
            z2 = block[col];
            z3 = block[col + 32];
            int tmp0 = (z2 + z3) << CONST_BITS;
            int tmp1 = (z2 - z3) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            // odd part, inputs 7, 5, 3, 1
            tmp0 = block[col + 56];
            tmp1 = block[col + 40];
            tmp2 = block[col + 24];
            tmp3 = block[col + 8];
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 *= FIX_0_298631336;
            tmp1 *= FIX_2_053119869;
            tmp2 *= FIX_3_072711026;
            tmp3 *= FIX_1_501321110;
            z1 *= -FIX_0_899976223;
            z2 *= -FIX_2_562915447;
            z3 = z3 * -FIX_1_961570560 + z5;
            z4 = z4 * -FIX_0_390180644 + z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            ws[col] = descale(tmp10 + tmp3, shift1);
            ws[col + 56] = descale(tmp10 - tmp3, shift1);
            ws[col + 8] = descale(tmp11 + tmp2, shift1);
            ws[col + 48] = descale(tmp11 - tmp2, shift1);
            ws[col + 16] = descale(tmp12 + tmp1, shift1);
            ws[col + 40] = descale(tmp12 - tmp1, shift1);
            ws[col + 24] = descale(tmp13 + tmp0, shift1);
            ws[col + 32] = descale(tmp13 - tmp0, shift1);
        }
        int shift2 = CONST_BITS + pass1Bits + 3;
        int[] limit = rangeLimit;
        int mask = rangeMask;
        for (int w = 0, o = outOffset; w < 64; w += 8, o += stride) {
            if ((ws[w + 1] | ws[w + 2] | ws[w + 3] | ws[w + 4] | ws[w + 5] | ws[w + 6] | ws[w + 7]) == 0) {
                int v = limit[descale(ws[w], pass1Bits + 3) & mask];
                for (int i = 0; i < 8; i++) {
                    out[o + i] = v;
                }
                continue;
            }
            int z2 = ws[w + 2];
            int z3 = ws[w + 6];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 + z3 * -FIX_1_847759065;
            int tmp3 = z1 + z2 * FIX_0_765366865;
            int tmp0 = (ws[w] + ws[w + 4]) << CONST_BITS;
            int tmp1 = (ws[w] - ws[w + 4]) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = ws[w + 7];
            tmp1 = ws[w + 5];
            tmp2 = ws[w + 3];
            tmp3 = ws[w + 1];
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 *= FIX_0_298631336;
            tmp1 *= FIX_2_053119869;
            tmp2 *= FIX_3_072711026;
            tmp3 *= FIX_1_501321110;
            z1 *= -FIX_0_899976223;
            z2 *= -FIX_2_562915447;
            z3 = z3 * -FIX_1_961570560 + z5;
            z4 = z4 * -FIX_0_390180644 + z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            out[o] = limit[descale(tmp10 + tmp3, shift2) & mask];
            out[o + 7] = limit[descale(tmp10 - tmp3, shift2) & mask];
            out[o + 1] = limit[descale(tmp11 + tmp2, shift2) & mask];
            out[o + 6] = limit[descale(tmp11 - tmp2, shift2) & mask];
            out[o + 2] = limit[descale(tmp12 + tmp1, shift2) & mask];
            out[o + 5] = limit[descale(tmp12 - tmp1, shift2) & mask];
            out[o + 3] = limit[descale(tmp13 + tmp0, shift2) & mask];
            out[o + 4] = limit[descale(tmp13 - tmp0, shift2) & mask];
        }
    }
}
