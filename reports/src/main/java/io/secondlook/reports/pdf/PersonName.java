package io.secondlook.reports.pdf;

import java.util.ArrayList;
import java.util.List;

/** Formats a DICOM person name ({@code Family^Given^Middle^Prefix^Suffix}) for reading. */
final class PersonName {

    private PersonName() {
    }

    /** "Family, Prefix Given Middle, Suffix" from the alphabetic group; null stays null. */
    static String display(String dicomName) {
        if (dicomName == null) {
            return null;
        }
        String alphabetic = dicomName.split("=", -1)[0];
        String[] parts = alphabetic.split("\\^", -1);
        String family = part(parts, 0);
        List<String> rest = new ArrayList<>();
        for (int i : new int[] {3, 1, 2}) {
            if (!part(parts, i).isEmpty()) {
                rest.add(part(parts, i));
            }
        }
        StringBuilder name = new StringBuilder(family);
        if (!rest.isEmpty()) {
            name.append(family.isEmpty() ? "" : ", ").append(String.join(" ", rest));
        }
        if (!part(parts, 4).isEmpty()) {
            name.append(", ").append(part(parts, 4));
        }
        return name.isEmpty() ? dicomName : name.toString();
    }

    private static String part(String[] parts, int index) {
        return index < parts.length ? parts[index].trim() : "";
    }
}
