package io.secondlook.dicom.pixel;

import java.util.Locale;

/** A VOI window (PS3.3 C.11.2.1.2): centre and width in modality units, with its name ("LUNG", "From file"). */
public record VoiWindow(double center, double width, String name) {

    public VoiWindow {
        if (!(width >= 1)) {
            width = 1;
        }
        name = name == null ? "" : name;
    }

    public static VoiWindow of(double center, double width) {
        return new VoiWindow(center, width, "");
    }

    public VoiWindow withCenterWidth(double newCenter, double newWidth) {
        return new VoiWindow(newCenter, newWidth, "Custom");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "C %.0f W %.0f", center, width);
    }
}
