package io.secondlook.dicom.pixel;

import io.secondlook.dicom.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * The VOI transformation (PS3.3 C.11.2) from modality values to 8-bit display values: a window with its VOI LUT
 * Function (LINEAR, LINEAR_EXACT, SIGMOID) or a VOI LUT Sequence table.
 */
public final class VoiLut {
    private static final int VOI_LUT_SEQUENCE = 0x00283010;

    private VoiLut() {
    }

    /** Display values 0..255 (as unsigned bytes), inverted when the frame says so, so that 255 is always white. */
    public static byte[] toDisplay(GrayscaleFrame frame, VoiWindow window) {
        float[] values = frame.values();
        byte[] out = new byte[values.length];
        VoiFunction function = window.function();
        double c = window.center();
        double w = window.width();
        boolean invert = frame.monochrome1();
        for (int i = 0; i < values.length; i++) {
            int d = (int) Math.round(function.apply(values[i], c, w) * 255);
            out[i] = (byte) (invert ? 255 - d : d);
        }
        return out;
    }

    /** Display values 0..255 through a VOI LUT table, its output range scaled to the display range. */
    public static byte[] toDisplay(GrayscaleFrame frame, LookupTable lut) {
        float[] values = frame.values();
        byte[] out = new byte[values.length];
        double scale = 255.0 / lut.maxOutput();
        boolean invert = frame.monochrome1();
        for (int i = 0; i < values.length; i++) {
            int d = (int) Math.min(255, Math.round(lut.lookup(values[i]) * scale));
            out[i] = (byte) (invert ? 255 - d : d);
        }
        return out;
    }

    /**
     * The VOI LUT Sequence tables of a data set (or functional group item). Their input is the Modality LUT's
     * output, signed unless a Modality LUT Sequence makes it unsigned (PS3.3 C.11.2.1.1).
     */
    public static List<LookupTable> tables(Dataset ds) {
        boolean signed = ds.getInt(io.secondlook.dicom.Tag.PixelRepresentation, 0) == 1
                || ds.getDouble(io.secondlook.dicom.Tag.RescaleIntercept, 0) < 0;
        List<LookupTable> out = new ArrayList<>();
        for (Dataset item : ds.getSequence(VOI_LUT_SEQUENCE)) {
            LookupTable.fromItem(item, signed).ifPresent(out::add);
        }
        return out;
    }

    /** Display values as floats in [0, 1], the form the AI preprocessing takes. */
    public static float[] toUnitRange(GrayscaleFrame frame, VoiWindow window) {
        byte[] display = toDisplay(frame, window);
        float[] out = new float[display.length];
        for (int i = 0; i < display.length; i++) {
            out[i] = (display[i] & 0xFF) / 255f;
        }
        return out;
    }
}
