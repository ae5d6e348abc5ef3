package io.secondlook.reports.pdf;

import io.secondlook.core.domain.Decision;
import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.ReviewedFinding;
import io.secondlook.core.domain.Study;
import io.secondlook.core.store.ReportGate;
import io.secondlook.core.store.UndecidedFindingsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/**
 * Writes the A4 PDF report of a reviewed study: patient and study identification, the key image, every AI
 * finding with the clinician's decision, who exported it and when. The text is real text, so it can be searched
 * and read back. The file appears whole or not at all.
 */
public final class PdfReportWriter {

    static final String TITLE = "SecondLook AI-assisted review report";
    private static final float LABEL_WIDTH = 120;
    private static final float KEY_IMAGE_MAX_HEIGHT = 240;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    /**
     * Writes the report to {@code target}, replacing any file there.
     *
     * @throws UndecidedFindingsException when a finding has no decision; nothing is written then
     * @throws IOException                when the file cannot be written; no partial file is left
     */
    public WrittenReport write(ReportContent content, Path target) throws IOException {
        ReportGate.ensureAllDecided(content.findings());
        byte[] pdf;
        int pages;
        try (PDDocument document = new PDDocument()) {
            render(document, content);
            pages = document.getNumberOfPages();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            pdf = bytes.toByteArray();
        }
        Path file = target.toAbsolutePath();
        writeAtomically(pdf, file);
        return new WrittenReport(file, sha256(pdf), pages);
    }

    private static void render(PDDocument document, ReportContent content) throws IOException {
        ReportFonts fonts = ReportFonts.load(document);
        ZoneId zone = content.zone();
        try (PdfLayout layout = new PdfLayout(document, fonts)) {
            layout.paragraph(TITLE, fonts.bold(), 16, 0);
            layout.paragraph("Exported by " + content.exportingReader() + " on "
                    + format(content.exportedAt(), zone), fonts.regular(), 10, 0);

            Patient patient = content.patient();
            layout.heading("Patient");
            layout.field("Name", PersonName.display(patient.name()), LABEL_WIDTH);
            layout.field("Patient ID", patient.issuer().isEmpty() ? patient.patientId()
                    : patient.patientId() + " (issuer " + patient.issuer() + ")", LABEL_WIDTH);
            layout.field("Birth date", patient.birthDate() == null ? null : patient.birthDate().toString(),
                    LABEL_WIDTH);
            layout.field("Sex", patient.sex(), LABEL_WIDTH);

            Study study = content.study();
            layout.heading("Study");
            String when = study.date() == null ? null
                    : study.date() + (study.time() == null ? "" : " " + study.time());
            layout.field("Date", when, LABEL_WIDTH);
            layout.field("Description", study.description(), LABEL_WIDTH);
            layout.field("Accession number", study.accessionNumber(), LABEL_WIDTH);
            layout.field("Modality", String.join(", ", study.modalities()), LABEL_WIDTH);
            layout.field("Study Instance UID", study.studyInstanceUid(), LABEL_WIDTH);

            if (content.keyImage() != null) {
                layout.heading("Key image");
                layout.image(LosslessFactory.createFromImage(document, content.keyImage()), KEY_IMAGE_MAX_HEIGHT,
                        content.keyImageCaption());
            }

            layout.heading("AI findings and decisions");
            if (content.findings().isEmpty()) {
                layout.paragraph("The AI reported no findings.", fonts.regular(), 10, 0);
            }
            int number = 1;
            for (ReviewedFinding reviewed : content.findings()) {
                finding(layout, fonts, number++, reviewed, zone);
            }
        }
        PdfLayout.footers(document, fonts, content.disclaimer() == null ? "" : content.disclaimer());
        information(document, content);
    }

    private static void finding(PdfLayout layout, ReportFonts fonts, int number, ReviewedFinding reviewed,
                                ZoneId zone) throws IOException {
        Finding finding = reviewed.finding();
        Decision decision = reviewed.decision();
        layout.ensureSpace(70);
        layout.gap(4);
        layout.paragraph(number + ". " + finding.label() + " - " + (finding.positive() ? "positive" : "negative"),
                fonts.bold(), 11, 0);
        layout.paragraph(String.format(Locale.ROOT, "Probability %.2f (threshold %.2f); model %s version %s",
                finding.probability(), finding.threshold(), finding.modelId(), finding.modelVersion()),
                fonts.regular(), 10, 12);
        layout.paragraph("Decision: " + decision.outcome() + " by " + decision.reader() + " on "
                + format(decision.decidedAt(), zone), fonts.bold(), 10, 12);
        String comment = decision.comment();
        layout.paragraph("Comment: " + (comment == null || comment.isBlank() ? "none" : comment),
                fonts.regular(), 10, 12);
    }

    private static void information(PDDocument document, ReportContent content) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(TITLE);
        info.setAuthor(content.exportingReader());
        info.setCreator("SecondLook");
        info.setProducer("SecondLook");
        GregorianCalendar created = GregorianCalendar.from(content.exportedAt().atZone(content.zone()));
        info.setCreationDate(created);
        info.setModificationDate(created);
    }

    private static String format(Instant instant, ZoneId zone) {
        return instant == null ? "-" : DATE_TIME.format(instant.atZone(zone));
    }

    /** Temp file in the same folder, forced to disk, then renamed over the target. */
    private static void writeAtomically(byte[] pdf, Path file) throws IOException {
        Path folder = file.getParent();
        Files.createDirectories(folder);
        // Not Files.createTempFile: its owner-only permissions would stick to the report after the rename.
        Path temp = folder.resolve("." + file.getFileName() + "-" + java.util.UUID.randomUUID() + ".part");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(pdf);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
