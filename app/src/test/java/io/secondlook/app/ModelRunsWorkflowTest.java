package io.secondlook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.app.workflow.AppHome;
import io.secondlook.app.workflow.SeriesAnalysis;
import io.secondlook.app.workflow.Segmentations;
import io.secondlook.app.workflow.Workstation;
import io.secondlook.core.domain.Outcome;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.inference.segment.SegmentClass;
import io.secondlook.inference.segment.SegmentationResult;
import io.secondlook.inference.volume.DicomVolumeLoader;
import io.secondlook.inference.volume.Volume;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Series and volume runs without a window: what they record, what a cancel leaves, and the report they key. */
class ModelRunsWorkflowTest {
    @TempDir
    static Path tmp;

    private static Workstation workstation;
    private static DicomSeries ct;
    private static Volume volume;

    @BeforeAll
    static void open() throws Exception {
        workstation = Workstation.open(new AppHome(tmp.resolve("home")));
        ct = workstation.firstSeries("CT").orElseThrow();
        volume = DicomVolumeLoader.load(ct);
        Path models = workstation.home().models();
        CtTestModels.threshold(models.resolve("threshold"), volume.width(), volume.height(), volume.depth(),
                volume.orientation());
        CtTestModels.brightness(models.resolve("brightness"));
        workstation.models().rescan();
    }

    @AfterAll
    static void close() {
        workstation.close();
    }

    @Test
    void aSegmentationIsRecordedWithItsVolumesAndKeysTheReport() throws Exception {
        Segmentations.Result run = workstation.segmentations().run(CtTestModels.THRESHOLD_ID, ct,
                (fraction, step, remaining) -> { }, () -> false);
        SegmentationResult r = run.segmentation();
        assertEquals(volume.width() * volume.height() * volume.depth(), r.labels().length);
        SegmentClass lung = r.segmentClass("lung");
        SegmentClass bone = r.segmentClass("bone");
        assertEquals(lung.voxels() * volume.voxelVolumeMm3() / 1000, lung.volumeMl(), 1e-6);
        String label = String.format(Locale.ROOT, "Segmentation: lung %.1f ml, bone %.1f ml", lung.volumeMl(),
                bone.volumeMl());
        assertEquals(label, run.finding().label());
        assertTrue(run.finding().positive());
        double entropySum = 0;
        long labelled = 0;
        for (int i = 0; i < r.labels().length; i++) {
            if (r.labels()[i] != 0) {
                entropySum += r.entropy()[i];
                labelled++;
            }
        }
        assertEquals(1 - entropySum / labelled, run.finding().probability(), 1e-9, "mean certainty");
        assertEquals(lung.voxels() + bone.voxels(), labelled);
        assertEquals(ct.instances().get(run.keySlice()).sopInstanceUid(), run.finding().sopInstanceUid());

        workstation.findings(studyUid()).stream().filter(f -> !f.decided())
                .forEach(f -> workstation.decide(f.finding().id(), Outcome.ACCEPTED, "volumes plausible"));
        Path pdf = tmp.resolve("report.pdf");
        workstation.exportReport(run.finding().studyUid(), pdf);
        String text = pdfText(pdf);
        assertTrue(text.contains("lung " + String.format(Locale.ROOT, "%.1f", lung.volumeMl()) + " ml"), text);
        assertTrue(text.contains("Key image: slice " + (run.keySlice() + 1)), text);
    }

    @Test
    void aCancelledSegmentationRecordsNothing() {
        int before = workstation.findings(studyUid()).size();
        AtomicInteger polls = new AtomicInteger();
        assertThrows(CancellationException.class, () -> workstation.segmentations().run(CtTestModels.THRESHOLD_ID,
                ct, (fraction, step, remaining) -> { }, () -> polls.incrementAndGet() > 5));
        assertEquals(before, workstation.findings(studyUid()).size());
    }

