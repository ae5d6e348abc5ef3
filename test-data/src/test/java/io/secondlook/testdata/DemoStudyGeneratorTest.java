package io.secondlook.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.pixel.PixelPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoStudyGeneratorTest {
    @TempDir
    static Path temp;
    static DemoStudy study;

    @BeforeAll
    static void writeStudy() throws IOException {
        study = new DemoStudyGenerator().writeTo(temp.resolve("study"));
    }

    @Test
    void describesWhatItWrote() throws IOException {
        assertEquals("SL-DEMO-0001", study.patientId());
        assertEquals("DEMO^Chest", study.patientName());
        assertTrue(study.studyInstanceUid().startsWith("2.25."));
        assertEquals(List.of(study.folder().resolve("DX/IM0001.dcm")), study.radiograph().files());
        assertEquals(DemoStudyGenerator.CT_SLICES, study.ct().files().size());
        assertEquals(study.folder().resolve("CT/IM0064.dcm"), study.ct().files().get(63));
        Set<String> uids = Set.of(study.studyInstanceUid(), study.radiograph().seriesInstanceUid(), study.ct().seriesInstanceUid());
        assertEquals(3, uids.size());
        for (Path file : study.files()) {
            assertTrue(Files.size(file) < 10_000_000, file + " is too large");
        }
        try (var listing = Files.walk(study.folder())) {
            assertEquals(study.files().size(), listing.filter(Files::isRegularFile).count(), "stray files in the study folder");
        }
    }

    @Test
    void everyFileIsValidForItsIod() throws IOException {
        List<String> problems = new ArrayList<>();
        Path raw = Files.createDirectories(temp.resolve("raw-validate"));
        for (Path file : study.files()) {
            Dcmtk.Result dump = Dcmtk.run("dcmdump", "-q", file.toString());
            if (dump.exitCode() != 0 || dump.output().contains("E: ")) {
                problems.add(file + ": dcmdump: " + dump.output().lines().filter(l -> l.contains("E: ")).toList());
            }
            for (String error : Dcmtk.iodErrors(file)) {
                problems.add(file.getFileName() + ": " + error);
            }
        }
        assertEquals(List.of(), problems);
        Map<String, String> dx = Dcmtk.dump(study.radiograph().files().get(0), raw);
        assertEquals("1.2.840.10008.5.1.4.1.1.1.1", dx.get("0008,0016"));
        assertEquals("PA", dx.get("0018,5101"));
        assertEquals("IDENTITY", dx.get("2050,0020"));
        assertEquals("MONOCHROME2", dx.get("0028,0004"));
        assertEquals("DEMO^Chest", dx.get("0010,0010"));
        assertEquals(DemoStudyGenerator.STUDY_DESCRIPTION, dx.get("0008,1030"));
    }

    @Test
    void ctSlicesFormOneRegularVolume() throws IOException {
        Path raw = Files.createDirectories(temp.resolve("raw-geometry"));
        double previousZ = Double.NEGATIVE_INFINITY;
        Set<String> frames = new HashSet<>();
        Set<String> series = new HashSet<>();
        for (int i = 0; i < study.ct().files().size(); i++) {
            Map<String, String> dump = Dcmtk.dump(study.ct().files().get(i), raw);
            assertEquals(i + 1, (int) Dcmtk.doubles(dump, "0020,0013")[0], "Instance Number");
            assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, Dcmtk.doubles(dump, "0020,0037"), 1e-9);
            assertArrayEquals(new double[] {0.75, 0.75}, Dcmtk.doubles(dump, "0028,0030"), 1e-9);
            double[] position = Dcmtk.doubles(dump, "0020,0032");
            assertTrue(position[2] > previousZ, "z must increase strictly with Instance Number");
            if (i > 0) {
                assertEquals(DemoStudyGenerator.CT_SLICE_SPACING_MM, position[2] - previousZ, 1e-6);
            }
            assertEquals(position[2], Dcmtk.doubles(dump, "0020,1041")[0], 1e-6, "Slice Location");
            previousZ = position[2];
            frames.add(dump.get("0020,0052"));
            series.add(dump.get("0020,000e"));
        }
        assertTrue(study.ct().files().size() >= 40);
        assertEquals(1, frames.size(), "one Frame of Reference");
        assertEquals(Set.of(study.ct().seriesInstanceUid()), series);
    }

    @Test
    void ctTissuesHaveRealisticHounsfieldUnits() throws IOException {
        Path raw = Files.createDirectories(temp.resolve("raw-hu"));
        CtSlice heartLevel = CtSlice.read(study, 156, raw);
        assertRange(heartLevel.medianHu(-95, 10), -900, -700, "right lung");
        assertRange(heartLevel.medianHu(95, 10), -900, -700, "left lung");
        assertRange(heartLevel.medianHu(18, -28), 20, 70, "heart (blood and myocardium)");
        assertRange(heartLevel.medianHu(-147, 0), -130, -70, "subcutaneous fat");
        assertRange(heartLevel.medianHu(0, -160), -1024, -970, "air in front of the patient");
        assertRange(heartLevel.percentileHu(0, 34, 14, 0.98), 400, 1000, "vertebral cortex");
        assertRange(heartLevel.medianHu(0, 34), 150, 400, "vertebral cancellous bone");
        CtSlice noduleLevel = CtSlice.read(study, ChestCtPhantom.NODULE_S, raw);
        assertRange(noduleLevel.medianHu(ChestCtPhantom.NODULE_X, ChestCtPhantom.NODULE_Y), -60, 100, "lung nodule");
        CtSlice liverLevel = CtSlice.read(study, 240, raw);
        assertRange(liverLevel.medianHu(-65, -5), 40, 80, "liver");
    }

    @Test
    void radiographShowsDarkLungsAndTheRightLowerZoneOpacity() throws IOException {
        Path raw = Files.createDirectories(temp.resolve("raw-dx"));
        Map<String, String> dump = Dcmtk.dump(study.radiograph().files().get(0), raw);
        int size = (int) Dcmtk.doubles(dump, "0028,0010")[0];
        int[] pixels = Dcmtk.pixels(dump, false);
        double spacing = Dcmtk.doubles(dump, "0018,1164")[0];
        // viewer's left is the patient's right; y grows downwards from the image centre
        double rightMidLung = meanAt(pixels, size, spacing, -100, -40);
        double leftMidLung = meanAt(pixels, size, spacing, 100, -40);
        double heart = meanAt(pixels, size, spacing, 20, 40);
        double outside = meanAt(pixels, size, spacing, -195, -190);
        double rightLowerZone = meanAt(pixels, size, spacing, -92, 48);
        double leftLowerZone = meanAt(pixels, size, spacing, 120, 48);
        assertTrue(outside + 200 < rightMidLung && outside + 200 < leftMidLung,
                "lungs must be brighter than air outside the body (not clipped): " + outside + ", " + rightMidLung);
        assertTrue(rightMidLung + 500 < heart && leftMidLung + 500 < heart,
                "lungs must be much darker than the heart: " + rightMidLung + ", " + leftMidLung + ", " + heart);
        assertTrue(rightLowerZone > leftLowerZone + 200,
                "consolidation should make the right lower zone brighter: " + rightLowerZone + " vs " + leftLowerZone);
        double[] window = Dcmtk.doubles(dump, "0028,1051");
        assertTrue(window[0] > 500 && window[0] < 4096, "window width " + window[0]);
    }

    @Test
    void ourReaderDecodesTheSamePixelsAsDcmtk() throws IOException, DicomException {
        Path raw = Files.createDirectories(temp.resolve("raw-reader"));
        List<Path> sample = List.of(study.radiograph().files().get(0), study.ct().files().get(0),
                study.ct().files().get(31), study.ct().files().get(63));
        for (Path file : sample) {
            DicomFile dicom = DicomReader.read(file);
            assertEquals(List.of(), dicom.warnings(), file + " read with warnings");
            assertEquals(study.studyInstanceUid(), dicom.dataset().getString(Tag.StudyInstanceUID));
            GrayscaleFrame frame = PixelPipeline.grayscale(dicom, 0);
            Map<String, String> dump = Dcmtk.dump(file, raw);
            boolean ct = "CT".equals(dump.get("0008,0060"));
            int[] stored = Dcmtk.pixels(dump, ct);
            double intercept = Dcmtk.doubles(dump, "0028,1052")[0];
            assertEquals(stored.length, frame.values().length);
            for (int i = 0; i < stored.length; i++) {
                if (frame.values()[i] != (float) (stored[i] + intercept)) {
                    throw new AssertionError(file + " pixel " + i + ": reader " + frame.values()[i] + ", dcmtk "
                            + (stored[i] + intercept));
                }
            }
            if (ct) {
                assertEquals(40, frame.defaultWindow().center(), 1e-9);
                assertEquals(400, frame.defaultWindow().width(), 1e-9);
            }
        }
    }

    @Test
    void writingTwiceGivesIdenticalFiles() throws IOException {
        DemoStudy again = new DemoStudyGenerator().writeTo(temp.resolve("again"));
        DemoStudy rewritten = new DemoStudyGenerator().writeTo(study.folder());
        assertEquals(study, rewritten);
        assertEquals(study.studyInstanceUid(), again.studyInstanceUid());
        for (int i = 0; i < study.files().size(); i++) {
            Path a = study.files().get(i);
            Path b = again.files().get(i);
            assertEquals(-1L, Files.mismatch(a, b), () -> a + " differs from " + b);
        }
    }

    @Test
    void variantWithoutOpacityHasItsOwnUids() throws IOException {
        DemoStudy clear = new DemoStudyGenerator(false).writeTo(temp.resolve("clear"));
        assertTrue(!clear.studyInstanceUid().equals(study.studyInstanceUid()));
        assertTrue(!clear.ct().seriesInstanceUid().equals(study.ct().seriesInstanceUid()));
    }

    private static void assertRange(double value, double lo, double hi, String what) {
        assertTrue(value >= lo && value <= hi, what + ": " + value + " HU not in [" + lo + ", " + hi + "]");
    }

    private static double meanAt(int[] pixels, int size, double spacing, double xMm, double yMm) {
        int c0 = (int) Math.round(xMm / spacing + (size - 1) / 2.0);
        int r0 = (int) Math.round(yMm / spacing + (size - 1) / 2.0);
        double sum = 0;
        int n = 0;
        for (int r = r0 - 10; r <= r0 + 10; r++) {
            for (int c = c0 - 10; c <= c0 + 10; c++) {
                sum += pixels[r * size + c];
                n++;
            }
        }
        return sum / n;
    }

    /** One CT slice read back through dcmtk, addressed in patient coordinates (mm). */
    private record CtSlice(int[] hu, int size, double[] origin, double spacing) {
        static CtSlice read(DemoStudy study, double levelBelowApex, Path raw) throws IOException {
            for (Path file : study.ct().files()) {
                Map<String, String> dump = Dcmtk.dump(file, raw);
                double[] position = Dcmtk.doubles(dump, "0020,0032");
                if (Math.abs(position[2] + levelBelowApex) < DemoStudyGenerator.CT_SLICE_SPACING_MM / 2) {
                    int[] stored = Dcmtk.pixels(dump, true);
                    double slope = Dcmtk.doubles(dump, "0028,1053")[0];
                    double intercept = Dcmtk.doubles(dump, "0028,1052")[0];
                    int[] hu = Arrays.stream(stored).map(v -> (int) Math.round(v * slope + intercept)).toArray();
                    return new CtSlice(hu, (int) Dcmtk.doubles(dump, "0028,0011")[0], position,
                            Dcmtk.doubles(dump, "0028,0030")[0]);
                }
            }
            throw new AssertionError("no CT slice at z = " + -levelBelowApex);
        }

        double medianHu(double x, double y) {
            return percentileHu(x, y, 4, 0.5);
        }

        double percentileHu(double x, double y, double radiusMm, double fraction) {
            int c0 = (int) Math.round((x - origin[0]) / spacing);
            int r0 = (int) Math.round((y - origin[1]) / spacing);
            int half = (int) Math.round(radiusMm / spacing);
            int[] patch = new int[(2 * half + 1) * (2 * half + 1)];
            int n = 0;
            for (int r = r0 - half; r <= r0 + half; r++) {
                for (int c = c0 - half; c <= c0 + half; c++) {
                    patch[n++] = hu[r * size + c];
                }
            }
            Arrays.sort(patch);
            return patch[(int) Math.min(patch.length - 1, Math.floor(fraction * patch.length))];
        }
    }
}
