package io.secondlook.dicom.pixel;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.Tag;
import java.util.List;

/** The entry points for pixels: canonical frame bytes (for hashing and codecs) and grayscale frames for display. */
public final class PixelPipeline {
    private static final int SHARED_FUNCTIONAL_GROUPS = 0x52009229;
    private static final int PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;
    private static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
    private static final int FRAME_VOI_LUT_SEQUENCE = 0x00289132;

    private PixelPipeline() {
    }

    /**
     * One frame as canonical bytes: row-major, colour samples interleaved per pixel, each sample an unsigned
     * little-endian integer of Bits Allocated width (8/16/32; 1-bit data as one byte per sample), masked to
     * Bits Stored (sign-extended two's complement for signed data), no LUTs applied.
     */
    public static byte[] canonicalFrameBytes(DicomFile file, int frameIndex) throws DicomException {
        return PixelDataReader.canonicalFrame(file, frameIndex);
    }

    /**
     * One frame in modality units with the window the file suggests (else the value range). Colour images give
     * their luminance (Y of YBR, 0.299 R + 0.587 G + 0.114 B of RGB); palette colour images their indices.
     */
    public static GrayscaleFrame grayscale(DicomFile file, int frameIndex) throws DicomException {
        Dataset ds = file.dataset();
        ImagePixelDescription d = PixelDataReader.decodedDescription(file);
        byte[] canonical = canonicalFrameBytes(file, frameIndex);
        int pixels = d.pixelsPerFrame();
        float[] values = new float[pixels];
        boolean floats = ds.get(Tag.PixelData) == null
                && (ds.contains(Tag.FloatPixelData) || ds.contains(Tag.DoubleFloatPixelData));
        Dataset frameGroups = functionalGroups(ds, frameIndex);
        ModalityLut lut = floats ? ModalityLut.IDENTITY : modalityLut(ds, frameGroups);
        int spp = d.samplesPerPixel();
        int size = floats ? (ds.contains(Tag.FloatPixelData) ? 4 : 8) : d.canonicalBytesPerSample();
        boolean ybr = d.photometric().startsWith("YBR");
        for (int p = 0; p < pixels; p++) {
            int base = p * spp;
            double v;
            if (spp >= 3 && !ybr) {
                v = 0.299 * sample(canonical, base, size, d, floats) + 0.587 * sample(canonical, base + 1, size, d, floats)
                        + 0.114 * sample(canonical, base + 2, size, d, floats);
            } else {
                v = sample(canonical, base, size, d, floats);
            }
            values[p] = lut.apply(v);
        }
        VoiWindow window = fileWindow(ds, frameGroups);
        if (window == null) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            window = new VoiWindow((min + max) / 2.0, Math.max(1, max - min), "Full range");
        }
        return new GrayscaleFrame(d.columns(), d.rows(), values, window, d.monochrome1());
    }

    private static double sample(byte[] b, int index, int size, ImagePixelDescription d, boolean floats) {
        int p = index * size;
        if (floats) {
            long bits = 0;
            for (int i = size - 1; i >= 0; i--) {
                bits = (bits << 8) | (b[p + i] & 0xFF);
            }
            return size == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
        }
        switch (size) {
            case 1:
                return d.signed() && d.bitsAllocated() > 1 ? b[p] : b[p] & 0xFF;
            case 2: {
                int v = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
                return d.signed() ? (short) v : v;
            }
            default: {
                int v = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
                return d.signed() ? v : v & 0xFFFFFFFFL;
            }
        }
    }

    /** Shared and per-frame functional groups merged into one data set (enhanced multi-frame objects), or null. */
    private static Dataset functionalGroups(Dataset ds, int frameIndex) {
        List<Dataset> shared = ds.getSequence(SHARED_FUNCTIONAL_GROUPS);
        List<Dataset> perFrame = ds.getSequence(PER_FRAME_FUNCTIONAL_GROUPS);
        if (shared.isEmpty() && perFrame.isEmpty()) {
            return null;
        }
        Dataset merged = new Dataset();
        if (!shared.isEmpty()) {
            shared.get(0).elements().forEach(merged::put);
        }
        if (frameIndex < perFrame.size()) {
            perFrame.get(frameIndex).elements().forEach(merged::put);
        }
        return merged;
    }

    private static ModalityLut modalityLut(Dataset ds, Dataset groups) {
        if (groups != null) {
            List<Dataset> transform = groups.getSequence(PIXEL_VALUE_TRANSFORMATION_SEQUENCE);
            if (!transform.isEmpty() && transform.get(0).contains(Tag.RescaleSlope)) {
                return ModalityLut.from(transform.get(0));
            }
        }
        return ModalityLut.from(ds);
    }

    private static VoiWindow fileWindow(Dataset ds, Dataset groups) {
        Dataset source = ds;
        if (!ds.contains(Tag.WindowCenter) && groups != null && !groups.getSequence(FRAME_VOI_LUT_SEQUENCE).isEmpty()) {
            source = groups.getSequence(FRAME_VOI_LUT_SEQUENCE).get(0);
        }
        double[] centers = source.getDoubles(Tag.WindowCenter);
        double[] widths = source.getDoubles(Tag.WindowWidth);
        if (centers.length == 0 || widths.length == 0 || !(widths[0] >= 1)) {
            return null;
        }
        String[] names = source.getStrings(Tag.WindowCenterWidthExplanation);
        return new VoiWindow(centers[0], widths[0], names.length > 0 && !names[0].isEmpty() ? names[0] : "From file");
    }
}
