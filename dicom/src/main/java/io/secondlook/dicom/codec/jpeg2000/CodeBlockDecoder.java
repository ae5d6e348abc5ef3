package io.secondlook.dicom.codec.jpeg2000;

import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.E;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.E_NEGATIVE;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.INITIAL;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.MR_FIRST_NO_NEIGHBOUR;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.MR_FIRST_WITH_NEIGHBOUR;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.MR_LATER;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.N;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.NE;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.NEIGHBOURS;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.NEXT_LPS;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.NEXT_MPS;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.NW;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.N_NEGATIVE;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.QE;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.REFINED;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.RUN_LENGTH;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.S;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.SC;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.SE;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.SIGNIFICANT;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.SW;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.S_NEGATIVE;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.UNIFORM;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.VISITED;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.W;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.W_NEGATIVE;
import static io.secondlook.dicom.codec.jpeg2000.Tier1Contexts.signIndex;

import java.util.Arrays;
import jj2000.j2k.decoder.DecoderSpecs;
import jj2000.j2k.entropy.decoder.CodedCBlkDataSrcDec;
import jj2000.j2k.entropy.decoder.DecLyrdCBlk;
import jj2000.j2k.entropy.decoder.EntropyDecoder;
import jj2000.j2k.image.DataBlk;
import jj2000.j2k.image.DataBlkInt;
import jj2000.j2k.wavelet.Subband;
import jj2000.j2k.wavelet.synthesis.SubbandSyn;

/**
 * EBCOT tier-1 decoding (ITU-T T.800 Annex D) of the code-blocks JJ2000's packet reader delivers, in place of
 * JJ2000's StdEntropyDecoder and giving the same samples: sign-magnitude ints with the magnitude's top bit-plane at
 * bit {@code 30 - skipMSBP}, each decoded value set to the middle of its remaining interval, and JJ2000's error
 * handling (segmentation symbols, predictable termination: the bit-plane in error is concealed). Every segment
 * length is checked against the code-block's bytes; bytes past a segment read as 0xFF, as the standard says.
 */
final class CodeBlockDecoder extends EntropyDecoder {
    private static final int BYPASS = 1;
    private static final int RESET_CONTEXTS = 2;
    private static final int TERMINATE_EACH_PASS = 4;
    private static final int VERTICALLY_CAUSAL = 8;
    private static final int PREDICTABLE_TERMINATION = 16;
    private static final int SEGMENTATION_SYMBOLS = 32;
    private static final int MQ_CODED_BIT_PLANES = 4; // before the arithmetic coder is bypassed
    private static final int SEGMENTATION_SYMBOL = 0b1010;

    private final DecoderSpecs specs;
    private final int[] contexts = new int[Tier1Contexts.CONTEXTS];
    private DecLyrdCBlk coded;
    private int options;
    /** One word per stripe column, four 16-bit lanes of {@link Tier1Contexts} flags, with a border all round. */
    private long[] columns = new long[0];
    private int stride;
    private int width;
    private int height;
    private int[] samples;
    private byte[] zeroCoding;

    // the segment being read: code-block bytes [position, end) then 0xFF for ever
    private byte[] bytes;
    private int position;
    private int end;
    // MQ decoder registers (Annex C.3)
    private int a;
    private int c;
    private int ct;
    private boolean markerReached;
    // raw (bypass) bit reader: the current byte (-1 past the end) and the next bit's position in it
    private int rawByte;
    private int rawBit;

    CodeBlockDecoder(CodedCBlkDataSrcDec source, DecoderSpecs specs) {
        super(source);
        this.specs = specs;
    }

    @Override
    public DataBlk getInternCodeBlock(int c, int m, int n, SubbandSyn subband, DataBlk block) {
        return getCodeBlock(c, m, n, subband, block);
    }

    @Override
    public DataBlk getCodeBlock(int component, int m, int n, SubbandSyn subband, DataBlk block) {
        coded = src.getCodeBlock(component, m, n, subband, 1, -1, coded);
        options = (Integer) specs.ecopts.getTileCompVal(tIdx, component);
        DataBlk out = block == null ? new DataBlkInt() : block;
        out.progressive = coded.prog;
        out.ulx = coded.ulx;
        out.uly = coded.uly;
        out.w = coded.w;
        out.h = coded.h;
        out.offset = 0;
        out.scanw = coded.w;
        int[] data = (int[]) out.getData();
        if (data == null || data.length < coded.w * coded.h) {
            data = new int[coded.w * coded.h];
            out.setData(data);
        } else {
            Arrays.fill(data, 0);
        }
        if (coded.nl > 0 && coded.nTrunc > 0) {
            decode(data, subband.orientation);
        }
        return out;
    }

