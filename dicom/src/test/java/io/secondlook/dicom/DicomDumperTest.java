package io.secondlook.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Our dump lines equal dcmdump's for every top-level element that has a plain value. */
class DicomDumperTest {
    private static final Pattern ELEMENT = Pattern.compile("^\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*)$");

    @TestFactory
    Stream<DynamicTest> linesMatchDcmdump() {
        return Corpus.dicomFiles(List.of("transfer_syntax", "modality", "series", "sr_seg")).stream().map(file -> DynamicTest.dynamicTest(Corpus.key(file), () -> {
            Path dumpFile = file.resolveSibling(file.getFileName() + ".dcmdump.txt");
            if (!Files.exists(dumpFile) || DcmdumpText.hasError(dumpFile)) {
                return;
            }
            Map<Integer, String> expected = topLevelLines(new String(Files.readAllBytes(dumpFile), StandardCharsets.ISO_8859_1));
            DicomFile dicom = DicomReader.read(file);
            Map<Integer, String> ours = topLevelLines(DicomDumper.dump(dicom));
            List<String> problems = new ArrayList<>();
            for (Map.Entry<Integer, String> line : expected.entrySet()) {
                String theirs = line.getValue();
                String mine = ours.get(line.getKey());
                Matcher m = ELEMENT.matcher(theirs);
                if (!m.matches() || m.group(4).startsWith("=") || m.group(4).startsWith("(") || m.group(3).equals("SQ")) {
                    continue; // UID names, sequences and pixel sequences are shown differently on purpose
                }
                DicomElement element = dicom.dataset().contains(line.getKey()) ? dicom.dataset().get(line.getKey()) : dicom.fileMeta().get(line.getKey());
                if (element != null && element.vr() == VR.UN && !m.group(3).equals("UN")) {
                    continue; // private VR known to dcmtk only
                }
                if (Tag.isPrivate(line.getKey()) && mine != null) {
                    // dcmtk names private attributes from its private dictionary; we do not have one
                    theirs = withoutKeyword(theirs);
                    mine = withoutKeyword(mine);
                }
                if (mine != null && m.group(3).equals("xs")) {
                    theirs = theirs.replaceFirst(" xs ", mine.substring(11, 15)); // dcmtk keeps "US or SS" unresolved in implicit VR
                }
                if (mine != null && m.group(3).matches("FL|FD|OF|OD") && sameFloats(theirs, mine)) {
                    continue;
                }
                if (!theirs.equals(mine)) {
                    problems.add("\n  dcmdump: " + theirs + "\n  ours:    " + mine);
                }
            }
            assertEquals(List.of(), problems, Corpus.key(file));
        }));
    }

    /** dcmtk's own float formatting differs from C's %g in the last digits; the values must still be equal. */
    private static boolean sameFloats(String theirs, String mine) {
        String[] a = theirs.substring(15, theirs.indexOf(" #")).strip().split("\\\\");
        String[] b = mine.substring(15, mine.indexOf(" #")).strip().split("\\\\");
        if (!withoutValue(theirs).equals(withoutValue(mine))) {
            return false;
        }
        int shown = Math.min(a.length, b.length);
        if (a.length != b.length && !theirs.contains("...")) {
            return false;
        }
        for (int i = 0; i < shown; i++) {
            String x = a[i].replace("...", "");
            String y = b[i].replace("...", "");
            if (x.isEmpty() || y.isEmpty()) {
                continue;
            }
            double p = Double.parseDouble(x);
            double q = Double.parseDouble(y);
            if ((float) p != (float) q && Math.abs(p - q) > 1e-15 * Math.abs(p)) {
                return false;
            }
        }
        return shown > 0;
    }

    private static String withoutValue(String line) {
        return line.substring(line.indexOf(" #"));
    }

    private static String withoutKeyword(String line) {
        int hash = line.lastIndexOf(" # ");
        int space = line.indexOf(' ', hash + 3 + 4);
        return space < 0 ? line : line.substring(0, space);
    }

    private static Map<Integer, String> topLevelLines(String dump) {
        Map<Integer, String> lines = new HashMap<>();
        for (String line : dump.split("\n")) {
            Matcher m = ELEMENT.matcher(line);
            if (m.matches()) {
                lines.putIfAbsent((Integer.parseInt(m.group(1), 16) << 16) | Integer.parseInt(m.group(2), 16), line.stripTrailing());
            }
        }
        return lines;
    }

    @Test
    void nestedItemsAreIndented() throws Exception {
        DicomFile dicom = DicomReader.read(Corpus.dicom("transfer_syntax/CT_small.dcm"));
        String dump = DicomDumper.dump(dicom);
        assertTrue(dump.contains("(0010,1002) SQ (Sequence with undefined length #=2)"), dump);
        assertTrue(dump.contains("\n  (fffe,e000) na (Item with undefined length #=2)"), dump);
        assertTrue(dump.contains("\n    (0010,0020) LO [ABCD1234]                               #   8, 1 PatientID\n"), dump);
        assertTrue(dump.contains("(0010,0010) PN [CompressedSamples^CT1]                  #  22, 1 PatientName\n"), dump);
    }

    @Test
    void formatsFloatsLikeC() {
        assertEquals("1.40129846e-45", DicomDumper.formatG(Float.MIN_VALUE, 9));
        assertEquals("-77.2040634", DicomDumper.formatG(-77.2040634f, 9));
        assertEquals("862399761.11107898", DicomDumper.formatG(862399761.11107898, 17));
        assertEquals("0", DicomDumper.formatG(0, 9));
    }
}
