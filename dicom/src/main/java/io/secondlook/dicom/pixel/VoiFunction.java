package io.secondlook.dicom.pixel;

import java.util.Locale;

/** VOI LUT Function (0028,1056), PS3.3 C.11.2.1.2 and C.11.2.1.3: how a window maps values to display. */
public enum VoiFunction {
    LINEAR,
    LINEAR_EXACT,
    SIGMOID;

    /** The function a file names; LINEAR when absent or unknown, as the standard defaults. */
    public static VoiFunction of(String value) {
        if (value == null) {
            return LINEAR;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "LINEAR_EXACT" -> LINEAR_EXACT;
            case "SIGMOID" -> SIGMOID;
            default -> LINEAR;
        };
    }

    /**
     * The output of this function for input x with window centre c and width w, in [0, 1] (the standard's
     * y_min..y_max scaled to the unit interval).
     */
    public double apply(double x, double c, double w) {
        switch (this) {
            case LINEAR_EXACT: {
                if (x <= c - w / 2) {
                    return 0;
                }
                if (x > c + w / 2) {
                    return 1;
                }
                return (x - c) / w + 0.5;
            }
            case SIGMOID:
                return 1 / (1 + Math.exp(-4 * (x - c) / w));
            default: {
                double half = (w - 1) / 2;
                if (x <= c - 0.5 - half) {
                    return 0;
                }
                if (x > c - 0.5 + half) {
                    return 1;
                }
                return w <= 1 ? 1 : (x - (c - 0.5)) / (w - 1) + 0.5;
            }
        }
    }
}
