package io.secondlook.dicom.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.VR;
import io.secondlook.dicom.pixel.PixelPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enhanced multi-frame instances split into stacks by the series assembler. */
class EnhancedStackTest {
    private static final double[] AXIAL = {1, 0, 0, 0, 1, 0};
    private static final double[] SAGITTAL = {0, 1, 0, 0, 0, -1};
    private static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
    private static final int SIZE = 8;

    @TempDir
    Path tmp;

    /** One frame of the generated file: its stack, place in the stack and where it lies. */
    private record Frame(String stackId, int inStack, double[] orientation, double[] position) {
    }

    @Test
    void corpusEnhancedCtBecomesOneStackSortedAlongItsNormal() throws Exception {
        Path source = Corpus.dicom("modality/eCT_Supplemental.dcm");
        Files.copy(source, tmp.resolve("ect.dcm"));
        List<DicomSeries> series = allSeries(FolderScanner.scan(tmp));
        assertEquals(1, series.size());
        DicomSeries stack = series.get(0);
        assertEquals("", stack.stack(), "a single stack is the series' only entry");
        // frame 2 is In-Stack Position 1 at z = -149, frame 1 position 2 at z = -159; the normal is (0, 0, -1)
        assertEquals(List.of(1, 0), stack.instances().stream().map(i -> i.fileFrame(0)).toList());
        assertEquals(-149, stack.instances().get(0).imagePosition()[2], 1e-9);
        assertEquals(-159, stack.instances().get(1).imagePosition()[2], 1e-9);
        assertEquals(List.of(), stack.warnings());
        assertTrue(stack.instances().stream().allMatch(i -> i.frames() == 1));
    }

    /** Every enhanced multi-frame file of the corpus: each frame lands in exactly one entry, stacks sorted. */
    @Test
    void everyCorpusMultiFrameFileKeepsEachFrameOnce() throws Exception {
        List<Path> files = Corpus.dicomFiles(List.of("modality", "transfer_syntax", "sr_seg")).stream()
                .filter(EnhancedStackTest::hasPerFrameGroups).toList();
        assertTrue(files.size() >= 10, "enhanced multi-frame files in the corpus: " + files);
        int split = 0;
        for (Path file : files) {
            Path dir = Files.createDirectory(tmp.resolve("f" + files.indexOf(file)));
            Files.copy(file, dir.resolve(file.getFileName()));
            ScanResult r = FolderScanner.scan(dir);
            List<DicomSeries> series = allSeries(r);
            DicomFile dicom = DicomReader.read(file, DicomReader.ReadOptions.HEADER_ONLY);
            int frames = Math.max(1, dicom.dataset().getInt(Tag.NumberOfFrames, 1));
            List<DicomInstance> entries = series.stream().flatMap(s -> s.instances().stream()).toList();
            boolean segmentation = "1.2.840.10008.5.1.4.1.1.66.4".equals(dicom.sopClassUid());
            boolean planes = PixelPipeline.framePlane(dicom.dataset(), 0).position() != null;
            if (frames == 1 || segmentation || !planes) {
                assertEquals(1, entries.size(), file.toString());
                assertEquals(DicomInstance.ALL_FRAMES, entries.get(0).frame(), file.toString());
                continue;
            }
            split++;
            TreeSet<Integer> seen = new TreeSet<>();
            entries.forEach(e -> seen.add(e.fileFrame(0)));
            assertEquals(frames, entries.size(), file.toString());
            assertEquals(frames, seen.size(), file + ": every frame once");
            for (DicomSeries s : series) {
                assertAscending(s, file.toString());
            }
        }
        assertTrue(split >= 5, "split files: " + split);
    }

