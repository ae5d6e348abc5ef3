package io.secondlook.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Compares a data set read by us with the element lines dcmdump printed for the same file. */
final class DumpComparison {
    private DumpComparison() {
    }

    /** Compares the data set with the dump's tree: each level's lines, then the items of matching sequences. */
    static List<String> compareTree(Dataset ds, List<DcmdumpText.Node> nodes, boolean compareText, String path) {
        List<String> problems = new ArrayList<>();
        for (String p : compare(ds, nodes.stream().map(DcmdumpText.Node::line).toList(), compareText)) {
            problems.add(path + p);
        }
        for (DcmdumpText.Node node : nodes) {
            DicomElement e = ds.get(node.line().tag());
            if (e == null || !e.isSequence() || e.items().size() != node.items().size()) {
                continue;
            }
            for (int i = 0; i < node.items().size(); i++) {
                problems.addAll(compareTree(e.items().get(i), node.items().get(i), compareText,
                        path + Tag.toString(e.tag()) + "[" + i + "]."));
            }
        }
        return problems;
    }

    /** Returns one message per mismatch between the data set and the top-level dump lines. */
    static List<String> compare(Dataset ds, List<DcmdumpText.Line> lines, boolean compareText) {
        List<String> problems = new ArrayList<>();
        for (DcmdumpText.Line line : lines) {
            String where = Tag.toString(line.tag()) + " " + line.keyword();
            DicomElement e = ds.get(line.tag());
            if (e == null) {
                problems.add(where + ": missing");
                continue;
            }
            String vr = line.vr();
            boolean oursUnknown = e.vr() == VR.UN && !vr.equals("UN");
            if (!oursUnknown && !vrMatches(vr, e.vr())) {
                problems.add(where + ": VR " + e.vr() + " but dcmdump says " + vr);
                continue;
            }
            if (oursUnknown) {
                continue; // dcmtk knows VRs of private tags we read as UN from implicit data sets
            }
            if (e.isSequence()) {
                int count = countFromText(line.value());
                if (count >= 0 && count != e.items().size()) {
                    problems.add(where + ": " + e.items().size() + " items but dcmdump shows " + count);
                }
                continue;
            }
            if (e.isEncapsulated()) {
                int count = countFromText(line.value());
                EncapsulatedPixelData px = (EncapsulatedPixelData) e.value();
                if (count >= 0 && count != px.fragments().size() + 1) {
                    problems.add(where + ": " + (px.fragments().size() + 1) + " items but dcmdump shows " + count);
                }
                continue;
            }
            int ourLength = e.bytes().length;
            // dcmtk pads odd values to even length when it loads them
            if (!line.undefinedLength() && line.length() != ourLength && line.length() != ourLength + (ourLength & 1)) {
                problems.add(where + ": length " + e.bytes().length + " but dcmdump says " + line.length());
            }
            String problem = compareValue(ds, e, line.value(), compareText);
            if (problem != null) {
                problems.add(where + ": " + problem);
            }
        }
        return problems;
    }

    private static boolean vrMatches(String dump, VR ours) {
        return switch (dump) {
            case "xs" -> ours == VR.US || ours == VR.SS;
            case "ox" -> ours == VR.OB || ours == VR.OW;
            case "up" -> ours == VR.UL;
            case "lt" -> ours == VR.OW || ours == VR.US || ours == VR.SS;
            case "??" -> true;
            default -> dump.equals(ours.name());
        };
    }

    private static int countFromText(String text) {
        int i = text.indexOf("#=");
        if (i < 0) {
            return -1;
        }
        int j = i + 2;
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
            j++;
        }
        return Integer.parseInt(text.substring(i + 2, j));
    }

    private static String compareValue(Dataset ds, DicomElement e, String text, boolean compareText) {
        byte[] bytes = e.bytes();
        if (text.equals("(no value available)")) {
            return bytes.length == 0 || isAllPadding(bytes) ? null : "value present but dcmdump shows none";
        }
        if (text.startsWith("=")) {
            return null; // a UID dcmdump replaced by its name
        }
        VR vr = e.vr();
        if (vr.isText()) {
            if (!compareText || !text.startsWith("[")) {
                return null;
            }
            String expected = text.substring(1, text.endsWith("]") ? text.length() - 1 : text.length());
            String ours = vr.usesSpecificCharacterSet() ? new String(bytes, StandardCharsets.ISO_8859_1) : new String(bytes, StandardCharsets.ISO_8859_1);
            ours = stripPadding(ours);
            if (text.endsWith("...") && !text.endsWith("]")) {
                expected = expected.substring(0, expected.length() - 3);
                return ours.startsWith(expected) ? null : "value [" + ours + "] does not start with [" + expected + "]";
            }
            // dcmtk keeps a space that precedes NUL padding; padding is not part of the value
            return ours.equals(stripPadding(expected)) ? null : "value [" + ours + "] but dcmdump shows [" + expected + "]";
        }
        boolean shortened = text.endsWith("...");
        String body = shortened ? text.substring(0, text.length() - 3) : text;
        String[] expected = body.split("\\\\");
        // dcmtk shortens OD/OF values without marking them with "..."
        boolean silentlyShortened = (vr == VR.OD || vr == VR.OF) && text.length() > 50;
        String[] ours = switch (vr) {
            case OB, UN -> hex(bytes, 1);
            case OW -> hex(bytes, 2);
            case OL -> hex(bytes, 4);
            case OV -> hex(bytes, 8);
            default -> ds.getStrings(e.tag());
        };
        int n = shortened ? expected.length - 1 : expected.length;
        if (!shortened && !silentlyShortened && ours.length != expected.length) {
            return ours.length + " values but dcmdump shows " + expected.length;
        }
        for (int i = 0; i < n && i < ours.length; i++) {
            if (!sameValue(vr, ours[i], expected[i].strip())) {
                return "value " + (i + 1) + " is " + ours[i] + " but dcmdump shows " + expected[i];
            }
        }
        return null;
    }

    private static boolean sameValue(VR vr, String ours, String theirs) {
        if (vr == VR.FL || vr == VR.OF) {
            return Float.parseFloat(ours) == Float.parseFloat(theirs) || ours.equals(theirs);
        }
        if (vr == VR.FD || vr == VR.OD) {
            double a = Double.parseDouble(ours);
            double b = Double.parseDouble(theirs);
            return a == b || Math.abs(a - b) <= 1e-5 * Math.max(Math.abs(a), Math.abs(b)) || (Double.isNaN(a) && Double.isNaN(b));
        }
        return ours.equalsIgnoreCase(theirs);
    }

    static String[] hex(byte[] bytes, int size) {
        String[] out = new String[bytes.length / size];
        for (int i = 0; i < out.length; i++) {
            StringBuilder sb = new StringBuilder();
            for (int b = size - 1; b >= 0; b--) {
                sb.append(HexFormat.of().toHexDigits(bytes[i * size + b]));
            }
            out[i] = sb.toString().toLowerCase(Locale.ROOT);
        }
        return out;
    }

    private static boolean isAllPadding(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        return s.substring(start, end);
    }
}
