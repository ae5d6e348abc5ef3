package io.secondlook.dicom.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folder scanning and stack sorting on the real series of the shared corpus. */
class FolderScannerTest {
    private static final Path CORPUS = Path.of(System.getProperty("secondlook.shared", "../../shared"), "corpus", "dicom");

    private static Path corpus(String folder) {
        Path p = CORPUS.resolve(folder);
        assumeTrue(Files.isDirectory(p), "shared corpus not found at " + p);
        return p;
    }

    private static List<DicomSeries> allSeries(ScanResult r) {
        return r.patients().stream().flatMap(p -> p.studies().stream()).flatMap(s -> s.series().stream()).toList();
    }

    @Test
    void threeSliceCtSortsAlongTheNormal() throws Exception {
        ScanResult r = FolderScanner.scan(corpus("series/ct_3slice"));
        List<DicomSeries> series = allSeries(r);
        assertEquals(1, series.size());
        List<DicomInstance> slices = series.get(0).instances();
        assertEquals(3, slices.size());
        double[] normal = SeriesAssembler.normal(slices.get(0).imageOrientation());
        for (int i = 1; i < slices.size(); i++) {
            assertTrue(project(normal, slices.get(i)) > project(normal, slices.get(i - 1)), "ascending along the normal");
        }
        assertEquals(List.of(), series.get(0).warnings());
    }

    @Test
    void irregularStackReportsGapsAndDuplicates() throws Exception {
        ScanResult r = FolderScanner.scan(corpus("series/ct_irregular_dupe_positions"));
        List<DicomSeries> series = allSeries(r);
        assertEquals(1, series.size());
        DicomSeries s = series.get(0);
        assertEquals(11, s.instances().size());
        assertTrue(s.warnings().stream().anyMatch(w -> w.startsWith("Duplicate positions")), s.warnings().toString());
        assertTrue(s.warnings().stream().anyMatch(w -> w.startsWith("Gap")), s.warnings().toString());
    }

    @Test
    void dicomdirFileSetScannedAsAFolderYieldsThreePatients() throws Exception {
        ScanResult r = FolderScanner.scan(corpus("dicomdir"));
        // The DICOMDIR file-set holds two patients (Doe^Archibald, Doe^Peter); TINY_ALPHA holds a third.
        assertEquals(List.of("12345678", "77654033", "98890234"),
                r.patients().stream().map(DicomPatient::patientId).sorted().toList(), r.problems().toString());
        assertTrue(r.filesRead() > 10);
        assertTrue(r.skipped() > 0, "DICOMDIR files and dumps are skipped, not images");
    }

    private static double project(double[] n, DicomInstance i) {
        double[] p = i.imagePosition();
        return n[0] * p[0] + n[1] * p[1] + n[2] * p[2];
    }
}