    @Test
    void aSeriesRunScoresEveryImageAndACancelledOneRecordsNothing() throws Exception {
        int before = workstation.findings(studyUid()).size();
        assertThrows(CancellationException.class, () -> SeriesAnalysis.run(workstation, CtTestModels.BRIGHTNESS_ID,
                ct, p -> { }, () -> true));
        assertEquals(before, workstation.findings(studyUid()).size());

        SeriesAnalysis.Result run = SeriesAnalysis.run(workstation, CtTestModels.BRIGHTNESS_ID, ct, p -> { },
                () -> false);
        assertEquals(ct.instances().size(), run.classification().analysed());
        int max = run.classification().maxIndex().orElseThrow();
        assertEquals(run.classification().maxProbability(), run.finding().probability(), 1e-12);
        assertEquals(ct.instances().get(max).sopInstanceUid(), run.finding().sopInstanceUid());
        assertEquals(before + 1, workstation.findings(studyUid()).size());
        workstation.findings(studyUid()).stream().filter(f -> !f.decided())
                .forEach(f -> workstation.decide(f.finding().id(), Outcome.REJECTED, null));
        Path pdf = tmp.resolve("series-report.pdf");
        workstation.exportReport(studyUid(), pdf);
        assertTrue(pdfText(pdf).contains("the model gives no heat map"), "key image of a classifier without CAM");
        IllegalArgumentException wrongTask = assertThrows(IllegalArgumentException.class,
                () -> SeriesAnalysis.run(workstation, CtTestModels.THRESHOLD_ID, ct, p -> { }, () -> false));
        assertTrue(wrongTask.getMessage().contains("needs a classification model"), wrongTask.getMessage());
    }

    /**
     * The label volume lives only in memory, but the key image saved with the finding lets a report be exported
     * after a restart, with the same picture; without it the export says to run the segmentation again.
     */
    @Test
    void aSegmentationReportCanBeExportedAfterARestart() throws Exception {
        AppHome home = new AppHome(tmp.resolve("restart-home"));
        String findingUid;
        int keySlice;
        String studyUid;
        try (Workstation first = Workstation.open(home)) {
            DicomSeries series = first.firstSeries("CT").orElseThrow();
            CtTestModels.threshold(home.models().resolve("threshold"), volume.width(), volume.height(),
                    volume.depth(), volume.orientation());
            first.models().rescan();
            Segmentations.Result run = first.segmentations().run(CtTestModels.THRESHOLD_ID, series,
                    (fraction, step, remaining) -> { }, () -> false);
            findingUid = run.finding().findingUid();
            keySlice = run.keySlice();
            studyUid = run.finding().studyUid();
            first.findings(studyUid).stream().filter(f -> !f.decided())
                    .forEach(f -> first.decide(f.finding().id(), Outcome.ACCEPTED, null));
        }
        Path png = home.keyImages().resolve(findingUid + ".png");
        BufferedImage saved = ImageIO.read(png.toFile());
        assertEquals(volume.width(), saved.getWidth());
        boolean coloured = false;
        for (int y = 0; y < saved.getHeight() && !coloured; y++) {
            for (int x = 0; x < saved.getWidth() && !coloured; x++) {
                int rgb = saved.getRGB(x, y);
                coloured = (rgb >> 16 & 0xFF) != (rgb & 0xFF);
            }
        }
        assertTrue(coloured, "labels blended into the key image");
        try (Workstation second = Workstation.open(home)) {
            Path pdf = tmp.resolve("after-restart.pdf");
            second.exportReport(studyUid, pdf);
            assertTrue(pdfText(pdf).contains("Key image: slice " + (keySlice + 1)), pdfText(pdf));
            try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
                BufferedImage inPdf = null;
                for (PDPage page : document.getPages()) {
                    for (COSName name : page.getResources().getXObjectNames()) {
                        if (page.getResources().getXObject(name) instanceof PDImageXObject image
                                && image.getWidth() == saved.getWidth()) {
                            inPdf = image.getImage();
                        }
                    }
                }
                assertNotNull(inPdf, "the key image is in the report");
                for (int y = 0; y < saved.getHeight(); y += 7) {
                    for (int x = 0; x < saved.getWidth(); x += 7) {
                        assertEquals(saved.getRGB(x, y) & 0xFFFFFF, inPdf.getRGB(x, y) & 0xFFFFFF, x + "," + y);
                    }
                }
            }
            Files.delete(png);
            IllegalStateException missing = assertThrows(IllegalStateException.class,
                    () -> second.exportReport(studyUid, tmp.resolve("no-key-image.pdf")));
            assertTrue(missing.getMessage().contains("run the segmentation again"), missing.getMessage());
        }
    }

    private static String pdfText(Path pdf) throws java.io.IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document).replace('\n', ' ');
        }
    }

    private static String studyUid() {
        return workstation.studyOf(ct).orElseThrow().studyInstanceUid();
    }
}
