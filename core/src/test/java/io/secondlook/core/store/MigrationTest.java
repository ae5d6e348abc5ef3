package io.secondlook.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.core.audit.AuditVerification;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.Study;
import io.secondlook.core.worklist.AiStatus;
import io.secondlook.core.worklist.WorklistQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every earlier schema, holding a decided finding, upgrades to the latest without losing it. */
class MigrationTest {

    @TempDir
    Path dir;

    static IntStream earlierVersions() {
        return IntStream.range(1, ClinicalStore.SCHEMA_VERSION);
    }

    @ParameterizedTest(name = "from schema {0}")
    @MethodSource("earlierVersions")
    void upgradesKeepingDecisions(int version) throws Exception {
        Path db = dir.resolve("old.db");
        ClinicalStore.open(db, "old-build", Clock.systemUTC(), version).close();
        writeVersion1Rows(db);

        try (ClinicalStore store = ClinicalStore.open(db)) {
            assertEquals(ClinicalStore.SCHEMA_VERSION, store.schemaVersion());
            assertEquals(Outcome.REJECTED, store.latestDecision(1).orElseThrow().outcome());
            assertEquals("benign", store.latestDecision(1).orElseThrow().comment());
            assertEquals("nodule", store.findingsForStudy(Fixtures.STUDY_UID).get(0).label());
            assertEquals("Doe^Jane", store.patient(Fixtures.PATIENT_ID, "HOSP").orElseThrow().name());

            assertEquals(AiStatus.REVIEWED, store.worklist(WorklistQuery.all()).get(0).aiStatus(),
                    "the worklist summary is filled from the existing runs, findings and decisions");
            assertEquals(0.8, store.worklist(WorklistQuery.all()).get(0).aiScore());

            store.recordDecision(1, Outcome.ACCEPTED, "on second look", "reader");
            AuditVerification audit = store.auditLog().verify();
            assertTrue(audit.intact(), audit.toString());
            assertEquals(1, audit.eventCount());
            assertEquals("DECISION_CHANGED", store.auditLog().events().get(0).action());

            store.upsertStudy(new Study(Fixtures.STUDY_UID, Fixtures.PATIENT_ID, "HOSP", LocalDate.of(2026, 1, 2),
                    null, "CT chest after upgrade", null, List.of("CT")));
            assertEquals("CT chest after upgrade", store.worklist(WorklistQuery.all()).get(0).description(),
                    "the change log added by schema 5 feeds the worklist of an upgraded file");
            assertEquals(1, store.worklistFullLoads());
        }
    }

    /** Rows as a schema-1 build wrote them, with plain SQL so the test does not depend on today's code. */
    private static void writeVersion1Rows(Path db) throws Exception {
        try (Connection c = Fixtures.raw(db); Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA foreign_keys = ON");
            s.executeUpdate("INSERT INTO patients (id, patient_id, issuer, name, birth_date, sex)"
                    + " VALUES (1, 'SL-000123', 'HOSP', 'Doe^Jane', '1970-03-14', 'F')");
            s.executeUpdate("INSERT INTO studies (study_instance_uid, patient_ref, study_date, modalities)"
                    + " VALUES ('" + Fixtures.STUDY_UID + "', 1, '2026-01-02', 'CT')");
            s.executeUpdate("INSERT INTO model_runs (id, model_id, model_version, device, started_at,"
                    + " study_instance_uid, status) VALUES (1, 'demo', '1', 'cpu', '2026-01-02T10:00:00Z', '"
                    + Fixtures.STUDY_UID + "', 'SUCCEEDED')");
            s.executeUpdate("INSERT INTO findings (id, finding_uid, model_run_id, study_instance_uid, label,"
                    + " probability, threshold, positive, created_at) VALUES (1, '2.25.1', 1, '"
                    + Fixtures.STUDY_UID + "', 'nodule', 0.8, 0.5, 1, '2026-01-02T10:00:01Z')");
            s.executeUpdate("INSERT INTO decisions (finding_id, outcome, comment, reader, decided_at)"
                    + " VALUES (1, 'REJECTED', 'benign', 'reader', '2026-01-02T10:05:00Z')");
        }
    }
}
