package io.secondlook.dicom.pixel;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Palette Color Lookup Tables of a PALETTE COLOR image (PS3.3 C.7.6.3.1.5/6), normal or segmented
 * (C.7.9.2), with 8- or 16-bit entries. Indices outside the table take its first or last entry.
 */
public final class PaletteLut {
    private static final int[] DESCRIPTORS = {0x00281101, 0x00281102, 0x00281103};
    private static final int[] DATA = {0x00281201, 0x00281202, 0x00281203};
    private static final int[] SEGMENTED = {0x00281221, 0x00281222, 0x00281223};
    /** More entries than a 16-bit index can address means a corrupt segmented table. */
    private static final int MAX_ENTRIES = 65536;

    private final LookupTable[] channels;

    private PaletteLut(LookupTable[] channels) {
        this.channels = channels;
    }

    public static PaletteLut from(Dataset ds) throws DicomException {
        boolean signed = ds.getInt(io.secondlook.dicom.Tag.PixelRepresentation, 0) == 1;
        LookupTable[] channels = new LookupTable[3];
        for (int c = 0; c < 3; c++) {
            int[] descriptor = ds.getInts(DESCRIPTORS[c]);
            if (descriptor.length < 3) {
                throw new DicomException("PALETTE COLOR image without a complete Palette Color Lookup Table Descriptor "
                        + io.secondlook.dicom.Tag.toString(DESCRIPTORS[c]));
            }
            byte[] segmented = ds.getBytes(SEGMENTED[c]);
            byte[] data = ds.getBytes(DATA[c]);
            if (segmented != null && segmented.length > 0 && (data == null || data.length == 0)) {
                int bits = descriptor[2] == 8 ? 8 : 16;
                int[] expanded = expandSegmented(words(segmented, bits), bits);
                if (expanded.length == 0) {
                    throw new DicomException("Segmented Palette Color Lookup Table Data "
                            + io.secondlook.dicom.Tag.toString(SEGMENTED[c]) + " expands to no entries");
                }
                int first = signed ? (short) descriptor[1] : descriptor[1] & 0xFFFF;
                channels[c] = new LookupTable(first, bits, expanded, "");
            } else {
                int channel = c;
                channels[c] = LookupTable.decode(descriptor, data, signed, "").orElseThrow(() -> new DicomException(
                        "PALETTE COLOR image without Palette Color Lookup Table Data " + io.secondlook.dicom.Tag.toString(DATA[channel])));
            }
        }
        return new PaletteLut(channels);
    }

    /** Bits per entry of the red table (8 or 16). */
    public int bits() {
        return channels[0].bits();
    }

    /** The red, green and blue entries for an index, at the table's own bit depth. */
    public int[] lookup(int index) {
        return new int[] {channels[0].lookup(index), channels[1].lookup(index), channels[2].lookup(index)};
    }

    /** The colour for an index scaled to 8 bits per channel, packed ARGB. */
    public int argb(int index) {
        return ColorFrame.pack(to8(channels[0], index), to8(channels[1], index), to8(channels[2], index));
    }

    private static int to8(LookupTable t, int index) {
        // The high byte of wider entries, as dcmtk displays them.
        return t.bits() <= 8 ? t.lookup(index) : t.lookup(index) >> (t.bits() - 8);
    }

    private static int[] words(byte[] data, int bits) {
        if (bits == 8) {
            int[] out = new int[data.length];
            for (int i = 0; i < data.length; i++) {
                out[i] = data[i] & 0xFF;
            }
            return out;
        }
        int[] out = new int[data.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8;
        }
        return out;
    }

    /** Expands segmented LUT data (C.7.9.2): discrete (0), linear (1) and indirect (2) segments. */
    static int[] expandSegmented(int[] data, int bits) throws DicomException {
        List<Integer> lut = new ArrayList<>();
        expand(data, 0, Integer.MAX_VALUE, bits, lut, 0);
        return lut.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void expand(int[] data, int start, int maxSegments, int bits, List<Integer> lut, int depth) throws DicomException {
        if (depth > 2) {
            throw new DicomException("Segmented palette: an indirect segment points at another indirect segment");
        }
        int offset = start;
        int segments = 0;
        while (offset + 1 < data.length && segments < maxSegments) {
            int opcode = data[offset];
            int length = data[offset + 1];
            offset += 2;
            if (lut.size() + (long) length > MAX_ENTRIES && opcode != 2) {
                throw new DicomException("Segmented palette expands beyond " + MAX_ENTRIES + " entries");
            }
            switch (opcode) {
                case 0 -> {
                    if (offset + length > data.length) {
                        throw new DicomException("Segmented palette: discrete segment of " + length + " entries runs past the data");
                    }
                    for (int i = 0; i < length; i++) {
                        lut.add(data[offset + i]);
                    }
                    offset += length;
                }
                case 1 -> {
                    if (lut.isEmpty() || offset >= data.length) {
                        throw new DicomException("Segmented palette: linear segment without a start value");
                    }
                    int y0 = lut.get(lut.size() - 1);
                    int y1 = data[offset++];
                    for (int i = 1; i <= length; i++) {
                        lut.add((int) Math.rint(y0 + (double) (y1 - y0) * i / length));
                    }
                }
                case 2 -> {
                    if (lut.isEmpty()) {
                        throw new DicomException("Segmented palette: indirect segment first");
                    }
                    long target;
                    if (bits == 8) {
                        if (offset + 3 >= data.length) {
                            throw new DicomException("Segmented palette: truncated indirect segment");
                        }
                        target = (long) data[offset + 3] << 24 | data[offset + 2] << 16 | data[offset + 1] << 8 | data[offset];
                        offset += 4;
                    } else {
                        if (offset + 1 >= data.length) {
                            throw new DicomException("Segmented palette: truncated indirect segment");
                        }
                        target = (long) data[offset + 1] << 16 | data[offset];
                        offset += 2;
                    }
                    if (target >= data.length) {
                        throw new DicomException("Segmented palette: indirect segment offset " + target + " beyond the data");
                    }
                    expand(data, (int) target, length, bits, lut, depth + 1);
                }
                default -> throw new DicomException("Segmented palette: unknown segment type " + opcode + " at word " + (offset - 2));
            }
            segments++;
        }
    }
}
