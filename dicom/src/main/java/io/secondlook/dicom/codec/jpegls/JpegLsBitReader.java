package io.secondlook.dicom.codec.jpegls;

import io.secondlook.dicom.DicomException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the entropy-coded bits of a JPEG-LS scan, most significant bit first, through a 64-bit cache. After a
 * 0xFF byte the encoder stuffs a 0 bit (T.87 A.1), so that byte contributes only 7 bits; 0xFF followed by a
 * byte with its top bit set is a marker and ends the data. Past the end the reader supplies zero bits, which
 * no valid code word ends in, so a truncated scan fails at the next code word instead of running on.
 */
final class JpegLsBitReader {
    /** Zero bytes the decoder may read past the data before the scan is called truncated. */
    private static final int MAX_OVERRUN = 16;

    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] data;
    private final int end;
    private int pos;
    private long cache;
    private int bits;
    private boolean afterFf;
    private boolean atMarker;
    private int overrun;

    JpegLsBitReader(byte[] data, int start, int end) {
        this.data = data;
        this.end = end;
        this.pos = start;
    }

    /** Position of the next unread byte when the reader stopped, for the marker search after a scan. */
    int position() {
        return pos;
    }

    private void fill() throws DicomException {
        if (!afterFf && !atMarker && pos + 8 <= end) {
            long next = (long) BIG_ENDIAN_LONG.get(data, pos);
            long inverted = ~next;
            if (((inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L) == 0) {
                // no 0xFF among the next 8 bytes: append as many whole bytes as fit
                int n = (64 - bits) >> 3;
                cache |= (next >>> (64 - 8 * n)) << (64 - 8 * n - bits);
                bits += 8 * n;
                pos += n;
                return;
            }
        }
        while (bits <= 56) {
            if (atMarker || pos >= end) {
                if (++overrun > MAX_OVERRUN) {
                    throw new DicomException("JPEG-LS scan data ends early (truncated codestream)");
                }
                bits += 8;
                continue;
            }
            int b = data[pos] & 0xFF;
            if (afterFf) {
                if (b >= 0x80) {
                    atMarker = true;
                    continue;
                }
                cache |= (long) b << (57 - bits);
                bits += 7;
            } else {
                cache |= (long) b << (56 - bits);
                bits += 8;
            }
            afterFf = b == 0xFF;
            pos++;
        }
    }

    int readBit() throws DicomException {
        if (bits <= 0) {
            fill();
        }
        int bit = (int) (cache >>> 63);
        cache <<= 1;
        bits--;
        return bit;
    }

    /** Reads {@code n} (0..24) bits as an unsigned value. */
    int readBits(int n) throws DicomException {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
        }
        int value = (int) (cache >>> (64 - n));
        cache <<= n;
        bits -= n;
        return value;
    }

    /**
     * Counts the 0 bits before the next 1 bit and consumes them with the 1 (the unary part of a Golomb code).
     *
     * @param max the most zeros a valid code word can start with (below 57)
     */
    int readUnary(int max) throws DicomException {
        if (bits < 57) {
            fill();
        }
        int zeros = Long.numberOfLeadingZeros(cache);
        if (zeros > max) {
            throw new DicomException("JPEG-LS scan data is corrupt: Golomb code longer than LIMIT");
        }
        cache <<= zeros + 1;
        bits -= zeros + 1;
        return zeros;
    }

    /**
     * Finds the marker that follows the entropy-coded data (the bytes the reader already consumed hold no
     * marker), checking it is there at all.
     *
     * @return offset of the 0xFF that starts the marker
     */
    int findMarker(int from) throws DicomException {
        for (int i = Math.max(from, 0); i + 1 < end; i++) {
            if (data[i] == (byte) 0xFF && (data[i + 1] & 0xFF) >= 0x80) {
                return i;
            }
        }
        throw new DicomException("JPEG-LS scan data is not followed by a marker (truncated codestream)");
    }

    /** Continues after a restart marker at {@code next}: the cache and stuffing state start afresh. */
    void restartAt(int next) {
        pos = next;
        cache = 0;
        bits = 0;
        afterFf = false;
        atMarker = false;
        overrun = 0;
    }
}
