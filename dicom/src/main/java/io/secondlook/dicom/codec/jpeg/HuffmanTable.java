package io.secondlook.dicom.codec.jpeg;

import io.secondlook.dicom.DicomException;

/**
 * A Huffman table from a DHT segment (T.81 C), with a 9-bit lookahead table for the common short codes and a wider
 * one that decodes a short code together with its extra bits, as a DCT decoder reads them (T.81 F.2.2).
 */
final class HuffmanTable {
    static final int LOOKAHEAD = 9;
    static final int VALUE_LOOKAHEAD = 11;
    /** {@link #valueLookup} flag: DC difference 0, or an AC end of block (run 0..14 with size 0). */
    static final int ZERO_OR_END = 0x100;

    /** Entry per 9-bit prefix: (code length << 8) | symbol, or 0 when the code is longer than 9 bits. */
    final int[] lookup = new int[1 << LOOKAHEAD];
    /** Largest code of each length 1..16, -1 where there is none; index 17 is a sentinel. */
    final int[] maxCode = new int[18];
    /** Symbol index minus first code, per length. */
    final int[] valueOffset = new int[17];
    final int[] symbols;
    /**
     * Entry per 11-bit prefix whose code and extra bits fit in it: (value << 16) | (run << 4) | bits used, where
     * value is the sign-extended DC difference or AC coefficient, with {@link #ZERO_OR_END} for size 0 symbols
     * other than ZRL (run 15); 0 where the prefix holds no whole value (the caller decodes it the long way).
     */
    final int[] valueLookup = new int[1 << VALUE_LOOKAHEAD];

    /** @param ac whether symbols are run/size pairs (AC) rather than sizes (DC, lossless) */
    HuffmanTable(int[] counts, int[] symbols, boolean ac) throws DicomException {
        this.symbols = symbols;
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            valueOffset[len] = k - code;
            for (int i = 0; i < counts[len]; i++, k++, code++) {
                if (code >= 1 << len) {
                    throw new DicomException("JPEG Huffman table is invalid: too many codes of length " + len);
                }
                if (len <= LOOKAHEAD) {
                    int shift = LOOKAHEAD - len;
                    int entry = (len << 8) | symbols[k];
                    for (int j = 0; j < 1 << shift; j++) {
                        lookup[(code << shift) | j] = entry;
                    }
                }
                addValues(code, len, symbols[k], ac);
            }
            maxCode[len] = counts[len] == 0 ? -1 : code - 1;
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
    }

    private void addValues(int code, int len, int symbol, boolean ac) {
        int run = ac ? symbol >> 4 : 0;
        int size = ac ? symbol & 15 : symbol;
        if (size > 15 || len + size > VALUE_LOOKAHEAD) {
            return;
        }
        int free = VALUE_LOOKAHEAD - len - size;
        int base = code << (VALUE_LOOKAHEAD - len);
        for (int extra = 0; extra < 1 << size; extra++) {
            int entry;
            if (size == 0) {
                entry = (run == 15 ? run << 4 : ZERO_OR_END) | len;
            } else {
                int value = extra < 1 << (size - 1) ? extra - (1 << size) + 1 : extra;
                entry = (value << 16) | (run << 4) | (len + size);
            }
            int first = base | (extra << free);
            for (int j = 0; j < 1 << free; j++) {
                valueLookup[first | j] = entry;
            }
        }
    }
}
