package io.secondlook.dicom.codec.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the bits of an entropy-coded segment, removing stuffed zero bytes. At a marker or the end of the data it
 * supplies zero bits, as libjpeg does for truncated data, so decoding loops stay bounded by the image size.
 */
final class EntropyReader {
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private final byte[] data;
    private final int end;
    private int pos;
    private long buffer;
    private int bits;
    private boolean atMarker;

    EntropyReader(byte[] data, int start) {
        this.data = data;
        this.end = data.length;
        this.pos = start;
    }

    /** Position of the next unread byte: the marker that ended the segment, when one was met. */
    int position() {
        return pos;
    }

    private void fill() {
        if (pos + 4 <= end && !atMarker) {
            int four = (int) BIG_ENDIAN_INT.get(data, pos);
            // no byte is FF, so nothing to unstuff and no marker: take all four at once
            if ((((four & 0x7F7F7F7F) + 0x01010101) & four & 0x80808080) == 0) {
                buffer = (buffer << 32) | (four & 0xFFFFFFFFL);
                bits += 32;
                pos += 4;
                return;
            }
        }
        while (bits <= 56) {
            int b = 0;
            if (!atMarker && pos < end) {
                b = data[pos] & 0xFF;
                if (b != 0xFF) {
                    pos++;
                } else {
                    int p = pos + 1;
                    while (p < end && data[p] == (byte) 0xFF) {
                        p++;
                    }
                    if (p < end && data[p] == 0) {
                        pos = p + 1;
                    } else {
                        atMarker = true;
                        b = 0;
                    }
                }
            }
            buffer = (buffer << 8) | b;
            bits += 8;
        }
    }

    /**
     * The next Huffman-coded symbol. At least 16 bits stay buffered afterwards, so that {@link #extend} can read
     * the symbol's extra bits without a refill.
     */
    int decode(HuffmanTable table) {
        if (bits < 32) {
            fill();
        }
        int entry = table.lookup[(int) (buffer >>> (bits - HuffmanTable.LOOKAHEAD)) & ((1 << HuffmanTable.LOOKAHEAD) - 1)];
        if (entry != 0) {
            bits -= entry >>> 8;
            return entry & 0xFF;
        }
        for (int len = HuffmanTable.LOOKAHEAD + 1; len <= 16; len++) {
            int code = (int) (buffer >>> (bits - len)) & ((1 << len) - 1);
            if (code <= table.maxCode[len]) {
                bits -= len;
                return table.symbols[table.valueOffset[len] + code];
            }
        }
        // libjpeg substitutes zero for an undecodable code and carries on
        bits -= 16;
        return 0;
    }

    /**
     * The next {@link HuffmanTable#valueLookup} entry, its bits consumed, when a short code and its extra bits
     * come next; else 0, nothing consumed.
     */
    int value(HuffmanTable table) {
        if (bits < 32) {
            fill();
        }
        int entry = table.valueLookup[(int) (buffer >>> (bits - HuffmanTable.VALUE_LOOKAHEAD))
                & ((1 << HuffmanTable.VALUE_LOOKAHEAD) - 1)];
        bits -= entry & 15;
        return entry;
    }

    /** The {@code s} (0..16) bits after a symbol from {@link #decode}, sign-extended as T.81 F.2.2.1 EXTEND. */
    int extend(int s) {
        if (s == 0) {
            return 0;
        }
        bits -= s;
        int v = (int) (buffer >>> bits) & ((1 << s) - 1);
        return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
    }

    /**
     * A lossless difference (T.81 H.1.2.2): category 16 means 32768 with no extra bits. Returns
     * {@link Integer#MIN_VALUE} for a category above 16.
     */
    int difference(HuffmanTable table) {
        int s = decode(table);
        if (s < 16) {
            return extend(s);
        }
        return s == 16 ? 32768 : Integer.MIN_VALUE;
    }

    /** Discards the buffered bits and skips the next restart marker (RST0..RST7) if it comes next. */
    void restart() {
        buffer = 0;
        bits = 0;
        int p = pos;
        while (p + 1 < end && !(data[p] == (byte) 0xFF && data[p + 1] != 0 && data[p + 1] != (byte) 0xFF)) {
            p++;
        }
        if (p + 1 < end && (data[p + 1] & 0xF8) == 0xD0) {
            pos = p + 2;
            atMarker = false;
        } else {
            pos = p;
            atMarker = true;
        }
    }
}
