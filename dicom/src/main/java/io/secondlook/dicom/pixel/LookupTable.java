package io.secondlook.dicom.pixel;

import io.secondlook.dicom.Dataset;
import java.util.Optional;

/**
 * A LUT as the standard encodes it (PS3.3 C.11.1.1): a descriptor (entries, first input value mapped, bits per
 * entry) and its data. Inputs below the first mapped value take the first entry, above the last the last entry.
 *
 * @param explanation LUT Explanation (0028,3003), or "" when absent
 */
public record LookupTable(int firstMapped, int bits, int[] entries, String explanation) {
    static final int LUT_DESCRIPTOR = 0x00283002;
    static final int LUT_EXPLANATION = 0x00283003;
    static final int LUT_DATA = 0x00283006;

    public LookupTable {
        if (entries.length == 0) {
            throw new IllegalArgumentException("A LUT needs at least one entry");
        }
        explanation = explanation == null ? "" : explanation;
    }

    /** A LUT from a LUT Descriptor / LUT Data item (Modality or VOI LUT Sequence item); empty when incomplete. */
    public static Optional<LookupTable> fromItem(Dataset item, boolean signedInput) {
        return decode(item.getInts(LUT_DESCRIPTOR), item.getBytes(LUT_DATA), signedInput,
                item.getString(LUT_EXPLANATION, ""));
    }

    /**
     * Decodes descriptor and data: 0 entries means 65536; the first mapped value is signed when the input is;
     * 8-bit entries may come one per byte (packed) or one per 16-bit word, both are accepted.
     */
    static Optional<LookupTable> decode(int[] descriptor, byte[] data, boolean signedInput, String explanation) {
        if (descriptor.length < 3 || data == null || data.length == 0) {
            return Optional.empty();
        }
        int count = (descriptor[0] & 0xFFFF) == 0 ? 65536 : descriptor[0] & 0xFFFF;
        // An SS descriptor already reads signed; a US one is signed only when the LUT input is.
        int first = signedInput ? (short) descriptor[1] : descriptor[1];
        int bits = descriptor[2];
        if (bits < 1 || bits > 16) {
            bits = 16;
        }
        int[] table = new int[count];
        boolean packedBytes = bits <= 8 && data.length < count * 2;
        for (int i = 0; i < count; i++) {
            if (packedBytes) {
                table[i] = i < data.length ? data[i] & 0xFF : 0;
            } else if (2 * i + 1 < data.length) {
                table[i] = (data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8;
            }
        }
        return Optional.of(new LookupTable(first, bits, table, explanation));
    }

    public int size() {
        return entries.length;
    }

    /** The largest value an entry can hold: 2^bits - 1. */
    public int maxOutput() {
        return (1 << bits) - 1;
    }

    public int lookup(double input) {
        double i = Math.floor(input) - firstMapped;
        if (i <= 0) {
            return entries[0];
        }
        return i >= entries.length - 1 ? entries[entries.length - 1] : entries[(int) i];
    }
}