    private void decode(int[] data, int orientation) {
        width = coded.w;
        height = coded.h;
        samples = data;
        stride = width + 2;
        int size = stride * ((height + 3) / 4 + 2);
        if (columns.length < size) {
            columns = new long[size];
        } else {
            Arrays.fill(columns, 0, size, 0);
        }
        zeroCoding = switch (orientation) {
            case Subband.WT_ORIENT_HL -> Tier1Contexts.ZC_HL;
            case Subband.WT_ORIENT_HH -> Tier1Contexts.ZC_HH;
            default -> Tier1Contexts.ZC_LL_LH;
        };
        int[] segments = coded.tsLengths;
        int segment = 0;
        bytes = coded.data;
        startSegment(0, segments == null ? coded.dl : segments[0]);
        resetContexts();
        boolean bypass = (options & BYPASS) != 0;
        boolean termAll = (options & TERMINATE_EACH_PASS) != 0;
        int firstRawPlane = 31 - MQ_CODED_BIT_PLANES - coded.skipMSBP; // bit-planes below it are raw with bypass
        int passes = coded.nTrunc;
        int plane = 30 - coded.skipMSBP;
        boolean error = false;
        if (plane >= 0 && passes > 0) {
            error = cleanupPass(plane, termAll || (bypass && firstRawPlane >= plane));
            passes--;
            if (!error) {
                plane--;
            }
        }
        if (!error) {
            while (plane >= 0 && passes > 0) {
                boolean raw = bypass && plane < firstRawPlane;
                if (raw) {
                    startRawSegment(nextSegment(segments, ++segment));
                    error = rawSignificancePass(plane, termAll);
                } else {
                    if (termAll) {
                        startSegment(end, nextSegment(segments, ++segment));
                    }
                    error = significancePass(plane, termAll);
                }
                passes--;
                if (passes <= 0 || error) {
                    break;
                }
                boolean refinementTerminated = termAll || (bypass && firstRawPlane > plane);
                if (raw) {
                    if (termAll) {
                        startRawSegment(nextSegment(segments, ++segment));
                    }
                    error = rawRefinementPass(plane, refinementTerminated);
                } else {
                    if (termAll) {
                        startSegment(end, nextSegment(segments, ++segment));
                    }
                    error = refinementPass(plane, refinementTerminated);
                }
                passes--;
                if (passes <= 0 || error) {
                    break;
                }
                if (termAll || raw) {
                    startSegment(end, nextSegment(segments, ++segment));
                }
                error = cleanupPass(plane, termAll || (bypass && firstRawPlane >= plane));
                passes--;
                if (error) {
                    break;
                }
                plane--;
            }
        }
        if (error) {
            conceal(plane);
        }
    }

    private static int nextSegment(int[] segments, int index) {
        if (segments == null || index >= segments.length) {
            throw new IllegalStateException("JPEG 2000 code-block has more coding passes than terminated segments");
        }
        return segments[index];
    }

    /** Tells the decoded bit-plane {@code plane} as lost: every sample back to what the planes above it said. */
    private void conceal(int plane) {
        int set = 1 << plane;
        int reset = -1 << plane;
        for (int i = 0, count = width * height; i < count; i++) {
            int v = samples[i];
            samples[i] = (v & reset & 0x7FFFFFFF) != 0 ? (v & reset) | set : 0;
        }
    }

    // ---- significance propagation, magnitude refinement and cleanup passes (D.3) ----

    private static final long LANES = 0x0001_0001_0001_0001L;
    private static final long ALL_SIGNIFICANT = SIGNIFICANT * LANES;
    private static final long ALL_VISITED = VISITED * LANES;
    private static final long ALL_NEIGHBOURS = NEIGHBOURS * LANES;

    private static int lane(long column, int row) {
        return (int) (column >>> (row << 4)) & 0xFFFF;
    }

