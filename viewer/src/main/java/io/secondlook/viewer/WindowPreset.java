package io.secondlook.viewer;

import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.pixel.VoiWindow;

/** The window presets of the View menu and keys 1–5; {@link #FROM_FILE} is the window the image file suggests. */
public enum WindowPreset {
    LUNG("CT Lung", -600, 1500),
    MEDIASTINUM("Mediastinum", 40, 400),
    BONE("Bone", 400, 1800),
    BRAIN("Brain", 40, 80),
    FROM_FILE("From file", Double.NaN, Double.NaN);

    private final String label;
    private final double center;
    private final double width;

    WindowPreset(String label, double center, double width) {
        this.label = label;
        this.center = center;
        this.width = width;
    }

    public String label() {
        return label;
    }

    /** The preset's window; for {@link #FROM_FILE} the frame's own, or its full value range when it has none. */
    public VoiWindow window(GrayscaleFrame frame) {
        if (this != FROM_FILE) {
            return new VoiWindow(center, width, label);
        }
        if (frame.defaultWindow() != null) {
            VoiWindow w = frame.defaultWindow();
            return new VoiWindow(w.center(), w.width(), label);
        }
        float[] range = frame.range();
        return new VoiWindow((range[0] + range[1]) / 2.0, Math.max(1, range[1] - range[0] + 1), label);
    }
}
