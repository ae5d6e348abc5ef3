package io.secondlook.reports.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.core.domain.Decision;
import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.ReviewedFinding;
import io.secondlook.core.domain.Study;
import io.secondlook.core.store.UndecidedFindingsException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfReportWriterTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant EXPORTED = Instant.parse("2026-01-02T11:45:00Z");
    private static final Patient PATIENT =
            new Patient("SL-000123", "HOSP", "Doe^Jane", LocalDate.of(1970, 3, 14), "F");
    private static final Study STUDY = new Study("1.2.826.0.1.3680043.10.1234.1", "SL-000123", "HOSP",
            LocalDate.of(2026, 1, 2), LocalTime.of(9, 30), "CT CHEST", "ACC-42", List.of("CT"));

    @TempDir
    Path dir;

    private final PdfReportWriter writer = new PdfReportWriter();

    @Test
    void reportReadsBackWithEveryFindingDecisionAndTheKeyImage() throws IOException {
        BufferedImage keyImage = keyImage(640, 320);
        ReportContent content = content(keyImage, List.of(
                decided(finding(1, "pulmonary nodule", 0.87), Outcome.ACCEPTED, "6 mm nodule, right upper lobe"),
                decided(finding(2, "pleural effusion", 0.12), Outcome.REJECTED, null)));

        WrittenReport written = writer.write(content, dir.resolve("out").resolve("report.pdf"));

        assertEquals(dir.resolve("out").resolve("report.pdf"), written.path());
        assertEquals(PdfReportWriter.sha256(Files.readAllBytes(written.path())), written.sha256());
        try (PDDocument pdf = Loader.loadPDF(written.path().toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            for (String expected : List.of("Doe, Jane", "SL-000123", "1970-03-14", "CT CHEST", "ACC-42",
                    STUDY.studyInstanceUid(), "pulmonary nodule - positive", "Probability 0.87 (threshold 0.50)",
                    "model demo-nodule version 1.0.0", "Decision: ACCEPTED by dr.house on 2026-01-02 10:00 UTC",
                    "6 mm nodule, right upper lobe", "pleural effusion - negative", "Decision: REJECTED",
                    "Exported by dr.house on 2026-01-02 11:45 UTC", "Axial slice 42 with saliency overlay",
                    ReportContent.DEMONSTRATION_MODEL)) {
                assertTrue(text.contains(expected), () -> "missing '" + expected + "' in:\n" + text);
            }
            List<PDImageXObject> images = images(pdf.getPage(0));
            assertEquals(1, images.size());
            assertEquals(640, images.get(0).getWidth());
            assertEquals(320, images.get(0).getHeight());
            assertEquals(keyImage.getRGB(100, 100) & 0xFFFFFF, images.get(0).getImage().getRGB(100, 100) & 0xFFFFFF);

            assertEquals("dr.house", pdf.getDocumentInformation().getAuthor());
            assertEquals("SecondLook", pdf.getDocumentInformation().getProducer());
            assertEquals(PdfReportWriter.TITLE, pdf.getDocumentInformation().getTitle());
            assertEquals(EXPORTED, pdf.getDocumentInformation().getCreationDate().toInstant());
        }
        assertNoTempFiles(dir.resolve("out"));
    }

    @Test
    void undecidedFindingRefusesTheReportAndWritesNothing() {
        Finding undecided = finding(2, "pleural effusion", 0.6);
        ReportContent content = content(keyImage(64, 64), List.of(
                decided(finding(1, "pulmonary nodule", 0.87), Outcome.ACCEPTED, null),
                new ReviewedFinding(undecided, null)));
        Path target = dir.resolve("report.pdf");

        UndecidedFindingsException refused = assertThrows(UndecidedFindingsException.class,
                () -> writer.write(content, target));
        assertEquals(List.of(undecided), refused.undecided());
        assertFalse(Files.exists(target));
        assertNoTempFiles(dir);
    }

    @Test
    void manyFindingsFlowOntoASecondPageAndOddCharactersDoNotBreakIt() throws IOException {
        List<ReviewedFinding> findings = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            findings.add(decided(finding(i, "finding " + i, i / 20.0), Outcome.REJECTED,
                    "comment " + i + ": " + "not significant, ".repeat(12)));
        }
        Patient unusual = new Patient("SL-9", "", "Łukasiewicz-Müller^Zoë\tΑλέξης^山田", null, null);
        ReportContent content = new ReportContent(unusual, STUDY, keyImage(300, 900), null, findings, "reader 🩺",
                EXPORTED, UTC, null);

        WrittenReport written = writer.write(content, dir.resolve("long.pdf"));

        assertEquals(2, written.pageCount());
        try (PDDocument pdf = Loader.loadPDF(written.path().toFile())) {
            assertEquals(2, pdf.getNumberOfPages());
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Łukasiewicz-Müller, Zoë Αλέξης ?"), text);
            assertTrue(text.contains("finding 8"), text);
            assertTrue(text.contains("page 2 of 2"), text);
        }
    }

    @Test
    void existingReportIsReplacedWhole() throws IOException {
        Path target = dir.resolve("report.pdf");
        Files.writeString(target, "old");
        WrittenReport written = writer.write(content(null, List.of()), target);
        assertArrayEquals(Files.readAllBytes(target), Files.readAllBytes(written.path()));
        assertTrue(new String(Files.readAllBytes(target), 0, 5).startsWith("%PDF-"));
        assertNoTempFiles(dir);
    }

    @Test
    void imageFitKeepsTheAspectRatio() {
        assertArrayEquals(new float[] {495, 247.5f}, PdfLayout.fit(640, 320, 495, 300), 1e-3f);
        assertArrayEquals(new float[] {100, 300}, PdfLayout.fit(300, 900, 495, 300), 1e-3f);
    }

    @Test
    void dicomPersonNamesReadNaturally() {
        assertEquals("Doe, Jane", PersonName.display("Doe^Jane"));
        assertEquals("Doe, Dr Jane Q, III", PersonName.display("Doe^Jane^Q^Dr^III"));
        assertEquals("Yamada, Tarou", PersonName.display("Yamada^Tarou=山田^太郎"));
        assertEquals("Doe", PersonName.display("Doe"));
    }

    private static ReportContent content(BufferedImage keyImage, List<ReviewedFinding> findings) {
        return new ReportContent(PATIENT, STUDY, keyImage, "Axial slice 42 with saliency overlay", findings,
                "dr.house", EXPORTED, UTC, ReportContent.DEMONSTRATION_MODEL);
    }

    private static Finding finding(long id, String label, double probability) {
        return new Finding(id, "2.25." + id, 7, "demo-nodule", "1.0.0", STUDY.studyInstanceUid(),
                STUDY.studyInstanceUid() + ".1", null, null, label, probability, 0.5, probability >= 0.5,
                Instant.parse("2026-01-02T09:59:00Z"));
    }

    private static ReviewedFinding decided(Finding finding, Outcome outcome, String comment) {
        return new ReviewedFinding(finding, new Decision(finding.id() + 100, finding.id(), outcome, comment,
                "dr.house", Instant.parse("2026-01-02T10:00:00Z")));
    }

    /** A grey ramp with a red blob, standing in for a slice composited with its heatmap. */
    private static BufferedImage keyImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int grey = 255 * x / width;
                image.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(255, 0, 0, 128));
        g.fillOval(width / 3, height / 3, width / 4, height / 4);
        g.dispose();
        return image;
    }

    private static List<PDImageXObject> images(PDPage page) throws IOException {
        PDResources resources = page.getResources();
        List<PDImageXObject> images = new ArrayList<>();
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDImageXObject image) {
                images.add(image);
            }
        }
        return images;
    }

    private static void assertNoTempFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".part")).toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
