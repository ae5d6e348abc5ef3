package io.secondlook.dicom.codec.jpeg2000;

/**
 * The EBCOT context labels of ITU-T T.800 Annex D as lookup tables over {@link CodeBlockDecoder}'s per-sample
 * flags: zero coding by subband orientation (Table D.1), sign coding with its XOR bit (Tables D.2, D.3), and the
 * MQ coder's probability state table (Table C.2).
 */
final class Tier1Contexts {
    // neighbour significance bits of a sample's flags: north, south, west, east, then the four diagonals
    static final int N = 1;
    static final int S = 1 << 1;
    static final int W = 1 << 2;
    static final int E = 1 << 3;
    static final int NW = 1 << 4;
    static final int NE = 1 << 5;
    static final int SW = 1 << 6;
    static final int SE = 1 << 7;
    static final int NEIGHBOURS = 0xFF;
    // the sign (1: negative) of a significant north, south, west, east neighbour
    static final int N_NEGATIVE = 1 << 8;
    static final int S_NEGATIVE = 1 << 9;
    static final int W_NEGATIVE = 1 << 10;
    static final int E_NEGATIVE = 1 << 11;
    static final int SIGNIFICANT = 1 << 12;
    static final int VISITED = 1 << 13;
    static final int REFINED = 1 << 14;

    // MQ context indices: 0-8 zero coding, 9-13 sign coding, 14-16 magnitude refinement, then run-length and uniform
    static final int MR_FIRST_NO_NEIGHBOUR = 14;
    static final int MR_FIRST_WITH_NEIGHBOUR = 15;
    static final int MR_LATER = 16;
    static final int RUN_LENGTH = 17;
    static final int UNIFORM = 18;
    static final int CONTEXTS = 19;

    /** Zero-coding context by {@code flags & NEIGHBOURS}: for LL and LH, HL, HH subbands. */
    static final byte[] ZC_LL_LH = new byte[256];
    static final byte[] ZC_HL = new byte[256];
    static final byte[] ZC_HH = new byte[256];
    /** Sign coding by {@code signIndex(flags)}: context in bits 0-3, the XOR bit in bit 4. */
    static final byte[] SC = new byte[256];

    /** MQ probability states as {@code index * 2 + mps}: Qe, and the state after an MPS or an LPS. */
    static final int[] QE = new int[94];
    static final int[] NEXT_MPS = new int[94];
    static final int[] NEXT_LPS = new int[94];
    /** The initial state of each context: zero coding's first context 4, run-length 3, uniform 46 (T.800 D.7). */
    static final int[] INITIAL = new int[CONTEXTS];

    static {
        for (int f = 0; f < 256; f++) {
            int h = Integer.bitCount(f & (W | E));
            int v = Integer.bitCount(f & (N | S));
            int d = Integer.bitCount(f & (NW | NE | SW | SE));
            ZC_LL_LH[f] = (byte) zeroCoding(h, v, d);
            ZC_HL[f] = (byte) zeroCoding(v, h, d);
            ZC_HH[f] = (byte) diagonalZeroCoding(h + v, d);
            SC[f] = (byte) signCoding(f);
        }
        int[] qe = {0x5601, 0x3401, 0x1801, 0x0AC1, 0x0521, 0x0221, 0x5601, 0x5401, 0x4801, 0x3801, 0x3001, 0x2401,
            0x1C01, 0x1601, 0x5601, 0x5401, 0x5101, 0x4801, 0x3801, 0x3401, 0x3001, 0x2801, 0x2401, 0x2201, 0x1C01,
            0x1801, 0x1601, 0x1401, 0x1201, 0x1101, 0x0AC1, 0x09C1, 0x08A1, 0x0521, 0x0441, 0x02A1, 0x0221, 0x0141,
            0x0111, 0x0085, 0x0049, 0x0025, 0x0015, 0x0009, 0x0005, 0x0001, 0x5601};
        int[] nmps = {1, 2, 3, 4, 5, 38, 7, 8, 9, 10, 11, 12, 13, 29, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
            27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 45, 46};
        int[] nlps = {1, 6, 9, 12, 29, 33, 6, 14, 14, 14, 17, 18, 20, 21, 14, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22,
            23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 46};
        for (int i = 0; i < qe.length; i++) {
            boolean switchMps = i == 0 || i == 6 || i == 14;
            for (int mps = 0; mps < 2; mps++) {
                QE[i * 2 + mps] = qe[i];
                NEXT_MPS[i * 2 + mps] = nmps[i] * 2 + mps;
                NEXT_LPS[i * 2 + mps] = nlps[i] * 2 + (switchMps ? 1 - mps : mps);
            }
        }
        INITIAL[0] = 4 * 2;
        INITIAL[RUN_LENGTH] = 3 * 2;
        INITIAL[UNIFORM] = 46 * 2;
    }

    private Tier1Contexts() {
    }

    /** Index into {@link #SC}: the significance of the four direct neighbours and their signs. */
    static int signIndex(int flags) {
        return (flags & (N | S | W | E)) | (flags >>> 4 & 0xF0);
    }

    /** Table D.1 for LL and LH subbands; HL swaps the horizontal and vertical counts. */
    private static int zeroCoding(int h, int v, int d) {
        if (h == 2) {
            return 8;
        }
        if (h == 1) {
            return v >= 1 ? 7 : d >= 1 ? 6 : 5;
        }
        if (v == 2) {
            return 4;
        }
        if (v == 1) {
            return 3;
        }
        return d >= 2 ? 2 : d;
    }

    private static int diagonalZeroCoding(int hv, int d) {
        if (d >= 3) {
            return 8;
        }
        if (d == 2) {
            return hv >= 1 ? 7 : 6;
        }
        if (d == 1) {
            return hv >= 2 ? 5 : hv == 1 ? 4 : 3;
        }
        return hv >= 2 ? 2 : hv;
    }

    /** Tables D.2 and D.3: contributions of the horizontal and vertical neighbours give context 9-13 and XOR bit. */
    private static int signCoding(int index) {
        int h = contribution(index, W, W_NEGATIVE >>> 4) + contribution(index, E, E_NEGATIVE >>> 4);
        int v = contribution(index, N, N_NEGATIVE >>> 4) + contribution(index, S, S_NEGATIVE >>> 4);
        h = Integer.signum(h);
        v = Integer.signum(v);
        int xor = h < 0 || (h == 0 && v < 0) ? 1 : 0;
        if (xor == 1) {
            h = -h;
            v = -v;
        }
        int context = h == 1 ? 12 + v : 9 + Math.abs(v); // h=1: v=-1,0,1 -> 11,12,13; h=0: v=0 -> 9, |v|=1 -> 10
        return context | xor << 4;
    }

    private static int contribution(int index, int significant, int negative) {
        if ((index & significant) == 0) {
            return 0;
        }
        return (index & negative) != 0 ? -1 : 1;
    }
}
