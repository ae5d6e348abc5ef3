package io.secondlook.dicom.pixel;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomElement;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the overlay planes (groups 6000–601E) of an image for one frame: from Overlay Data, or from the unused
 * high bits of native Pixel Data (Overlay Bits Allocated > 1 at Overlay Bit Position, retired but still found).
 * Planes whose attributes are inconsistent or whose data is too short are left out.
 */
final class Overlays {
    private static final int ROWS = 0x0010;
    private static final int COLUMNS = 0x0011;
    private static final int FRAMES = 0x0015;
    private static final int DESCRIPTION = 0x0022;
    private static final int TYPE = 0x0040;
    private static final int ORIGIN = 0x0050;
    private static final int IMAGE_FRAME_ORIGIN = 0x0051;
    private static final int BITS_ALLOCATED = 0x0100;
    private static final int BIT_POSITION = 0x0102;
    private static final int LABEL = 0x1500;
    private static final int DATA = 0x3000;

    private Overlays() {
    }

    static List<Overlay> forFrame(DicomFile file, int frameIndex) {
        Dataset ds = file.dataset();
        List<Overlay> out = new ArrayList<>();
        for (int group = 0x6000; group <= 0x601E; group += 2) {
            int base = group << 16;
            int rows = ds.getInt(base | ROWS, 0);
            int columns = ds.getInt(base | COLUMNS, 0);
            if (rows <= 0 || columns <= 0) {
                continue;
            }
            int frames = Math.max(1, ds.getInt(base | FRAMES, 1));
            int firstFrame = Math.max(1, ds.getInt(base | IMAGE_FRAME_ORIGIN, 1));
            int overlayFrame = frameIndex - (firstFrame - 1);
            if (overlayFrame < 0 || overlayFrame >= frames) {
                continue;
            }
            int[] origin = ds.getInts(base | ORIGIN);
            byte[] data = ds.getBytes(base | DATA);
            int bitsAllocated = ds.getInt(base | BITS_ALLOCATED, 1);
            long pixels = (long) rows * columns;
            byte[] bits;
            boolean embedded = false;
            if (data != null && data.length > 0) {
                bits = unpack(data, overlayFrame * pixels, pixels);
            } else if (bitsAllocated > 1) {
                bits = fromPixelData(ds, rows, columns, frameIndex, ds.getInt(base | BIT_POSITION, -1));
                embedded = true;
            } else {
                bits = null;
            }
            if (bits == null) {
                continue;
            }
            out.add(new Overlay(group, rows, columns, origin.length > 0 ? origin[0] : 1, origin.length > 1 ? origin[1] : 1,
                    ds.getString(base | TYPE, "G"), ds.getString(base | DESCRIPTION, ""), ds.getString(base | LABEL, ""),
                    embedded, bits));
        }
        return out;
    }

    /** Bits packed little-endian, least significant bit first (as 1-bit Pixel Data); null when too short. */
    private static byte[] unpack(byte[] data, long firstBit, long count) {
        if (firstBit + count > (long) data.length * 8 || count > Integer.MAX_VALUE) {
            return null;
        }
        byte[] out = new byte[(int) count];
        for (int i = 0; i < count; i++) {
            long bit = firstBit + i;
            out[i] = (byte) ((data[(int) (bit >>> 3)] >>> (bit & 7)) & 1);
        }
        return out;
    }

    /** Bit {@code position} of each stored sample of native Pixel Data; the overlay must match the image size. */
    private static byte[] fromPixelData(Dataset ds, int rows, int columns, int frameIndex, int position) {
        DicomElement pixelData = ds.get(Tag.PixelData);
        ImagePixelDescription d = ImagePixelDescription.from(ds);
        if (pixelData == null || pixelData.isEncapsulated() || d.rows() != rows || d.columns() != columns
                || d.samplesPerPixel() != 1 || (d.bitsAllocated() != 8 && d.bitsAllocated() != 16)
                || position < 0 || position >= d.bitsAllocated()) {
            return null;
        }
        byte[] raw = pixelData.bytes();
        int bytes = d.bitsAllocated() / 8;
        long pixels = (long) rows * columns;
        long start = frameIndex * pixels * bytes;
        if (start + pixels * bytes > raw.length) {
            return null;
        }
        byte[] out = new byte[(int) pixels];
        for (int i = 0; i < pixels; i++) {
            int p = (int) (start + (long) i * bytes);
            int v = bytes == 1 ? raw[p] & 0xFF : (raw[p] & 0xFF) | (raw[p + 1] & 0xFF) << 8;
            out[i] = (byte) ((v >>> position) & 1);
        }
        return out;
    }
}
