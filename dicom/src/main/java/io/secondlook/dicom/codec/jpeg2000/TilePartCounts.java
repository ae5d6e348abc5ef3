package io.secondlook.dicom.codec.jpeg2000;

import static io.secondlook.dicom.codec.jpeg2000.J2kCodestream.u16;
import static io.secondlook.dicom.codec.jpeg2000.J2kCodestream.u32;

import io.secondlook.dicom.DicomException;
import java.util.HashMap;
import java.util.Map;

/**
 * Repairs the tile-part counts (TNsot of each SOT marker) of a JPEG 2000 codestream before JJ2000 reads it.
 * Kakadu writes TNsot = 0 ("unknown") on all but the last tile-part and some encoders write one too few; JJ2000
 * trusts the first SOT it sees and silently drops the remaining tile-parts (a blurred, low-resolution image), where
 * OpenJPEG counts them. The real count comes from following the Psot chain.
 */
final class TilePartCounts {
    private static final int SOT = 0xFF90;
    private static final int EOC = 0xFFD9;
    private static final int SOT_LENGTH = 12;

    private TilePartCounts() {
    }

    /**
     * The data (raw codestream or JP2 file) with consistent TNsot values; the same array when nothing changes.
     * @throws DicomException when a tile-part's length (Psot) runs past the end of the data: a truncated codestream,
     *         on which JJ2000 can loop for good in its packet-header reader
     */
    static byte[] repair(byte[] data) throws DicomException {
        int start = J2kCodestream.start(data);
        if (start < 0) {
            return data;
        }
        int first = firstTilePart(data, start);
        if (first < 0) {
            return data;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        int end = walk(data, first, counts, null);
        if (end < 0) {
            return data;
        }
        byte[] repaired = data.clone();
        boolean[] changed = {false};
        walk(repaired, first, counts, changed);
        return changed[0] ? repaired : data;
    }

    /**
     * Follows the SOT chain from {@code sot}; counts tile-parts per tile, or (with {@code changed}) writes the counts.
     * @return where the chain ends, or -1 when it is broken (then nothing is rewritten)
     */
    private static int walk(byte[] data, int sot, Map<Integer, Integer> counts, boolean[] changed) throws DicomException {
        int pos = sot;
        while (pos + SOT_LENGTH <= data.length && u16(data, pos) == SOT) {
            int tile = u16(data, pos + 4);
            long length = u32(data, pos + 6);
            if (changed == null) {
                counts.merge(tile, 1, Integer::sum);
            } else {
                int count = counts.get(tile);
                if ((data[pos + 11] & 0xFF) != count && count < 256) {
                    data[pos + 11] = (byte) count;
                    changed[0] = true;
                }
            }
            if (length == 0) {
                return data.length; // the last tile-part runs to EOC
            }
            if (length >= SOT_LENGTH && pos + length > data.length && changed == null) {
                throw new DicomException("JPEG 2000: tile-part " + (counts.get(tile) - 1) + " of tile " + tile + " needs "
                        + length + " bytes, only " + (data.length - pos) + " remain (truncated codestream)");
            }
            if (length < SOT_LENGTH || pos + length > data.length) {
                return -1;
            }
            pos += (int) length;
        }
        return pos + 2 <= data.length && u16(data, pos) == EOC ? pos : -1;
    }

    /** The first SOT after the main header's marker segments. */
    private static int firstTilePart(byte[] data, int soc) {
        int pos = soc + 2;
        while (pos + 4 <= data.length) {
            int marker = u16(data, pos);
            if (marker == SOT) {
                return pos;
            }
            if ((marker & 0xFF00) != 0xFF00) {
                return -1;
            }
            pos += 2 + u16(data, pos + 2);
        }
        return -1;
    }
}
