package io.secondlook.dicom.pixel;

/**
 * One decoded grayscale frame in modality units (Hounsfield units for CT: the Modality LUT already applied),
 * row-major, with the window the file suggests and whether the file is MONOCHROME1 (inverted for display).
 */
public record GrayscaleFrame(int width, int height, float[] values, VoiWindow defaultWindow, boolean monochrome1) {

    public GrayscaleFrame {
        if (width <= 0 || height <= 0 || values.length != width * height) {
            throw new IllegalArgumentException("Frame " + width + "x" + height + " holds " + values.length + " values");
        }
    }

    public float value(int x, int y) {
        return values[y * width + x];
    }

    /** The smallest and largest value, for a window that covers everything when the file suggests none. */
    public float[] range() {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new float[] {min, max};
    }
}
