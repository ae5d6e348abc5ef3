package io.secondlook.dicom.codec;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.EncapsulatedPixelData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits encapsulated Pixel Data into frames (PS3.5 A.4): by the Extended Offset Table when present, else the
 * Basic Offset Table, else one fragment per frame when the counts match, else a single frame made of every
 * fragment, else (several frames, more fragments, no table) by JPEG end-of-image markers.
 */
public final class EncapsulatedFrames {
    private static final int ITEM_HEADER = 8;

    private EncapsulatedFrames() {
    }

    /**
     * One frame, joining only its own fragments: a viewer paging through a long multi-frame object asks for each
     * frame in turn.
     *
     * @param extendedOffsetTable value of (7FE0,0001) as little-endian bytes, or null
     * @return the codestream of frame {@code index} (0-based)
     */
    public static byte[] frame(EncapsulatedPixelData pixels, int frames, int index, byte[] extendedOffsetTable)
            throws DicomException {
        if (index < 0 || index >= frames) {
            throw new DicomException("Frame " + (index + 1) + " does not exist (" + frames + " frames)");
        }
        int[] range = ranges(pixels, frames, extendedOffsetTable, index).get(0);
        return join(pixels.fragments(), range[0], range[1]);
    }

    public static List<byte[]> split(EncapsulatedPixelData pixels, int frames, byte[] extendedOffsetTable)
            throws DicomException {
        List<byte[]> out = new ArrayList<>(frames);
        for (int[] range : ranges(pixels, frames, extendedOffsetTable, -1)) {
            out.add(join(pixels.fragments(), range[0], range[1]));
        }
        return out;
    }

    /** Fragment index ranges [first, end) of every frame, or of frame {@code only} alone when it is not -1. */
    private static List<int[]> ranges(EncapsulatedPixelData pixels, int frames, byte[] extendedOffsetTable, int only)
            throws DicomException {
        List<byte[]> fragments = pixels.fragments();
        if (fragments.isEmpty()) {
            throw new DicomException("Encapsulated Pixel Data holds no fragments");
        }
        if (extendedOffsetTable != null && extendedOffsetTable.length >= 8 * frames) {
            return byOffsets(fragments, readOffsets(extendedOffsetTable, 8, frames), frames, "Extended Offset Table", only);
        }
        byte[] bot = pixels.basicOffsetTable();
        if (bot.length >= 4 * frames && frames > 1) {
            return byOffsets(fragments, readOffsets(bot, 4, frames), frames, "Basic Offset Table", only);
        }
        if (frames == 1) {
            return List.<int[]>of(new int[] {0, fragments.size()});
        }
        if (fragments.size() == frames) {
            return only >= 0 ? List.<int[]>of(new int[] {only, only + 1}) : byFragment(frames);
        }
        List<int[]> all = byEndOfImage(fragments, frames);
        return only >= 0 ? List.<int[]>of(all.get(only)) : all;
    }

    private static List<int[]> byFragment(int frames) {
        List<int[]> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            out.add(new int[] {f, f + 1});
        }
        return out;
    }

    private static long[] readOffsets(byte[] table, int width, int frames) {
        ByteBuffer buf = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        long[] offsets = new long[frames];
        for (int i = 0; i < frames; i++) {
            offsets[i] = width == 8 ? buf.getLong() : buf.getInt() & 0xFFFFFFFFL;
        }
        return offsets;
    }

    /** Offsets count bytes from the first fragment's item header, each fragment adding its 8-byte header. */
    private static List<int[]> byOffsets(List<byte[]> fragments, long[] offsets, int frames, String table, int only)
            throws DicomException {
        long[] starts = new long[fragments.size()];
        for (int i = 1; i < starts.length; i++) {
            starts[i] = starts[i - 1] + ITEM_HEADER + fragments.get(i - 1).length;
        }
        List<int[]> out = new ArrayList<>(only >= 0 ? 1 : frames);
        for (int f = only >= 0 ? only : 0; f < (only >= 0 ? only + 1 : frames); f++) {
            int first = indexOf(starts, offsets[f], table, f);
            int end = f + 1 < frames ? indexOf(starts, offsets[f + 1], table, f + 1) : fragments.size();
            if (end <= first) {
                throw new DicomException(table + " offsets are not increasing at frame " + (f + 1));
            }
            out.add(new int[] {first, end});
        }
        return out;
    }

    private static int indexOf(long[] starts, long offset, String table, int frame) throws DicomException {
        int i = Arrays.binarySearch(starts, offset);
        if (i < 0) {
            throw new DicomException(table + " offset " + offset + " of frame " + (frame + 1) + " is not the start of a fragment");
        }
        return i;
    }

    /** Without a table, a JPEG family frame ends at the fragment that ends with EOI (FFD9, maybe padded). */
    private static List<int[]> byEndOfImage(List<byte[]> fragments, int frames) throws DicomException {
        List<int[]> out = new ArrayList<>(frames);
        int start = 0;
        for (int i = 0; i < fragments.size() && out.size() < frames; i++) {
            if (endsWithEoi(fragments.get(i)) || i == fragments.size() - 1) {
                out.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        if (out.size() != frames) {
            throw new DicomException("Cannot tell the " + frames + " frames apart in " + fragments.size()
                    + " fragments: no offset table and no end-of-image markers");
        }
        return out;
    }

    private static boolean endsWithEoi(byte[] f) {
        int n = f.length;
        while (n > 0 && f[n - 1] == 0) {
            n--;
        }
        return n >= 2 && (f[n - 2] & 0xFF) == 0xFF && (f[n - 1] & 0xFF) == 0xD9;
    }

    private static byte[] join(List<byte[]> fragments, int from, int to) {
        if (to - from == 1) {
            return fragments.get(from);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            out.writeBytes(fragments.get(i));
        }
        return out.toByteArray();
    }
}
