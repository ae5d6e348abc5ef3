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
        IntegerRange range = IntegerRange.of(values);
        if (range != null) {
            // Whole-number values over a modest range (stored integers through a linear rescale, the usual case):
            // each distinct value is computed once, then looked up.
            byte[] table = new byte[range.size()];
            for (int i = 0; i < table.length; i++) {
                table[i] = display(range.min() + i, window, frame.monochrome1());
            }
            int min = range.min();
            for (int i = 0; i < values.length; i++) {
                out[i] = table[(int) values[i] - min];
            }
            return out;
        }
        for (int i = 0; i < values.length; i++) {
            out[i] = display(values[i], window, frame.monochrome1());
        }
        return out;
    }

    private static byte display(float value, VoiWindow window, boolean invert) {
        int d = (int) Math.round(window.function().apply(value, window.center(), window.width()) * 255);
        return (byte) (invert ? 255 - d : d);
    }

    /**
     * The minimum of values that are all whole numbers spanning at most {@link #MAX_TABLE} values, or null
     * (fractions, NaN, infinities, or too wide a range).
     */
    private record IntegerRange(int min, int size) {
        static final int MAX_TABLE = 1 << 16;

        static IntegerRange of(float[] values) {
            if (values.length < MAX_TABLE / 16) {
                return null;
            }
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            boolean whole = true;
            for (float v : values) {
                int i = (int) v;
                whole &= i == v;
                min = Math.min(min, i);
                max = Math.max(max, i);
            }
            return whole && (long) max - min < MAX_TABLE ? new IntegerRange(min, max - min + 1) : null;
        }
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
            out[i] = UNIT[display[i] & 0xFF];
        }
        return out;
    }

    /** Display value d as d / 255f. */
    private static final float[] UNIT = new float[256];

    static {
        for (int d = 0; d < UNIT.length; d++) {
            UNIT[d] = d / 255f;
        }
    }
}