    private boolean significancePass(int plane, boolean terminated) {
        int set = 1 << plane | (1 << plane) >> 1;
        boolean causal = (options & VERTICALLY_CAUSAL) != 0;
        long[] f = columns;
        byte[] zc = zeroCoding;
        for (int y0 = 0, first = stride + 1; y0 < height; y0 += 4, first += stride) {
            int rows = Math.min(4, height - y0);
            for (int x = 0, ci = first; x < width; x++, ci++) {
                long column = f[ci];
                if ((column & ALL_NEIGHBOURS) == 0 || (column & ALL_SIGNIFICANT) == ALL_SIGNIFICANT) {
                    continue; // nothing significant around, or nothing left to become significant
                }
                for (int r = 0; r < rows; r++) {
                    int state = lane(f[ci], r);
                    if ((state & SIGNIFICANT) == 0 && (state & NEIGHBOURS) != 0) {
                        if (decode(zc[state & NEIGHBOURS]) != 0) {
                            int sc = SC[signIndex(state)];
                            int negative = decode(sc & 0xF) ^ (sc >>> 4);
                            samples[(y0 + r) * width + x] = negative << 31 | set;
                            becomeSignificant(ci, r, negative, causal && r == 0);
                        }
                        f[ci] |= (long) VISITED << (r << 4);
                    }
                }
            }
        }
        return endOfMqPass(terminated);
    }

    private boolean rawSignificancePass(int plane, boolean terminated) {
        int set = 1 << plane | (1 << plane) >> 1;
        boolean causal = (options & VERTICALLY_CAUSAL) != 0;
        long[] f = columns;
        for (int y0 = 0, first = stride + 1; y0 < height; y0 += 4, first += stride) {
            int rows = Math.min(4, height - y0);
            for (int x = 0, ci = first; x < width; x++, ci++) {
                long column = f[ci];
                if ((column & ALL_NEIGHBOURS) == 0 || (column & ALL_SIGNIFICANT) == ALL_SIGNIFICANT) {
                    continue;
                }
                for (int r = 0; r < rows; r++) {
                    int state = lane(f[ci], r);
                    if ((state & SIGNIFICANT) == 0 && (state & NEIGHBOURS) != 0) {
                        if (rawBit() != 0) {
                            int negative = rawBit();
                            samples[(y0 + r) * width + x] = negative << 31 | set;
                            becomeSignificant(ci, r, negative, causal && r == 0);
                        }
                        f[ci] |= (long) VISITED << (r << 4);
                    }
                }
            }
        }
        return terminated && rawPaddingIsWrong();
    }

    private boolean refinementPass(int plane, boolean terminated) {
        int half = (1 << plane) >> 1;
        int keep = -1 << (plane + 1);
        long[] f = columns;
        int[] out = samples;
        for (int y0 = 0, first = stride + 1; y0 < height; y0 += 4, first += stride) {
            for (int x = 0, ci = first; x < width; x++, ci++) {
                long column = f[ci];
                long due = column & ALL_SIGNIFICANT & ~(column >>> 1); // significant, not visited in this plane
                if (due == 0) {
                    continue;
                }
                for (int r = 0, k = y0 * width + x; r < 4; r++, k += width) {
                    if ((due >>> ((r << 4) + 12) & 1) != 0) {
                        int state = lane(column, r);
                        int context = (state & REFINED) != 0 ? MR_LATER
                                : (state & NEIGHBOURS) != 0 ? MR_FIRST_WITH_NEIGHBOUR : MR_FIRST_NO_NEIGHBOUR;
                        out[k] = out[k] & keep | decode(context) << plane | half;
                    }
                }
                f[ci] = column | due << 2; // REFINED sits two bits above SIGNIFICANT
            }
        }
        return endOfMqPass(terminated);
    }

    private boolean rawRefinementPass(int plane, boolean terminated) {
        int half = (1 << plane) >> 1;
        int keep = -1 << (plane + 1);
        long[] f = columns;
        int[] out = samples;
        for (int y0 = 0, first = stride + 1; y0 < height; y0 += 4, first += stride) {
            for (int x = 0, ci = first; x < width; x++, ci++) {
                long column = f[ci];
                long due = column & ALL_SIGNIFICANT & ~(column >>> 1);
                if (due == 0) {
                    continue;
                }
                for (int r = 0, k = y0 * width + x; r < 4; r++, k += width) {
                    if ((due >>> ((r << 4) + 12) & 1) != 0) {
                        out[k] = out[k] & keep | rawBit() << plane | half;
                    }
                }
            }
        }
        // JJ2000 checks a raw refinement segment's padding only with predictable termination
        return terminated && (options & PREDICTABLE_TERMINATION) != 0 && rawPaddingIsWrong();
    }

