package io.secondlook.viewer;

import java.util.Locale;

/** Slice position along the slice normal and slice thickness in mm; NaN where not known. */
public record SliceInfo(double position, double thickness) {

    public static final SliceInfo UNKNOWN = new SliceInfo(Double.NaN, Double.NaN);

    /** "Pos -12.5 mm  Thk 2.5 mm", either part left out when not known. */
    public String text() {
        StringBuilder s = new StringBuilder();
        if (!Double.isNaN(position)) {
            s.append(String.format(Locale.ROOT, "Pos %.1f mm", position));
        }
        if (!Double.isNaN(thickness)) {
            s.append(s.length() == 0 ? "" : "  ").append(String.format(Locale.ROOT, "Thk %.1f mm", thickness));
        }
        return s.toString();
    }
}
