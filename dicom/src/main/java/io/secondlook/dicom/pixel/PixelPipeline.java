package io.secondlook.dicom.pixel;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The entry points for pixels: canonical frame bytes (for hashing and codecs) and grayscale frames for display. */
public final class PixelPipeline {
    private static final int SHARED_FUNCTIONAL_GROUPS = 0x52009229;
    private static final int PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;
    private static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
    private static final int FRAME_VOI_LUT_SEQUENCE = 0x00289132;
    private static final int VOI_LUT_FUNCTION = 0x00281056;
    private static final int PRESENTATION_LUT_SHAPE = 0x20500020;
    private static final int PLANE_POSITION_SEQUENCE = 0x00209113;
    private static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
    private static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;

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
        if (spp == 1 && !floats && size == 2) {
            lut.applyToSamples16(canonical, d.signed(), values);
        } else {
            genericGrayscale(canonical, d, lut, floats, spp, size, ybr, values);
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
        return new GrayscaleFrame(d.columns(), d.rows(), values, window, d.monochrome1() || inversePresentation(ds));
    }

    /**
     * One frame for display in colour, 8 bits per channel: RGB as stored, YBR converted to RGB (PS3.3
     * C.7.6.3.1.2), PALETTE COLOR through its (possibly segmented) palette; grayscale images through their
     * default VOI ({@link #display}) as gray.
     */
    public static ColorFrame color(DicomFile file, int frameIndex) throws DicomException {
        ImagePixelDescription d = PixelDataReader.decodedDescription(file);
        if (d.monochrome()) {
            byte[] gray = display(file, frameIndex);
            int[] argb = new int[gray.length];
            for (int i = 0; i < gray.length; i++) {
                int v = gray[i] & 0xFF;
                argb[i] = ColorFrame.pack(v, v, v);
            }
            return new ColorFrame(d.columns(), d.rows(), argb);
        }
        PaletteLut palette = d.photometric().equals("PALETTE COLOR") ? PaletteLut.from(file.dataset()) : null;
        byte[] canonical = canonicalFrameBytes(file, frameIndex);
        return new ColorFrame(d.columns(), d.rows(), ColorRenderer.render(canonical, d, palette));
    }

    /**
     * One grayscale frame as 8-bit display values the way the file asks to show it: its first window (with its
     * VOI LUT Function), else its first VOI LUT Sequence table, else the full value range; inverted for
     * MONOCHROME1 or Presentation LUT Shape INVERSE.
     */
    public static byte[] display(DicomFile file, int frameIndex) throws DicomException {
        GrayscaleFrame frame = grayscale(file, frameIndex);
        Dataset groups = functionalGroups(file.dataset(), frameIndex);
        if (fileWindow(file.dataset(), groups) == null) {
            List<LookupTable> tables = voiLuts(file, frameIndex);
            if (!tables.isEmpty()) {
                return VoiLut.toDisplay(frame, tables.get(0));
            }
        }
        return VoiLut.toDisplay(frame, frame.defaultWindow());
    }

    /** Every window the file suggests for a frame (Window Center/Width pairs, with their VOI LUT Function). */
    public static List<VoiWindow> windows(DicomFile file, int frameIndex) {
        return windowsOf(windowSource(file.dataset(), functionalGroups(file.dataset(), frameIndex)));
    }

    private static List<VoiWindow> windowsOf(Dataset source) {
        double[] centers = source.getDoubles(Tag.WindowCenter);
        double[] widths = source.getDoubles(Tag.WindowWidth);
        String[] names = source.getStrings(Tag.WindowCenterWidthExplanation);
        VoiFunction function = VoiFunction.of(source.getString(VOI_LUT_FUNCTION));
        List<VoiWindow> out = new ArrayList<>();
        for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
            if (widths[i] > 0 && (widths[i] >= 1 || function != VoiFunction.LINEAR)) {
                String name = i < names.length && !names[i].isEmpty() ? names[i] : "From file";
                out.add(new VoiWindow(centers[i], widths[i], name, function));
            }
        }
        return out;
    }

    /** The VOI LUT Sequence tables for a frame (per-frame Frame VOI LUT groups first, then the top level). */
    public static List<LookupTable> voiLuts(DicomFile file, int frameIndex) {
        Dataset groups = functionalGroups(file.dataset(), frameIndex);
        if (groups != null && !groups.getSequence(FRAME_VOI_LUT_SEQUENCE).isEmpty()) {
            Dataset item = groups.getSequence(FRAME_VOI_LUT_SEQUENCE).get(0);
            List<LookupTable> tables = VoiLut.tables(item);
            if (!tables.isEmpty()) {
                return tables;
            }
        }
        return VoiLut.tables(file.dataset());
    }

    /** The overlay planes (60xx) that apply to a frame, from Overlay Data or embedded in Pixel Data. */
    public static List<Overlay> overlays(DicomFile file, int frameIndex) {
        return Overlays.forFrame(file, frameIndex);
    }

    /**
     * Where a frame lies: Plane Position / Plane Orientation / Pixel Measures functional groups (per-frame over
     * shared) for enhanced multi-frame objects, else the top-level Image Position/Orientation and Pixel Spacing.
     */
    public static FramePlane framePlane(DicomFile file, int frameIndex) {
        return framePlane(file.dataset(), frameIndex);
    }

    /** {@link #framePlane(DicomFile, int)} from a data set alone (a header read without its pixels). */
    public static FramePlane framePlane(Dataset ds, int frameIndex) {
        Dataset groups = functionalGroups(ds, frameIndex);
        double[] position = groupValues(groups, PLANE_POSITION_SEQUENCE, Tag.ImagePositionPatient, ds, 3);
        double[] orientation = groupValues(groups, PLANE_ORIENTATION_SEQUENCE, Tag.ImageOrientationPatient, ds, 6);
        double[] spacing = groupValues(groups, PIXEL_MEASURES_SEQUENCE, Tag.PixelSpacing, ds, 2);
        double[] thickness = groupValues(groups, PIXEL_MEASURES_SEQUENCE, Tag.SliceThickness, ds, 1);
        return new FramePlane(position, orientation, spacing, thickness == null ? Double.NaN : thickness[0]);
    }

    private static double[] groupValues(Dataset groups, int sequence, int tag, Dataset ds, int count) {
        if (groups != null) {
            for (Dataset item : groups.getSequence(sequence)) {
                double[] v = item.getDoubles(tag);
                if (v.length == count) {
                    return v;
                }
            }
        }
        double[] v = ds.getDoubles(tag);
        return v.length == count ? v : null;
    }

    private static boolean inversePresentation(Dataset ds) {
        return "INVERSE".equals(ds.getString(PRESENTATION_LUT_SHAPE, "").toUpperCase(Locale.ROOT));
    }

    private static void genericGrayscale(byte[] canonical, ImagePixelDescription d, ModalityLut lut, boolean floats,
                                         int spp, int size, boolean ybr, float[] values) {
        for (int p = 0; p < values.length; p++) {
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

    private static Dataset windowSource(Dataset ds, Dataset groups) {
        if (!ds.contains(Tag.WindowCenter) && groups != null && !groups.getSequence(FRAME_VOI_LUT_SEQUENCE).isEmpty()) {
            return groups.getSequence(FRAME_VOI_LUT_SEQUENCE).get(0);
        }
        return ds;
    }

    private static VoiWindow fileWindow(Dataset ds, Dataset groups) {
        List<VoiWindow> windows = windowsOf(windowSource(ds, groups));
        return windows.isEmpty() ? null : windows.get(0);
    }
}
