package io.secondlook.dicom.codec.jpegls;

import io.secondlook.dicom.DicomException;
import java.util.Arrays;

/**
 * The JPEG-LS sample decoding process (T.87 Annex A) for the lines of one scan: context modelling, MED prediction
 * with bias correction, Golomb decoding with limited length, run mode and run interruption, near-lossless
 * reconstruction. Lines are int arrays of {@code width + 2} samples: index 0 is the left edge (Ra of the first
 * sample), index {@code width + 1} the right edge (Rd of the last sample of the line above).
 */
final class JpegLsScanDecoder {
    /** Run length order for each RUNindex (T.87 A.7.1.1). */
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    private static final int CONTEXTS = 365;
    private static final int MIN_C = -128;
    private static final int MAX_C = 127;

    private final int maxVal;
    private final int near;
    private final int nearMul;
    private final int rangeMul;
    private final int range;
    private final int qbpp;
    private final int limit;
    private final int reset;
    private final byte[] quant;
    /** A, B, C and N of each context side by side (one cache line per context): {@code [4·Q + A_, B_, C_, N_]}. */
    private final int[] stats = new int[4 * (CONTEXTS + 2)];
    private static final int A_ = 0;
    private static final int B_ = 1;
    private static final int C_ = 2;
    private static final int N_ = 3;
    private final int[] nn = new int[2];
    private int runIndex;
    /** Context of each component at the current pixel of a sample-interleaved line. */
    private int[] contexts;
    private final JpegLsBitReader in;

    JpegLsScanDecoder(JpegLsParameters p, JpegLsBitReader in) {
        this.maxVal = p.maxVal();
        this.near = p.near();
        this.nearMul = 2 * near + 1;
        this.range = p.range();
        this.rangeMul = range * nearMul;
        this.qbpp = p.qbpp();
        this.limit = p.limit();
        this.reset = p.reset();
        this.quant = JpegLsGradients.table(p);
        this.in = in;
        resetContexts();
    }

    /** Start of scan and each restart interval (T.87 A.2.1). */
    void resetContexts() {
        int a0 = Math.max(2, (range + 32) >> 6);
        for (int i = 0; i < stats.length; i += 4) {
            stats[i + A_] = a0;
            stats[i + B_] = 0;
            stats[i + C_] = 0;
            stats[i + N_] = 1;
        }
        nn[0] = 0;
        nn[1] = 0;
        runIndex = 0;
    }

    int runIndex() {
        return runIndex;
    }

    void runIndex(int value) {
        runIndex = value;
    }

    /** Decodes one line of one component into {@code cur}, predicting from {@code prev}. */
    void decodeLine(int[] prev, int[] cur, int width) throws DicomException {
        prev[width + 1] = prev[width];
        cur[0] = prev[1];
        final byte[] quant = this.quant;
        final int offset = maxVal;
        int x = 1;
        while (x <= width) {
            int ra = cur[x - 1];
            int rb = prev[x];
            int rc = prev[x - 1];
            int rd = prev[x + 1];
            int q = 81 * quant[rd - rb + offset] + 9 * quant[rb - rc + offset] + quant[rc - ra + offset];
            if (q == 0) {
                x = decodeRun(prev, cur, x, width);
            } else {
                cur[x] = decodeRegular(q, predict(ra, rb, rc));
                x++;
            }
        }
    }

    /** Decodes one line of every component of a sample-interleaved scan (ILV 2). */
    void decodeInterleavedLine(int[][] prev, int[][] cur, int width) throws DicomException {
        int comps = cur.length;
        for (int i = 0; i < comps; i++) {
            prev[i][width + 1] = prev[i][width];
            cur[i][0] = prev[i][1];
        }
        final byte[] quant = this.quant;
        final int offset = maxVal;
        if (contexts == null || contexts.length != comps) {
            contexts = new int[comps];
        }
        final int[] qs = contexts;
        int x = 1;
        while (x <= width) {
            boolean flat = true;
            for (int i = 0; i < comps; i++) {
                int[] p = prev[i];
                int ra = cur[i][x - 1];
                int rb = p[x];
                int rc = p[x - 1];
                int q = 81 * quant[p[x + 1] - rb + offset] + 9 * quant[rb - rc + offset] + quant[rc - ra + offset];
                qs[i] = q;
                flat &= q == 0;
            }
            if (flat) {
                x = decodeInterleavedRun(prev, cur, x, width);
            } else {
                for (int i = 0; i < comps; i++) {
                    int[] p = prev[i];
                    cur[i][x] = decodeRegular(qs[i], predict(cur[i][x - 1], p[x], p[x - 1]));
                }
                x++;
            }
        }
    }

    /** Median edge detector (T.87 A.4.1). */
    private static int predict(int ra, int rb, int rc) {
        if (rc >= Math.max(ra, rb)) {
            return Math.min(ra, rb);
        }
        if (rc <= Math.min(ra, rb)) {
            return Math.max(ra, rb);
        }
        return ra + rb - rc;
    }

