package io.secondlook.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.ModelRun;
import io.secondlook.core.domain.NewFinding;
import io.secondlook.core.domain.NewModelRun;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.Study;
import io.secondlook.core.worklist.AiStatus;
import io.secondlook.core.worklist.WorklistColumn;
import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.core.worklist.WorklistQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worklist: AI status from runs, findings, decisions and reports; filters, search, sort and triage. */
class WorklistTest {

    @TempDir
    Path dir;

    private ClinicalStore store;

    @BeforeEach
    void fiveStudies() {
        store = ClinicalStore.open(dir.resolve("w.db"));
        store.upsertPatient(new Patient("P-1", "", "Alpha^Ann", LocalDate.of(1950, 1, 1), "F"));
        store.upsertPatient(new Patient("P-2", "HOSP", "Beta^Bob", null, "M"));
        study("1.1", "P-1", "", "2024-01-05", "CT chest 100% contrast", "ACC-1", "CT");
        study("1.2", "P-1", "", "2024-02-05", "Chest PA", "ACC-2", "DX");
        study("1.3", "P-2", "HOSP", "2024-03-05", "CT abdomen", "ACC-3", "CT", "SR");
        study("1.4", "P-2", "HOSP", "2024-04-05", "Chest PA", "ACC_4", "CR");
        study("1.5", "P-2", "HOSP", "2024-05-05", null, null, "MR");
        // 1.1: not run. 1.2: run, one undecided finding. 1.3: run with all decided. 1.4: reported. 1.5: running.
        Finding f2 = finding(run("1.2", ModelRun.Status.SUCCEEDED), 0.91);
        finding(run("1.2", ModelRun.Status.SUCCEEDED), 0.30);
        store.recordDecision(f2.id(), Outcome.ACCEPTED, null, "r");
        Finding f3 = finding(run("1.3", ModelRun.Status.SUCCEEDED), 0.55);
        store.recordDecision(f3.id(), Outcome.REJECTED, null, "r");
        Finding f4 = finding(run("1.4", ModelRun.Status.SUCCEEDED), 0.72);
        store.recordDecision(f4.id(), Outcome.ACCEPTED, null, "r");
        store.recordReport("1.4", dir.resolve("r.pdf"), "b".repeat(64), "r");
        run("1.5", ModelRun.Status.RUNNING);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    private void study(String uid, String patient, String issuer, String date, String description, String accession,
                       String... modalities) {
        store.upsertStudy(new Study(uid, patient, issuer, LocalDate.parse(date), LocalTime.NOON, description,
                accession, List.of(modalities)));
    }

    private ModelRun run(String study, ModelRun.Status status) {
        ModelRun run = store.recordModelRun(NewModelRun.started("m", "1", "cpu", study, null));
        return status == ModelRun.Status.RUNNING ? run : store.finishModelRun(run.id(), status);
    }

    private Finding finding(ModelRun run, double p) {
        return store.recordFinding(NewFinding.of(run.id(), null, null, null, "pneumonia", p, 0.5));
    }

    private List<String> uids(WorklistQuery query) {
        return store.worklist(query).stream().map(WorklistEntry::studyUid).toList();
    }

    @Test
    void everyStudyNewestFirstWithItsAiStatusAndHighestScore() {
        List<WorklistEntry> all = store.worklist(WorklistQuery.all());
        assertEquals(List.of("1.5", "1.4", "1.3", "1.2", "1.1"), all.stream().map(WorklistEntry::studyUid).toList());
        assertEquals(List.of(AiStatus.PENDING_REVIEW, AiStatus.REPORTED, AiStatus.REVIEWED, AiStatus.PENDING_REVIEW,
                AiStatus.NOT_RUN), all.stream().map(WorklistEntry::aiStatus).toList());
        WorklistEntry chest = all.get(3);
        assertEquals(0.91, chest.aiScore());
        assertEquals(2, chest.findings());
        assertEquals(1, chest.undecided());
        assertEquals("Alpha^Ann", chest.patientName());
        assertEquals(LocalDate.of(2024, 2, 5), chest.date());
        assertNull(all.get(4).aiScore());
        assertEquals(List.of("CT", "SR"), all.get(2).modalities());
    }

    @Test
    void aChangeShowsInTheNextListing() {
        assertEquals(AiStatus.NOT_RUN, store.worklist(WorklistQuery.all()).get(4).aiStatus());
        Finding f = finding(run("1.1", ModelRun.Status.SUCCEEDED), 0.99);
        assertEquals(List.of("1.1", "1.2"), uids(WorklistQuery.all().withTriage(true).withLimit(2)));
        assertEquals(AiStatus.PENDING_REVIEW, store.worklist(WorklistQuery.all()).get(4).aiStatus());
        store.recordDecision(f.id(), Outcome.REJECTED, null, "r");
        store.recordDecision(f.id(), Outcome.ACCEPTED, null, "r");
        WorklistEntry decided = store.worklist(WorklistQuery.all()).get(4);
        assertEquals(AiStatus.REVIEWED, decided.aiStatus());
        assertEquals(0, decided.undecided());
        store.upsertStudy(new Study("1.6", "P-1", "", LocalDate.of(2024, 6, 1), null, "new", null, List.of("CT")));
        assertEquals("1.6", uids(WorklistQuery.all()).get(0));
        assertEquals(List.of(), uids(WorklistQuery.all().withSearch("null")), "missing values match nothing");
    }

    @Test
    void filtersCombine() {
        assertEquals(List.of("1.3", "1.1"), uids(WorklistQuery.all().withModality("CT")));
        assertEquals(List.of(), uids(WorklistQuery.all().withModality("C")), "whole modality codes only");
        assertEquals(List.of("1.3", "1.2"), uids(WorklistQuery.all()
                .withDates(LocalDate.of(2024, 2, 5), LocalDate.of(2024, 3, 5))));
        assertEquals(List.of("1.5", "1.2"), uids(WorklistQuery.all().withStatuses(Set.of(AiStatus.PENDING_REVIEW))));
        assertEquals(List.of("1.3"), uids(WorklistQuery.all().withModality("CT")
                .withStatuses(Set.of(AiStatus.REVIEWED, AiStatus.REPORTED))));
    }

    @Test
    void searchMatchesNameIdDescriptionAndAccessionLiterally() {
        assertEquals(List.of("1.2", "1.1"), uids(WorklistQuery.all().withSearch("alpha")));
        assertEquals(List.of("1.5", "1.4", "1.3"), uids(WorklistQuery.all().withSearch("P-2")));
        assertEquals(List.of("1.4", "1.2"), uids(WorklistQuery.all().withSearch("chest pa")));
        assertEquals(List.of("1.3"), uids(WorklistQuery.all().withSearch("ACC-3")));
        assertEquals(List.of("1.1"), uids(WorklistQuery.all().withSearch("100%")), "% is literal");
        assertEquals(List.of("1.4"), uids(WorklistQuery.all().withSearch("C_4")), "_ is literal");
    }

    @Test
    void sortsByAnyColumnAndTriagesByScore() {
        assertEquals(List.of("1.1", "1.2", "1.3", "1.4", "1.5"), uids(WorklistQuery.all()
                .sortedBy(WorklistColumn.DATE, false)));
        assertEquals(List.of("1.2", "1.1", "1.5", "1.4", "1.3"), uids(WorklistQuery.all()
                .sortedBy(WorklistColumn.PATIENT_NAME, false)));
        assertEquals(List.of("1.3", "1.1", "1.4", "1.2", "1.5"), uids(WorklistQuery.all()
                .sortedBy(WorklistColumn.DESCRIPTION, false)), "empty values last");
        assertEquals(List.of("1.1", "1.5", "1.2", "1.3", "1.4"), uids(WorklistQuery.all()
                .sortedBy(WorklistColumn.AI_STATUS, false)));
        assertEquals(List.of("1.2", "1.4", "1.3", "1.5", "1.1"), uids(WorklistQuery.all().withTriage(true)));
        assertEquals(List.of("1.2", "1.4"), uids(WorklistQuery.all().withTriage(true).withLimit(2)));
        assertEquals(List.of("1.3", "1.4", "1.2", "1.5", "1.1"), uids(WorklistQuery.all()
                .sortedBy(WorklistColumn.AI_SCORE, false)));
    }

    /** What a store opened afresh lists: the reference the incremental refresh must match. */
    private List<WorklistEntry> fresh(WorklistQuery query) {
        try (ClinicalStore other = ClinicalStore.openReadOnly(dir.resolve("w.db"))) {
            return other.worklist(query);
        }
    }

    @Test
    void ownChangesReloadOnlyTheChangedStudies() {
        store.worklist(WorklistQuery.all());
        Finding f = finding(run("1.1", ModelRun.Status.SUCCEEDED), 0.99);
        store.upsertPatient(new Patient("P-2", "HOSP", "Beta^Bob", LocalDate.of(1960, 6, 1), "M"));
        store.upsertStudy(new Study("1.6", "P-1", "", LocalDate.of(2024, 6, 1), null, "new", null, List.of("CT")));
        assertEquals(fresh(WorklistQuery.all()), store.worklist(WorklistQuery.all()));
        store.recordDecision(f.id(), Outcome.ACCEPTED, null, "r");
        store.recordReport("1.1", dir.resolve("r1.pdf"), "c".repeat(64), "r");
        List<WorklistEntry> listed = store.worklist(WorklistQuery.all());
        assertEquals(fresh(WorklistQuery.all()), listed);
        assertEquals(AiStatus.REPORTED, listed.stream().filter(e -> e.studyUid().equals("1.1")).findFirst()
                .orElseThrow().aiStatus());
        assertEquals(LocalDate.of(1960, 6, 1), listed.get(1).birthDate(), "a patient's change reaches every study");
        assertEquals(1, store.worklistFullLoads(), "changes are read row by row, not by reloading everything");
    }

    @Test
    void anotherConnectionsCommitsShowWithoutAFullReload() throws Exception {
        assertEquals(5, store.worklist(WorklistQuery.all()).size());
        try (Connection other = Fixtures.raw(dir.resolve("w.db")); Statement s = other.createStatement()) {
            s.executeUpdate("PRAGMA foreign_keys = ON");
            s.executeUpdate("UPDATE patients SET name = 'Alpha^Anne' WHERE patient_id = 'P-1'");
            s.executeUpdate("INSERT INTO studies (study_instance_uid, patient_ref, study_date, modalities)"
                    + " SELECT '1.7', id, '2024-07-01', 'US' FROM patients WHERE patient_id = 'P-2'");
            s.executeUpdate("UPDATE studies SET description = 'Chest PA and lateral' WHERE study_instance_uid = '1.4'");
        }
        try (ClinicalStore second = ClinicalStore.open(dir.resolve("w.db"))) {
            Finding f = second.findingsForStudy("1.2").stream().filter(x -> x.probability() < 0.5).findFirst()
                    .orElseThrow();
            second.recordDecision(f.id(), Outcome.REJECTED, null, "other");
        }
        List<WorklistEntry> listed = store.worklist(WorklistQuery.all());
        assertEquals(fresh(WorklistQuery.all()), listed);
        assertEquals(List.of("1.7", "1.5", "1.4", "1.3", "1.2", "1.1"), listed.stream().map(WorklistEntry::studyUid)
                .toList());
        assertEquals(List.of("1.2", "1.1"), uids(WorklistQuery.all().withSearch("anne")));
        assertEquals(List.of("1.4"), uids(WorklistQuery.all().withSearch("lateral")));
        assertEquals(AiStatus.REVIEWED, listed.get(4).aiStatus(), "the other store's decision counts");
        assertEquals(1, store.worklistFullLoads());

        try (Connection other = Fixtures.raw(dir.resolve("w.db")); Statement s = other.createStatement()) {
            s.executeUpdate("DELETE FROM studies WHERE study_instance_uid = '1.7'");
        }
        assertEquals(List.of("1.5", "1.4", "1.3", "1.2", "1.1"), uids(WorklistQuery.all()));
        assertEquals(1, store.worklistFullLoads());
    }

    @Test
    void aPrunedChangeLogMeansOneFullReload() throws Exception {
        store.worklist(WorklistQuery.all());
        try (Connection other = Fixtures.raw(dir.resolve("w.db")); Statement s = other.createStatement()) {
            s.executeUpdate("UPDATE studies SET description = 'gone from the log' WHERE study_instance_uid = '1.1'");
            s.executeUpdate("UPDATE studies SET description = 'kept' WHERE study_instance_uid = '1.2'");
            try (Connection c = Fixtures.raw(dir.resolve("w.db"))) {
                assertEquals(WorklistSql.logBounds(c).last() - 1, WorklistSql.prune(c, 1));
            }
        }
        assertEquals(List.of("1.1"), uids(WorklistQuery.all().withSearch("gone from the log")));
        assertEquals(2, store.worklistFullLoads(), "entries it never saw were pruned: it reads everything again");
        assertEquals(fresh(WorklistQuery.all()), store.worklist(WorklistQuery.all()));
    }

    @Test
    void reimportingUnchangedStudiesLogsNothing() throws Exception {
        long before;
        try (Connection c = Fixtures.raw(dir.resolve("w.db"))) {
            before = WorklistSql.logBounds(c).last();
        }
        store.upsertPatient(new Patient("P-1", "", "Alpha^Ann", LocalDate.of(1950, 1, 1), "F"));
        study("1.1", "P-1", "", "2024-01-05", "CT chest 100% contrast", "ACC-1", "CT");
        try (Connection c = Fixtures.raw(dir.resolve("w.db"))) {
            assertEquals(before, WorklistSql.logBounds(c).last());
        }
        study("1.1", "P-1", "", "2024-01-05", "CT chest", "ACC-1", "CT");
        try (Connection c = Fixtures.raw(dir.resolve("w.db"))) {
            assertTrue(WorklistSql.logBounds(c).last() > before);
        }
    }
}