    private boolean cleanupPass(int plane, boolean terminated) {
        int set = 1 << plane | (1 << plane) >> 1;
        boolean causal = (options & VERTICALLY_CAUSAL) != 0;
        long[] f = columns;
        byte[] zc = zeroCoding;
        for (int y0 = 0, first = stride + 1; y0 < height; y0 += 4, first += stride) {
            int rows = Math.min(4, height - y0);
            for (int x = 0, ci = first; x < width; x++, ci++) {
                long column = f[ci];
                int r = 0;
                if (rows == 4) {
                    if ((column & (ALL_SIGNIFICANT | ALL_VISITED | ALL_NEIGHBOURS)) == 0) {
                        if (decode(RUN_LENGTH) == 0) {
                            continue;
                        }
                        r = decode(UNIFORM) << 1;
                        r |= decode(UNIFORM);
                        int sc = SC[signIndex(lane(column, r))];
                        int negative = decode(sc & 0xF) ^ (sc >>> 4);
                        samples[(y0 + r) * width + x] = negative << 31 | set;
                        becomeSignificant(ci, r, negative, causal && r == 0);
                        r++;
                    } else if (((column | column >>> 1) & ALL_SIGNIFICANT) == ALL_SIGNIFICANT) {
                        f[ci] = column & ~ALL_VISITED; // every sample significant or coded in this plane already
                        continue;
                    }
                }
                for (; r < rows; r++) {
                    int state = lane(f[ci], r);
                    if ((state & (SIGNIFICANT | VISITED)) == 0 && decode(zc[state & NEIGHBOURS]) != 0) {
                        int sc = SC[signIndex(state)];
                        int negative = decode(sc & 0xF) ^ (sc >>> 4);
                        samples[(y0 + r) * width + x] = negative << 31 | set;
                        becomeSignificant(ci, r, negative, causal && r == 0);
                    }
                }
                f[ci] &= ~ALL_VISITED;
            }
        }
        boolean error = false;
        if ((options & SEGMENTATION_SYMBOLS) != 0) {
            int symbol = decode(UNIFORM) << 3;
            symbol |= decode(UNIFORM) << 2;
            symbol |= decode(UNIFORM) << 1;
            symbol |= decode(UNIFORM);
            error = symbol != SEGMENTATION_SYMBOL;
        }
        // as in JJ2000, a predictable-termination check replaces the segmentation symbol's verdict
        return endOfMqPass(terminated, error);
    }

    private boolean endOfMqPass(boolean terminated) {
        return endOfMqPass(terminated, false);
    }

    private boolean endOfMqPass(boolean terminated, boolean error) {
        if (terminated && (options & PREDICTABLE_TERMINATION) != 0) {
            error = predictableTerminationIsWrong();
        }
        if ((options & RESET_CONTEXTS) != 0) {
            resetContexts();
        }
        return error;
    }

    /**
     * Marks the sample in row {@code row} of stripe column {@code ci} significant and tells its eight neighbours
     * (lanes of this column and the two beside it, and for the stripe's first and last rows the stripes above and
     * below); in vertically causal mode a stripe's first row leaves the stripe above alone.
     */
    private void becomeSignificant(int ci, int row, int negative, boolean keepRowAbove) {
        long[] f = columns;
        int shift = row << 4;
        long self = (long) SIGNIFICANT << shift;
        long west = (long) (E | negative * E_NEGATIVE) << shift;
        long east = (long) (W | negative * W_NEGATIVE) << shift;
        if (row > 0) {
            self |= (long) (S | negative * S_NEGATIVE) << (shift - 16);
            west |= (long) SE << (shift - 16);
            east |= (long) SW << (shift - 16);
        } else if (!keepRowAbove) {
            int above = ci - stride;
            f[above] |= (long) (S | negative * S_NEGATIVE) << 48;
            f[above - 1] |= (long) SE << 48;
            f[above + 1] |= (long) SW << 48;
        }
        if (row < 3) {
            self |= (long) (N | negative * N_NEGATIVE) << (shift + 16);
            west |= (long) NE << (shift + 16);
            east |= (long) NW << (shift + 16);
        } else {
            int below = ci + stride;
            f[below] |= N | negative * N_NEGATIVE;
            f[below - 1] |= NE;
            f[below + 1] |= NW;
        }
        f[ci] |= self;
        f[ci - 1] |= west;
        f[ci + 1] |= east;
    }

    // ---- MQ decoder (C.3) ----

    private void resetContexts() {
        System.arraycopy(INITIAL, 0, contexts, 0, contexts.length);
    }

    /** A new segment of {@code length} bytes from {@code start} in the code-block's data; INITDEC. */
    private void startSegment(int start, int length) {
        checkSegment(start, length);
        position = start;
        end = start + length;
        markerReached = false;
        c = currentByte() << 16;
        byteIn();
        c <<= 7;
        ct -= 7;
        a = 0x8000;
    }

    private void checkSegment(int start, int length) {
        if (length < 0 || start + length > bytes.length || start + length < 0) {
            throw new IllegalStateException("JPEG 2000 code-block segment of " + length + " bytes at " + start
                    + " runs past the code-block's " + bytes.length + " bytes");
        }
    }

