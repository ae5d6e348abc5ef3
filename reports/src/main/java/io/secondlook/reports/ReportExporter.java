package io.secondlook.reports;

import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.Report;
import io.secondlook.core.domain.ReviewedFinding;
import io.secondlook.core.domain.Study;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.core.store.ReportGate;
import io.secondlook.core.store.UndecidedFindingsException;
import io.secondlook.reports.pdf.PdfReportWriter;
import io.secondlook.reports.pdf.ReportContent;
import io.secondlook.reports.pdf.WrittenReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Exports a study's PDF report from what the clinical store holds, and records it (path, SHA-256, reader) in
 * the store and its audit trail. A report is either written and recorded, or neither.
 */
public final class ReportExporter {

    private final ClinicalStore store;
    private final PdfReportWriter writer;
    private final Clock clock;

    public ReportExporter(ClinicalStore store) {
        this(store, new PdfReportWriter(), Clock.systemDefaultZone());
    }

    public ReportExporter(ClinicalStore store, PdfReportWriter writer, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Writes the study's report to {@code target} and records it.
     *
     * @param keyImage   the key image composited with its heatmap, or null
     * @param disclaimer the model card's disclaimer line, e.g. {@link ReportContent#DEMONSTRATION_MODEL}, or null
     * @throws UndecidedFindingsException when a finding of the study has no decision; nothing is written
     * @throws IllegalArgumentException   when the study or its patient is not in the store
     */
    public Report exportPdf(String studyUid, BufferedImage keyImage, String caption, String disclaimer,
                            String reader, Path target) throws IOException {
        Study study = store.study(studyUid)
                .orElseThrow(() -> new IllegalArgumentException("study is not in the clinical store"));
        Patient patient = store.patient(study.patientId(), study.issuer())
                .orElseThrow(() -> new IllegalArgumentException("the study's patient is not in the clinical store"));
        List<ReviewedFinding> findings = store.reviewedFindings(studyUid);
        ReportGate.ensureAllDecided(findings);
        ReportContent content = new ReportContent(patient, study, keyImage, caption, findings, reader,
                clock.instant(), clock.getZone(), disclaimer);
        WrittenReport written = writer.write(content, target);
        try {
            return store.recordReport(studyUid, written.path(), written.sha256(), reader);
        } catch (RuntimeException e) {
            Files.deleteIfExists(written.path());
            throw e;
        }
    }
}
