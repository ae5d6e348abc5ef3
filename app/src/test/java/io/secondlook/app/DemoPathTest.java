package io.secondlook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.app.cli.SecondLookCommand;
import io.secondlook.core.audit.AuditVerification;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.ReviewedFinding;
import io.secondlook.core.store.ClinicalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end without a window, under a guard that fails on any network connection:
 * demo study written by our DICOM writer, read back, analysed by the ONNX model through DJL, decided,
 * recorded in SQLite, exported as PDF and findings.json.
 */
class DemoPathTest {

    @Test
    void demoCommandRunsTheWholePathOffline(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        Path out = tmp.resolve("out");
        int exitCode;
        List<String> attempts;
        try (NetworkGuard guard = NetworkGuard.install()) {
            exitCode = SecondLookCommand.execute(new String[] {"--home", home.toString(), "demo", "--out", out.toString(),
                "--decide", "reject", "--comment", "Opacity is a positioning artefact"}, h -> { });
            attempts = guard.attempts();
        }
        assertEquals(List.of(), attempts, "no network connection may be attempted");
        assertEquals(0, exitCode);

        JsonNode json = new ObjectMapper().readTree(out.resolve("findings.json").toFile());
        JsonNode finding = json.path("findings").path(0);
        String label = finding.path("label").asText();
        assertTrue(label.equals("pneumonia") || label.equals("normal"), label);
        double probability = finding.path("probability").asDouble();
        assertTrue(probability >= 0 && probability <= 1);
        assertEquals("REJECTED", finding.path("decision").path("outcome").asText());
        assertEquals("pneumonia-demo", json.path("model").path("id").asText());
        assertEquals("cpu", json.path("device").asText());
        assertEquals("CAM", finding.path("saliency").path("method").asText());

        String text;
        try (PDDocument pdf = Loader.loadPDF(out.resolve("report.pdf").toFile())) {
            text = new PDFTextStripper().getText(pdf);
        }
        assertTrue(text.contains("SL-DEMO-0001"), "patient ID in the report");
        assertTrue(text.contains("REJECTED"), "decision in the report");
        assertTrue(text.contains("Opacity is a positioning artefact"), "comment in the report");
        assertTrue(text.contains(label), "finding label in the report");
        assertTrue(text.contains("pneumonia-demo") || text.contains("Pneumonia"), "model in the report");

        try (ClinicalStore store = ClinicalStore.open(home.resolve("secondlook.db"))) {
            String studyUid = json.path("studyInstanceUid").asText();
            List<ReviewedFinding> reviewed = store.reviewedFindings(studyUid);
            assertEquals(1, reviewed.size());
            assertEquals(Outcome.REJECTED, reviewed.get(0).decision().outcome());
            assertEquals(1, store.reportsForStudy(studyUid).size());
            AuditVerification audit = store.auditLog().verify();
            assertTrue(audit.intact(), audit.toString());
        }
        assertTrue(Files.size(out.resolve("report.pdf")) > 10_000);
    }
}