    /** Regular mode (T.87 A.4 to A.6) for context {@code q} (signed) and MED prediction {@code px}. */
    private int decodeRegular(int q, int px) throws DicomException {
        int sign = q >> 31;
        int at = ((q ^ sign) - sign) << 2;
        final int[] stats = this.stats;
        int cq = stats[at + C_];
        px += (cq ^ sign) - sign;
        if (px < 0) {
            px = 0;
        } else if (px > maxVal) {
            px = maxVal;
        }
        int nq = stats[at + N_];
        int aq = stats[at + A_];
        int k = golombParameter(nq, aq);
        int merr = decodeValue(k, limit);
        int err = (merr >>> 1) ^ -(merr & 1);
        int bq = stats[at + B_];
        if (k == 0 && near == 0 && 2 * bq <= -nq) {
            err = ~err;
        }
        // context update (A.6.1) and bias correction (A.6.2)
        bq += err * nearMul;
        aq += Math.abs(err);
        if (nq == reset) {
            aq >>= 1;
            bq >>= 1;
            nq >>= 1;
        }
        nq++;
        if (bq + nq <= 0) {
            bq += nq;
            if (bq <= -nq) {
                bq = -nq + 1;
            }
            if (cq > MIN_C) {
                stats[at + C_] = cq - 1;
            }
        } else if (bq > 0) {
            bq -= nq;
            if (bq > 0) {
                bq = 0;
            }
            if (cq < MAX_C) {
                stats[at + C_] = cq + 1;
            }
        }
        stats[at + A_] = aq;
        stats[at + B_] = bq;
        stats[at + N_] = nq;
        return reconstruct(px, (err ^ sign) - sign);
    }

    /**
     * The least k with N·2^k ≥ A (T.87 A.5.1), from the bit lengths of N and A; at most 24, which only corrupt
     * data reaches.
     */
    private static int golombParameter(int nq, int aq) {
        int k = Integer.numberOfLeadingZeros(nq) - Integer.numberOfLeadingZeros(aq);
        if (k <= 0) {
            return nq < aq ? 1 : 0;
        }
        if (nq << k < aq) {
            k++;
        }
        return Math.min(k, 24);
    }

    /** Px + Errval·(2·NEAR+1), reduced modulo the range and clamped (T.87 A.4.5). */
    private int reconstruct(int px, int err) {
        int rx = px + err * nearMul;
        if (rx < -near) {
            rx += rangeMul;
        } else if (rx > maxVal + near) {
            rx -= rangeMul;
        }
        if (rx < 0) {
            return 0;
        }
        return Math.min(rx, maxVal);
    }

    /** A Golomb code word of parameter k with LIMIT {@code lim} (T.87 A.5.3). */
    private int decodeValue(int k, int lim) throws DicomException {
        int escape = lim - qbpp - 1;
        int high = in.readUnary(escape);
        if (high == escape) {
            return in.readBits(qbpp) + 1;
        }
        return (high << k) | in.readBits(k);
    }

    /**
     * The run length (T.87 A.7.1) from position x: how many samples repeat Ra, up to the end of the line.
     */
    private int runLength(int remaining) throws DicomException {
        int count = 0;
        while (in.readBit() == 1) {
            int segment = 1 << J[runIndex];
            int take = Math.min(segment, remaining - count);
            count += take;
            if (take == segment && runIndex < 31) {
                runIndex++;
            }
            if (count == remaining) {
                return count;
            }
        }
        count += in.readBits(J[runIndex]);
        if (count > remaining) {
            throw new DicomException("JPEG-LS scan data is corrupt: run of " + count + " samples exceeds the line");
        }
        return count;
    }

    private int decodeRun(int[] prev, int[] cur, int x, int width) throws DicomException {
        int ra = cur[x - 1];
        int remaining = width - x + 1;
        int count = runLength(remaining);
        Arrays.fill(cur, x, x + count, ra);
        x += count;
        if (count == remaining) {
            return x;
        }
        int rb = prev[x];
        if (Math.abs(ra - rb) <= near) {
            cur[x] = reconstruct(ra, decodeInterruption(1));
        } else {
            int err = decodeInterruption(0);
            cur[x] = reconstruct(rb, rb < ra ? -err : err);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return x + 1;
    }

    /**
     * A run over whole pixels of a sample-interleaved scan. As CharLS (which encodes what DICOM holds), every
     * component of the interruption pixel uses the RItype 0 context, predicted from Rb.
     */
    private int decodeInterleavedRun(int[][] prev, int[][] cur, int x, int width) throws DicomException {
        int remaining = width - x + 1;
        int count = runLength(remaining);
        int comps = cur.length;
        for (int i = 0; i < comps; i++) {
            Arrays.fill(cur[i], x, x + count, cur[i][x - 1]);
        }
        x += count;
        if (count == remaining) {
            return x;
        }
        for (int i = 0; i < comps; i++) {
            int ra = cur[i][x - 1];
            int rb = prev[i][x];
            int err = decodeInterruption(0);
            cur[i][x] = reconstruct(rb, rb < ra ? -err : err);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return x + 1;
    }

    /** The error of a run interruption sample of type {@code riType} (T.87 A.7.2), updating its context. */
    private int decodeInterruption(int riType) throws DicomException {
        int at = (CONTEXTS + riType) << 2;
        int nq = stats[at + N_];
        int aq = stats[at + A_];
        int temp = riType == 1 ? aq + (nq >> 1) : aq;
        int k = golombParameter(nq, temp);
        int emErr = decodeValue(k, limit - J[runIndex] - 1);
        int t = emErr + riType;
        int map = t & 1;
        int magnitude = (t + map) >> 1;
        boolean negative = (k != 0 || 2 * nn[riType] >= nq) == (map == 1);
        int err = negative ? -magnitude : magnitude;
        if (err < 0) {
            nn[riType]++;
        }
        aq += (emErr + 1 - riType) >> 1;
        if (nq == reset) {
            aq >>= 1;
            nq >>= 1;
            nn[riType] >>= 1;
        }
        stats[at + A_] = aq;
        stats[at + N_] = nq + 1;
        return err;
    }
}
