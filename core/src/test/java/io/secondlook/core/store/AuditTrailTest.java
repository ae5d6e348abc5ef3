package io.secondlook.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.core.audit.AuditChain;
import io.secondlook.core.audit.AuditEvent;
import io.secondlook.core.audit.AuditVerification;
import io.secondlook.core.domain.Decision;
import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.Outcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path db;
    private Decision second;

    /** Eight events: open, run, finding, a decision and its change, run finished, report exported and signed. */
    @BeforeEach
    void reviewAStudy() {
        db = dir.resolve("audit.db");
        try (ClinicalStore store = ClinicalStore.open(db, "tech", Clock.systemUTC())) {
            Fixtures.importStudy(store, dir);
            store.recordPatientOpened(Fixtures.PATIENT_ID, "HOSP");
            var run = Fixtures.run(store);
            Finding finding = Fixtures.finding(store, run, "nodule", 0.9);
            store.recordDecision(finding.id(), Outcome.ACCEPTED, "first look", "dr.a");
            second = store.recordDecision(finding.id(), Outcome.REJECTED, "second look", "dr.b");
            store.finishModelRun(run.id(), io.secondlook.core.domain.ModelRun.Status.SUCCEEDED);
            store.recordReport(Fixtures.STUDY_UID, dir.resolve("r.pdf"), "b".repeat(64), "dr.b");
        }
    }

    @Test
    void everyClinicalActionIsChainedInOrder() {
        try (ClinicalStore store = ClinicalStore.open(db)) {
            List<AuditEvent> events = store.auditLog().events();
            assertEquals(List.of("PATIENT_OPENED", "MODEL_RUN_RECORDED", "FINDING_RECORDED", "DECISION_RECORDED",
                    "DECISION_CHANGED", "MODEL_RUN_FINISHED", "REPORT_EXPORTED", "REPORT_SIGNED"),
                    events.stream().map(AuditEvent::action).toList());
            assertEquals(List.of("tech", "tech", "tech", "dr.a", "dr.b", "tech", "dr.b", "dr.b"),
                    events.stream().map(AuditEvent::actor).toList());
            assertEquals(AuditChain.GENESIS, events.get(0).prevHash());
            for (int i = 1; i < events.size(); i++) {
                assertEquals(events.get(i - 1).hash(), events.get(i).prevHash());
                assertEquals(i + 1, events.get(i).sequence());
            }
            AuditEvent superseding = events.get(4);
            assertEquals(String.valueOf(second.id()), superseding.entityId());
            assertTrue(superseding.beforeJson().contains("\"ACCEPTED\""), superseding.beforeJson());
            assertTrue(superseding.afterJson().contains("\"second look\""), superseding.afterJson());
            assertNull(events.get(3).beforeJson());

            AuditVerification verification = store.auditLog().verify();
            assertTrue(verification.intact(), verification.toString());
            assertEquals(8, verification.eventCount());
            assertEquals(events.get(7).hash(), verification.headHash());
        }
    }

    @Test
    void aChangedDecisionKeepsBeforeAndAfterAndAnEditedCommentToo() throws Exception {
        try (ClinicalStore store = ClinicalStore.open(db, "tech", Clock.systemUTC())) {
            Decision edited = store.recordDecision(second.findingId(), Outcome.REJECTED, "second look, benign",
                    "dr.b");
            AuditEvent changed = store.auditLog().events().get(4);
            JsonNode before = JSON.readTree(changed.beforeJson());
            JsonNode after = JSON.readTree(changed.afterJson());
            assertEquals("ACCEPTED", before.get("outcome").asText());
            assertEquals("first look", before.get("comment").asText());
            assertEquals("dr.a", before.get("reader").asText());
            assertEquals("REJECTED", after.get("outcome").asText());
            assertEquals("second look", after.get("comment").asText());
            assertEquals(second.id(), after.get("id").asLong());

            AuditEvent commentEdit = store.auditLog().events().get(8);
            assertEquals("DECISION_CHANGED", commentEdit.action());
            assertEquals(String.valueOf(edited.id()), commentEdit.entityId());
            JsonNode editBefore = JSON.readTree(commentEdit.beforeJson());
            JsonNode editAfter = JSON.readTree(commentEdit.afterJson());
            assertEquals(editBefore.get("outcome"), editAfter.get("outcome"), "only the comment changed");
            assertEquals("second look", editBefore.get("comment").asText());
            assertEquals("second look, benign", editAfter.get("comment").asText());
        }
        assertIntact();
    }

    @Test
    void theSignatureNamesSignerTimeAndTheReportsHash() throws Exception {
        try (ClinicalStore store = ClinicalStore.open(db)) {
            List<AuditEvent> events = store.auditLog().events();
            AuditEvent exported = events.get(6);
            AuditEvent signed = events.get(7);
            assertEquals("REPORT", signed.entityType());
            assertEquals(exported.entityId(), signed.entityId(), "the signature is on the exported report");
            assertNull(signed.beforeJson());
            JsonNode signature = JSON.readTree(signed.afterJson());
            assertEquals("b".repeat(64), signature.get("sha256").asText());
            assertEquals("dr.b", signature.get("signer").asText());
            assertEquals(Fixtures.STUDY_UID, signature.get("studyUid").asText());
            assertEquals(JSON.readTree(exported.afterJson()).get("createdAt"), signature.get("signedAt"));
        }
        assertIntact();
    }

    @Test
    void aForgedSignatureHashIsDetected() throws Exception {
        tamper("UPDATE audit_events SET after_json = replace(after_json, '" + "b".repeat(64) + "', '"
                + "c".repeat(64) + "') WHERE action = 'REPORT_SIGNED'");
        assertBrokenAt(8, "edited");
    }

    @Test
    void aDeletedDecisionChangeIsDetected() throws Exception {
        tamper("DELETE FROM audit_events WHERE action = 'DECISION_CHANGED'");
        assertBrokenAt(5, "missing");
    }

    @Test
    void sqliteRefusesToEditOrDeleteEventsOrDecisions() throws Exception {
        try (Connection c = Fixtures.raw(db); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE audit_events SET actor = 'x' WHERE sequence = 2"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM audit_events"));
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE decisions SET outcome = 'ACCEPTED'"));
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM decisions"));
        }
        assertIntact();
    }

    @Test
    void editedEventIsDetectedAtItsSequence() throws Exception {
        tamper("UPDATE audit_events SET after_json = replace(after_json, 'REJECTED', 'ACCEPTED') WHERE sequence = 5");
        assertBrokenAt(5, "edited");
    }

    @Test
    void editedEventWithRecomputedHashIsDetectedAtTheNextLink() throws Exception {
        try (ClinicalStore store = ClinicalStore.open(db)) {
            AuditEvent original = store.auditLog().events().get(2);
            String forgedHash = AuditChain.hash(original.sequence(), original.occurredAt(), "someone-else",
                    original.action(), original.entityType(), original.entityId(), original.beforeJson(),
                    original.afterJson(), original.prevHash());
            store.close();
            tamper("UPDATE audit_events SET actor = 'someone-else', hash = '" + forgedHash + "' WHERE sequence = 3");
        }
        assertBrokenAt(4, "prevHash");
    }

    @Test
    void deletedEventIsDetected() throws Exception {
        tamper("DELETE FROM audit_events WHERE sequence = 2");
        assertBrokenAt(2, "missing");
    }

    @Test
    void deletedFirstEventIsDetected() throws Exception {
        tamper("DELETE FROM audit_events WHERE sequence = 1");
        assertBrokenAt(1, "missing");
    }

    @Test
    void garbledTimestampIsDetected() throws Exception {
        tamper("UPDATE audit_events SET occurred_at = 'yesterday' WHERE sequence = 6");
        assertBrokenAt(6, "unreadable");
    }

    @Test
    void appendingContinuesTheChainAfterReopening() {
        try (ClinicalStore store = ClinicalStore.open(db)) {
            store.recordPatientOpened(Fixtures.PATIENT_ID, "HOSP");
            List<AuditEvent> events = store.auditLog().events();
            assertEquals(9, events.size());
            assertEquals(events.get(7).hash(), events.get(8).prevHash());
        }
        assertIntact();
    }

    /** Changes rows behind the store's back, as someone with the file and a SQLite shell could. */
    private void tamper(String sql) throws SQLException {
        try (Connection c = Fixtures.raw(db); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TRIGGER audit_events_no_update");
            s.executeUpdate("DROP TRIGGER audit_events_no_delete");
            s.executeUpdate(sql);
        }
    }

    private void assertIntact() {
        try (ClinicalStore store = ClinicalStore.open(db)) {
            assertTrue(store.auditLog().verify().intact());
        }
    }

    private void assertBrokenAt(long sequence, String problem) {
        try (ClinicalStore store = ClinicalStore.open(db)) {
            AuditVerification verification = store.auditLog().verify();
            assertFalse(verification.intact());
            assertEquals(sequence, verification.brokenSequence(), verification.toString());
            assertTrue(verification.problem().contains(problem), verification.toString());
        }
    }
}
