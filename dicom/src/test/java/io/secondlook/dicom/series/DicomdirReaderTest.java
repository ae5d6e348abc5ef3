package io.secondlook.dicom.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.Tag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every DICOMDIR variant of the corpus: record counts per type as in dcmtk's dump of the file, every record in
 * the tree, and each IMAGE record under the SERIES, STUDY and PATIENT records its file belongs to.
 */
class DicomdirReaderTest {
    private static final Pattern RECORD_TYPE = Pattern.compile("\\(0004,1430\\) CS \\[([^\\]]*)\\]");
    private static final int REFERENCED_SOP_INSTANCE = 0x00041511;

    @ParameterizedTest
    @ValueSource(strings = {"DICOMDIR", "DICOMDIR-bigEnd", "DICOMDIR-implicit", "DICOMDIR-nooffset", "DICOMDIR-reordered",
        "DICOMDIR-nopatient", "DICOMDIR-empty.dcm", "TINY_ALPHA/DICOMDIR"})
    void recordTreeMatchesDcmdumpAndTheFiles(String name) throws Exception {
        Path path = Corpus.dicom("dicomdir/" + name);
        String dump = Files.readString(Path.of(path + ".dcmdump.txt"), StandardCharsets.ISO_8859_1);
        Map<String, Integer> expected = new TreeMap<>();
        Matcher m = RECORD_TYPE.matcher(dump);
        while (m.find()) {
            expected.merge(m.group(1).strip(), 1, Integer::sum);
        }
        Dicomdir dicomdir = DicomdirReader.read(path);
        Map<String, Integer> actual = new TreeMap<>();
        dicomdir.records().forEach(r -> actual.merge(r.type(), 1, Integer::sum));
        assertEquals(expected, actual, dicomdir.warnings().toString());

        int images = 0;
        Deque<DirectoryRecord> ancestors = new ArrayDeque<>();
        for (DirectoryRecord root : dicomdir.roots()) {
            images += checkImages(root, ancestors);
        }
        assertEquals(expected.getOrDefault("IMAGE", 0), images);
        if (name.equals("DICOMDIR") || name.equals("DICOMDIR-reordered") || name.startsWith("TINY")) {
            assertTrue(dicomdir.warnings().isEmpty(), dicomdir.warnings().toString());
        }
    }

    /** Checks each IMAGE below record against its file; returns how many were checked. */
    private static int checkImages(DirectoryRecord record, Deque<DirectoryRecord> ancestors) throws Exception {
        int checked = 0;
        if (record.type().equals("IMAGE")) {
            assertNotNull(record.file(), "IMAGE without Referenced File ID");
            assertTrue(Files.isRegularFile(record.file()), record.file() + " missing");
            DicomFile file = DicomReader.read(record.file(), DicomReader.ReadOptions.HEADER_ONLY);
            assertEquals(record.attributes().getString(REFERENCED_SOP_INSTANCE), file.sopInstanceUid());
            Dataset ds = file.dataset();
            for (DirectoryRecord up : ancestors) {
                switch (up.type()) {
                    case "SERIES" -> assertEquals(up.attributes().getString(Tag.SeriesInstanceUID), ds.getString(Tag.SeriesInstanceUID));
                    case "STUDY" -> assertEquals(up.attributes().getString(Tag.StudyInstanceUID), ds.getString(Tag.StudyInstanceUID));
                    case "PATIENT" -> assertEquals(up.attributes().getString(Tag.PatientID), ds.getString(Tag.PatientID));
                    default -> { }
                }
            }
            assertTrue(ancestors.stream().anyMatch(a -> a.type().equals("SERIES")), "IMAGE outside a SERIES");
            checked++;
        }
        ancestors.push(record);
        for (DirectoryRecord child : record.children()) {
            checked += checkImages(child, ancestors);
        }
        ancestors.pop();
        return checked;
    }
}
