package io.secondlook.dicom.pixel;

/** Applies a VOI window to modality values, giving 8-bit display values (PS3.3 C.11.2.1.2.1, LINEAR). */
public final class VoiLut {
    private VoiLut() {
    }

    /** Display values 0..255 (as unsigned bytes), MONOCHROME1 inverted so that 255 is always white. */
    public static byte[] toDisplay(GrayscaleFrame frame, VoiWindow window) {
        float[] values = frame.values();
        byte[] out = new byte[values.length];
        double c = window.center() - 0.5;
        double w = window.width() - 1;
        double low = c - w / 2;
        double scale = w <= 0 ? 0 : 255.0 / w;
        boolean invert = frame.monochrome1();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            int d;
            if (v <= low) {
                d = 0;
            } else if (v > c + w / 2) {
                d = 255;
            } else {
                d = (int) Math.round((v - low) * scale);
                d = Math.max(0, Math.min(255, d));
            }
            out[i] = (byte) (invert ? 255 - d : d);
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