    private int currentByte() {
        return position < end ? bytes[position] & 0xFF : 0xFF;
    }

    private int nextByte() {
        return position + 1 < end ? bytes[position + 1] & 0xFF : 0xFF;
    }

    private void byteIn() {
        if (currentByte() == 0xFF) {
            int next = nextByte();
            if (next > 0x8F) {
                c += 0xFF00; // a marker (or the end): ones from here on, position stays
                ct = 8;
                markerReached = true;
            } else {
                position++;
                c += next << 9;
                ct = 7;
            }
        } else {
            position++;
            c += currentByte() << 8;
            ct = 8;
        }
    }

    /** DECODE (C.3.2): the MPS without renormalisation inline, exchanges and renormalisation out of line. */
    private int decode(int context) {
        int state = contexts[context];
        int qe = QE[state];
        int interval = a - qe;
        if ((c >>> 16) < qe) {
            return lpsExchange(context, state, qe, interval);
        }
        c -= qe << 16;
        a = interval;
        if ((interval & 0x8000) != 0) {
            return state & 1;
        }
        return mpsExchange(context, state, qe, interval);
    }

    private int lpsExchange(int context, int state, int qe, int interval) {
        int symbol;
        if (interval < qe) {
            symbol = state & 1;
            contexts[context] = NEXT_MPS[state];
        } else {
            symbol = 1 - (state & 1);
            contexts[context] = NEXT_LPS[state];
        }
        a = qe;
        renormalize();
        return symbol;
    }

    private int mpsExchange(int context, int state, int qe, int interval) {
        int symbol;
        if (interval < qe) {
            symbol = 1 - (state & 1);
            contexts[context] = NEXT_LPS[state];
        } else {
            symbol = state & 1;
            contexts[context] = NEXT_MPS[state];
        }
        renormalize();
        return symbol;
    }

    /** RENORMD: shifts A back to at least 0x8000 in one go while the bits in C last, reading bytes as they run out. */
    private void renormalize() {
        int shift = Integer.numberOfLeadingZeros(a) - 16;
        if (shift <= ct) {
            a <<= shift;
            c <<= shift;
            ct -= shift;
            return;
        }
        do {
            if (ct == 0) {
                byteIn();
            }
            int n = Math.min(ct, shift);
            a <<= n;
            c <<= n;
            ct -= n;
            shift -= n;
        } while (shift > 0);
    }

    /**
     * JJ2000's check of a predictable (ERTERM) termination: the decoder must stand at the terminating marker, and
     * the spare bits must decode as the LPS interval the encoder's termination policy leaves (T.800 D.4.2).
     */
    private boolean predictableTerminationIsWrong() {
        int count = ct;
        if (!markerReached) {
            if (currentByte() != 0xFF || count != 0 || nextByte() <= 0x8F) {
                return true;
            }
            count = 8;
        } else if (count == 1) {
            return false;
        } else if (count == 0) {
            count = 8;
        }
        int qe = 0x8000 >> (count - 1);
        return (c >>> 16) >= qe; // an MPS there: the bits were not the termination's
    }

    // ---- raw segments (arithmetic coding bypass, D.6) ----

    private void startRawSegment(int length) {
        checkSegment(end, length);
        position = end;
        end += length;
        rawByte = 0;
        rawBit = -1;
    }

    private int readRawByte() {
        return position < end ? bytes[position++] & 0xFF : -1;
    }

    /** The next bit; after a 0xFF byte the next byte's first bit is a stuffed zero and is skipped. */
    private int rawBit() {
        if (rawBit < 0) {
            rawBit = (rawByte & 0xFF) == 0xFF ? 6 : 7;
            rawByte = readRawByte();
        }
        return rawByte >> rawBit-- & 1;
    }

    /** JJ2000's check that a terminated raw segment ends in the alternating 0101 padding and no byte further. */
    private boolean rawPaddingIsWrong() {
        if (rawBit < 0 && (rawByte & 0xFF) == 0xFF) {
            rawByte = readRawByte();
            rawBit = 6;
        }
        if (rawBit >= 0) {
            int padding = rawByte & ((1 << (rawBit + 1)) - 1);
            if (padding != 0x55 >> (7 - rawBit)) {
                return true;
            }
        }
        if (rawByte != -1) {
            if (rawByte == 0xFF && rawBit == 0) {
                return (readRawByte() & 0xFF) >= 0x80;
            }
            return readRawByte() != -1;
        }
        return false;
    }
}