    @Test
    void twoInterleavedStacksBecomeTwoSortedEntries() throws Exception {
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            // frames alternate between the stacks, each stack stored in reverse position order
            frames.add(new Frame("1", 4 - k, AXIAL, new double[] {0, 0, 10.0 * (3 - k)}));
            frames.add(new Frame("2", 4 - k, SAGITTAL, new double[] {5.0 * (3 - k), 0, 0}));
        }
        Path file = write(tmp.resolve("two-stacks.dcm"), frames);
        List<DicomSeries> series = allSeries(FolderScanner.scan(tmp));
        assertEquals(List.of("Stack 1", "Stack 2"), series.stream().map(DicomSeries::stack).toList());
        // axial: normal (0, 0, 1); frame 6 lies lowest (z = 0); sagittal: normal (-1, 0, 0), frame 1 at x = 15 first
        assertEquals(List.of(6, 4, 2, 0), fileFrames(series.get(0)));
        assertEquals(List.of(1, 3, 5, 7), fileFrames(series.get(1)));
        for (DicomSeries s : series) {
            assertEquals(List.of(), s.warnings(), s.stack());
            assertAscending(s, s.stack());
        }
        DicomFile dicom = DicomReader.read(file);
        for (DicomSeries s : series) {
            for (DicomInstance entry : s.instances()) {
                float value = PixelPipeline.grayscale(dicom, entry.fileFrame(0)).values()[0];
                assertEquals(entry.fileFrame(0) * 100, value, 0, "the entry names the frame that holds its pixels");
            }
        }
    }

    @Test
    void withoutStackIdsFramesGroupByOrientationAndGapsAreReportedPerStack() throws Exception {
        List<Frame> frames = new ArrayList<>();
        double[] axialZ = {0, 5, 10, 25, 30};
        for (int k = 0; k < axialZ.length; k++) {
            frames.add(new Frame(null, 0, AXIAL, new double[] {0, 0, axialZ[k]}));
            frames.add(new Frame(null, 0, SAGITTAL, new double[] {-4.0 * k, 0, 0}));
        }
        write(tmp.resolve("by-orientation.dcm"), frames);
        List<DicomSeries> series = allSeries(FolderScanner.scan(tmp));
        assertEquals(List.of("Axial", "Sagittal"), series.stream().map(DicomSeries::stack).toList());
        assertEquals(List.of(0, 2, 4, 6, 8), fileFrames(series.get(0)));
        assertEquals(List.of(1, 3, 5, 7, 9), fileFrames(series.get(1)));
        assertTrue(series.get(0).warnings().stream().anyMatch(w -> w.startsWith("Gap: 15.00 mm")),
                series.get(0).warnings().toString());
        assertEquals(List.of(), series.get(1).warnings());
    }

    @Test
    void aStackWhoseFramesDisagreeInOrientationIsReported() throws Exception {
        List<Frame> frames = List.of(new Frame("7", 1, AXIAL, new double[] {0, 0, 0}),
                new Frame("7", 2, SAGITTAL, new double[] {3, 0, 0}), new Frame("7", 3, AXIAL, new double[] {0, 0, 6}));
        write(tmp.resolve("mixed.dcm"), frames);
        List<DicomSeries> series = allSeries(FolderScanner.scan(tmp));
        assertEquals(1, series.size());
        assertTrue(series.get(0).warnings().stream().anyMatch(w -> w.startsWith("Mixed orientations")),
                series.get(0).warnings().toString());
        assertEquals(List.of(0, 1, 2), fileFrames(series.get(0)), "In-Stack Position order when it cannot be sorted");
    }

    private static boolean hasPerFrameGroups(Path file) {
        try {
            return DicomReader.read(file, DicomReader.ReadOptions.HEADER_ONLY).dataset()
                    .contains(Tag.PerFrameFunctionalGroupsSequence);
        } catch (Exception e) {
            return false;
        }
    }

    private static void assertAscending(DicomSeries s, String what) {
        List<DicomInstance> in = s.instances();
        if (in.size() < 2 || in.stream().anyMatch(i -> i.imagePosition() == null || i.imageOrientation() == null)
                || !s.warnings().stream().noneMatch(w -> w.startsWith("Mixed orientations"))) {
            return;
        }
        double[] normal = SeriesAssembler.normal(in.get(0).imageOrientation());
        for (int k = 1; k < in.size(); k++) {
            assertFalse(dot(normal, in.get(k).imagePosition()) < dot(normal, in.get(k - 1).imagePosition()),
                    what + ": entries ascend along the normal");
        }
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static List<Integer> fileFrames(DicomSeries s) {
        return s.instances().stream().map(i -> i.fileFrame(0)).toList();
    }

    private static List<DicomSeries> allSeries(ScanResult r) {
        return r.patients().stream().flatMap(p -> p.studies().stream()).flatMap(s -> s.series().stream()).toList();
    }

    /** An Enhanced MR Image with one SIZE×SIZE frame per entry, frame k filled with the value 100 k. */
    private static Path write(Path file, List<Frame> frames) throws Exception {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.4.1");
        ds.setString(Tag.SOPInstanceUID, VR.UI, "2.25.4242" + frames.size() + file.getFileName().toString().length());
        ds.setString(Tag.StudyInstanceUID, VR.UI, "2.25.4243");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.4244");
        ds.setString(Tag.Modality, VR.CS, "MR");
        ds.setString(Tag.PatientID, VR.LO, "STACKS");
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames.size()));
        ds.setInt(Tag.Rows, VR.US, SIZE);
        ds.setInt(Tag.Columns, VR.US, SIZE);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 16);
        ds.setInt(Tag.HighBit, VR.US, 15);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        Dataset measures = new Dataset().setDouble(Tag.PixelSpacing, VR.DS, 1, 1).setDouble(Tag.SliceThickness, VR.DS, 2);
        ds.setSequence(Tag.SharedFunctionalGroupsSequence,
                List.of(new Dataset().setSequence(PIXEL_MEASURES_SEQUENCE, List.of(measures))));
        List<Dataset> perFrame = new ArrayList<>();
        byte[] pixels = new byte[frames.size() * SIZE * SIZE * 2];
        for (int k = 0; k < frames.size(); k++) {
            Frame f = frames.get(k);
            Dataset content = new Dataset();
            if (f.stackId() != null) {
                content.setString(Tag.StackID, VR.SH, f.stackId());
                content.setInt(Tag.InStackPositionNumber, VR.UL, f.inStack());
            }
            perFrame.add(new Dataset()
                    .setSequence(Tag.FrameContentSequence, List.of(content))
                    .setSequence(Tag.PlanePositionSequence,
                            List.of(new Dataset().setDouble(Tag.ImagePositionPatient, VR.DS, f.position())))
                    .setSequence(Tag.PlaneOrientationSequence,
                            List.of(new Dataset().setDouble(Tag.ImageOrientationPatient, VR.DS, f.orientation()))));
            for (int p = 0; p < SIZE * SIZE; p++) {
                int at = (k * SIZE * SIZE + p) * 2;
                pixels[at] = (byte) (k * 100);
                pixels[at + 1] = (byte) ((k * 100) >> 8);
            }
        }
        ds.setSequence(Tag.PerFrameFunctionalGroupsSequence, perFrame);
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        DicomWriter.write(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return file;
    }
}
