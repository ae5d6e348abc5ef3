package io.secondlook.dicom.pixel;

import java.util.Locale;

/**
 * A VOI window (PS3.3 C.11.2.1.2): centre and width in modality units, with its name ("LUNG", "From file") and
 * the VOI LUT Function that maps it to display (LINEAR unless the file says otherwise).
 */
public record VoiWindow(double center, double width, String name, VoiFunction function) {

    public VoiWindow {
        // LINEAR_EXACT and SIGMOID accept any width > 0; LINEAR needs at least 1.
        double minimum = function == VoiFunction.LINEAR || function == null ? 1 : Double.MIN_NORMAL;
        if (!(width >= minimum)) {
            width = minimum;
        }
        name = name == null ? "" : name;
        function = function == null ? VoiFunction.LINEAR : function;
    }

    public VoiWindow(double center, double width, String name) {
        this(center, width, name, VoiFunction.LINEAR);
    }

    public static VoiWindow of(double center, double width) {
        return new VoiWindow(center, width, "");
    }

    public VoiWindow withCenterWidth(double newCenter, double newWidth) {
        return new VoiWindow(newCenter, newWidth, "Custom", function);
    }

    public VoiWindow withFunction(VoiFunction newFunction) {
        return new VoiWindow(center, width, name, newFunction);
    }

    @Override
    public String toString() {
        String text = String.format(Locale.ROOT, "C %.0f W %.0f", center, width);
        return function == VoiFunction.LINEAR ? text : text + " " + function;
    }
}
