package io.secondlook.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.core.audit.AuditEvent;
import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.ModelRun;
import io.secondlook.core.domain.NewFinding;
import io.secondlook.core.domain.NewModelRun;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.Report;
import io.secondlook.core.domain.Study;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.core.store.UndecidedFindingsException;
import io.secondlook.reports.pdf.ReportContent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportExporterTest {

    private static final String STUDY_UID = "1.2.826.0.1.3680043.10.1234.7";

    @TempDir
    Path dir;

    @Test
    void exportsOnlyOnceEveryFindingIsDecidedAndRecordsTheFileHash() throws Exception {
        Path target = dir.resolve("reports").resolve("study.pdf");
        try (ClinicalStore store = ClinicalStore.open(dir.resolve("store.db"))) {
            store.upsertPatient(new Patient("SL-7", "", "Roe^Richard", LocalDate.of(1960, 5, 1), "M"));
            store.upsertStudy(new Study(STUDY_UID, "SL-7", "", LocalDate.of(2026, 2, 3), null, "CR CHEST PA",
                    "ACC-7", List.of("CR")));
            ModelRun run = store.recordModelRun(NewModelRun.started("demo-cxr", "0.3.1", "cpu", STUDY_UID, null));
            Finding finding = store.recordFinding(NewFinding.of(run.id(), null, null, null, "cardiomegaly", 0.64,
                    0.5));
            ReportExporter exporter = new ReportExporter(store);
            BufferedImage image = new BufferedImage(200, 240, BufferedImage.TYPE_BYTE_GRAY);

            assertThrows(UndecidedFindingsException.class, () -> exporter.exportPdf(STUDY_UID, image, "PA view",
                    ReportContent.DEMONSTRATION_MODEL, "dr.grey", target));
            assertFalse(Files.exists(target));

            store.recordDecision(finding.id(), Outcome.ACCEPTED, "borderline, CTR 0.52", "dr.grey");
            Report report = exporter.exportPdf(STUDY_UID, image, "PA view", ReportContent.DEMONSTRATION_MODEL,
                    "dr.grey", target);

            assertEquals(target, report.path());
            byte[] bytes = Files.readAllBytes(target);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                    report.sha256());
            assertEquals(List.of(report), store.reportsForStudy(STUDY_UID));
            List<AuditEvent> events = store.auditLog().events();
            assertEquals(List.of("REPORT_EXPORTED", "REPORT_SIGNED"), events.subList(events.size() - 2,
                    events.size()).stream().map(AuditEvent::action).toList());
            assertTrue(events.get(events.size() - 1).afterJson().contains(report.sha256()));
            assertTrue(store.auditLog().verify().intact());
            try (PDDocument pdf = Loader.loadPDF(bytes)) {
                String text = new PDFTextStripper().getText(pdf);
                assertTrue(text.contains("cardiomegaly - positive"), text);
                assertTrue(text.contains("borderline, CTR 0.52"), text);
                assertTrue(text.contains("model demo-cxr version 0.3.1"), text);
            }
        }
    }
}
