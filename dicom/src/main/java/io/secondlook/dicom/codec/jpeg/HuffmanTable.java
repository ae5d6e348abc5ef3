package io.secondlook.dicom.codec.jpeg;

import io.secondlook.dicom.DicomException;

/** A Huffman table from a DHT segment (T.81 C), with a 9-bit lookahead table for the common short codes. */
final class HuffmanTable {
    static final int LOOKAHEAD = 9;

    /** Entry per 9-bit prefix: (code length << 8) | symbol, or 0 when the code is longer than 9 bits. */
    final int[] lookup = new int[1 << LOOKAHEAD];
    /** Largest code of each length 1..16, -1 where there is none; index 17 is a sentinel. */
    final int[] maxCode = new int[18];
    /** Symbol index minus first code, per length. */
    final int[] valueOffset = new int[17];
    final int[] symbols;

    HuffmanTable(int[] counts, int[] symbols) throws DicomException {
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
            }
            maxCode[len] = counts[len] == 0 ? -1 : code - 1;
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
    }
}
