package io.secondlook.dicom.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.secondlook.dicom.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dicomdir/ tree scanned as a folder: patients and their series counts as dcmtk's dumps of the files say. */
class DicomdirScanTest {
    private static final Pattern PATIENT_ID = Pattern.compile("\n\\(0010,0020\\) LO \\[([^\\]]*)\\]");
    private static final Pattern SERIES_UID = Pattern.compile("\n\\(0020,000e\\) UI \\[([^\\]]*)\\]");

    @Test
    void patientsAndSeriesCountsMatchTheDumps() throws Exception {
        Path root = Corpus.dicom("dicomdir");
        Map<String, TreeSet<String>> expected = new TreeMap<>();
        try (Stream<Path> dumps = Files.walk(root)) {
            for (Path dump : dumps.filter(p -> p.toString().endsWith(".dcmdump.txt")).toList()) {
                String text = new String(Files.readAllBytes(dump), StandardCharsets.ISO_8859_1);
                Matcher patient = PATIENT_ID.matcher(text);
                Matcher series = SERIES_UID.matcher(text);
                if (patient.find() && series.find()) {
                    expected.computeIfAbsent(patient.group(1).strip(), k -> new TreeSet<>()).add(series.group(1).strip());
                }
            }
        }
        ScanResult result = FolderScanner.scan(root);
        Map<String, Integer> actual = result.patients().stream().collect(Collectors.toMap(
                DicomPatient::patientId, p -> p.studies().stream().mapToInt(s -> s.series().size()).sum(), Integer::sum, TreeMap::new));
        Map<String, Integer> expectedCounts = expected.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().size(), Integer::sum, TreeMap::new));
        assertEquals(3, expectedCounts.size(), "the corpus holds 3 patients: " + expectedCounts);
        assertEquals(expectedCounts, actual, result.problems().toString());
        assertEquals(java.util.List.of(), result.problems());
    }
}
