package io.secondlook.core.store;

import static io.secondlook.core.store.Fixtures.STUDY_UID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.core.domain.Decision;
import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.ModelRun;
import io.secondlook.core.domain.NewFinding;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.Report;
import io.secondlook.core.domain.ReviewedFinding;
import io.secondlook.core.domain.Series;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClinicalStoreTest {

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("store").resolve("secondlook.db");
    }

    @Test
    void newStoreIsDurableWalWithForeignKeysAtLatestSchema() {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            assertEquals(ClinicalStore.SCHEMA_VERSION, store.schemaVersion());
            assertEquals("wal", store.pragma("journal_mode"));
            assertEquals("2", store.pragma("synchronous"), "synchronous must be FULL");
            assertEquals("1", store.pragma("foreign_keys"));
            assertTrue(Integer.parseInt(store.pragma("busy_timeout")) > 0);
        }
    }

    @Test
    void imagingIndexReadsBackWhatWasSaved() {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            Fixtures.importStudy(store, dir);
            assertEquals(Fixtures.PATIENT, store.patient(Fixtures.PATIENT_ID, "HOSP").orElseThrow());
            assertEquals(Fixtures.STUDY, store.study(STUDY_UID).orElseThrow());
            assertEquals(List.of(Fixtures.STUDY), store.studiesForPatient(Fixtures.PATIENT_ID, "HOSP"));
            assertEquals(List.of(Fixtures.SERIES), store.seriesForStudy(STUDY_UID));
            assertEquals(List.of(Fixtures.SOP_1, Fixtures.SOP_2), store.instancesForSeries(Fixtures.SERIES_UID)
                    .stream().map(i -> i.sopInstanceUid()).toList());
            assertEquals(dir.resolve("2.dcm"), store.instancesForSeries(Fixtures.SERIES_UID).get(1).path());

            store.upsertSeries(new Series(Fixtures.SERIES_UID, STUDY_UID, "CT", 3, "Axial 1mm", 250));
            assertEquals(250, store.seriesForStudy(STUDY_UID).get(0).instanceCount());
            assertEquals(1, store.patients().size());
        }
    }

    @Test
    void decisionsSurviveClosingAndReopening() {
        Decision decided;
        long findingId;
        try (ClinicalStore store = ClinicalStore.open(db())) {
            Fixtures.importStudy(store, dir);
            Finding finding = Fixtures.finding(store, Fixtures.run(store), "nodule", 0.87);
            findingId = finding.id();
            decided = store.recordDecision(findingId, Outcome.ACCEPTED, "agree, 6 mm nodule RUL", "dr.house");
        }
        try (ClinicalStore store = ClinicalStore.open(db())) {
            assertEquals(decided, store.latestDecision(findingId).orElseThrow());
            Finding finding = store.finding(findingId).orElseThrow();
            assertEquals("nodule", finding.label());
            assertEquals(0.87, finding.probability());
            assertTrue(finding.positive());
            assertEquals("demo-nodule", finding.modelId());
            assertTrue(finding.findingUid().matches("2\\.25\\.[1-9][0-9]*"), finding.findingUid());
        }
    }

    @Test
    void laterDecisionSupersedesAndHistoryIsKept() {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            Fixtures.importStudy(store, dir);
            Finding finding = Fixtures.finding(store, Fixtures.run(store), "nodule", 0.7);
            Decision first = store.recordDecision(finding.id(), Outcome.ACCEPTED, null, "reader1");
            Decision second = store.recordDecision(finding.id(), Outcome.REJECTED, "calcified granuloma", "reader2");
            assertEquals(second, store.latestDecision(finding.id()).orElseThrow());
            assertEquals(List.of(first, second), store.decisionHistory(finding.id()));
            assertEquals(Outcome.REJECTED, store.reviewedFindings(STUDY_UID).get(0).decision().outcome());
        }
    }

    @Test
    void undecidedFindingsBlockTheReportUntilEveryOneIsDecided() {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            Fixtures.importStudy(store, dir);
            ModelRun run = Fixtures.run(store);
            Finding nodule = Fixtures.finding(store, run, "nodule", 0.9);
            Finding effusion = Fixtures.finding(store, run, "effusion", 0.2);
            assertFalse(effusion.positive());
            store.recordDecision(nodule.id(), Outcome.ACCEPTED, null, "r");

            assertEquals(List.of(effusion), store.undecidedFindings(STUDY_UID));
            UndecidedFindingsException refused = assertThrows(UndecidedFindingsException.class,
                    () -> ReportGate.ensureAllDecided(store, STUDY_UID));
            assertEquals(List.of(effusion), refused.undecided());
            assertTrue(refused.getMessage().contains("effusion"), refused.getMessage());
            assertThrows(UndecidedFindingsException.class,
                    () -> store.recordReport(STUDY_UID, dir.resolve("r.pdf"), "a".repeat(64), "r"));
            assertTrue(store.reportsForStudy(STUDY_UID).isEmpty());

            store.recordDecision(effusion.id(), Outcome.REJECTED, "no effusion", "r");
            ReportGate.ensureAllDecided(store, STUDY_UID);
            List<ReviewedFinding> reviewed = store.reviewedFindings(STUDY_UID);
            assertTrue(reviewed.stream().allMatch(ReviewedFinding::decided));
            Report report = store.recordReport(STUDY_UID, dir.resolve("r.pdf"), "a".repeat(64), "r");
            assertEquals(List.of(report), store.reportsForStudy(STUDY_UID));
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            StoreException orphanSeries = assertThrows(StoreException.class,
                    () -> store.upsertSeries(new Series("9.9", "no.such.study", "CT", 1, null, 0)));
            assertTrue(orphanSeries.getMessage().contains("FOREIGN KEY"), orphanSeries.getMessage());
            assertTrue(store.seriesForStudy("no.such.study").isEmpty());

            assertThrows(StoreException.class, () -> store.upsertStudy(Fixtures.STUDY));
            Fixtures.importStudy(store, dir);
            ModelRun run = Fixtures.run(store);
            assertThrows(StoreException.class, () -> store.recordFinding(
                    NewFinding.of(run.id(), Fixtures.SERIES_UID, "no.such.instance", null, "x", 0.5, 0.5)));
            assertThrows(StoreException.class, () -> store.recordDecision(999, Outcome.ACCEPTED, null, "r"));
            assertTrue(store.findingsForStudy(STUDY_UID).isEmpty());
        }
    }

    @Test
    void modelRunFinishesOnce() {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            Fixtures.importStudy(store, dir);
            ModelRun run = Fixtures.run(store);
            assertNull(run.finishedAt());
            ModelRun done = store.finishModelRun(run.id(), ModelRun.Status.SUCCEEDED);
            assertEquals(ModelRun.Status.SUCCEEDED, done.status());
            assertEquals(done, store.modelRun(run.id()).orElseThrow());
            assertThrows(IllegalStateException.class, () -> store.finishModelRun(run.id(), ModelRun.Status.FAILED));
        }
    }

    @Test
    void corruptFileGivesAClearErrorAndIsLeftUntouched() throws Exception {
        Path file = dir.resolve("notes.db");
        byte[] content = "this is not a database, but somebody's notes\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);
        StoreException e = assertThrows(StoreException.class, () -> ClinicalStore.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a SQLite database or corrupt"), e.getMessage());
        assertEquals(file.toAbsolutePath(), e.file());
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    @Test
    void foreignSqliteDatabaseIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = Fixtures.raw(file); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE recipes (name TEXT)");
        }
        StoreException e = assertThrows(StoreException.class, () -> ClinicalStore.open(file));
        assertTrue(e.getMessage().contains("not a SecondLook store"), e.getMessage());
        try (Connection c = Fixtures.raw(file); Statement s = c.createStatement()) {
            assertEquals(1, s.executeQuery("SELECT count(*) FROM sqlite_master").getInt(1));
        }
    }

    @Test
    void storeFromANewerBuildIsRefused() throws Exception {
        ClinicalStore.open(db()).close();
        try (Connection c = Fixtures.raw(db()); Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = " + (ClinicalStore.SCHEMA_VERSION + 1));
        }
        StoreException e = assertThrows(StoreException.class, () -> ClinicalStore.open(db()));
        assertTrue(e.getMessage().contains("newer SecondLook"), e.getMessage());
    }

    @Test
    void closedStoreRefusesWork() {
        ClinicalStore store = ClinicalStore.open(db());
        store.close();
        assertThrows(IllegalStateException.class, () -> store.study(STUDY_UID));
    }
}
