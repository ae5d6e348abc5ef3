package io.secondlook.bench;

import io.secondlook.core.domain.Study;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.core.worklist.AiStatus;
import io.secondlook.core.worklist.WorklistColumn;
import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.core.worklist.WorklistQuery;
import io.secondlook.testdata.records.SyntheticWorklist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worklist over a store of 10,000 studies in every AI state (model runs, findings, decisions, reports):
 * listing all, filtering, searching and triage. Target: under 100 ms each. The store keeps the worklist in memory
 * between calls, so {@link #firstLoadAfterOpening} measures the load from SQLite on a freshly opened store,
 * {@link #openThenFirstList} the same with the opening (integrity check, write probe), and
 * {@link #listAfterOwnChange} / {@link #listAfterAnotherProcessChanged} a listing right after one study changed.
 * Sample-time mode, so JMH reports the median (p0.50) as well as the mean.
 * Run: {@code java -jar bench/target/benchmarks.jar WorklistBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WorklistBenchmark {

    @Param("10000")
    int studies;

    private Path dir;
    private Path db;
    private ClinicalStore store;
    private List<WorklistEntry> rows;

    @Setup(Level.Trial)
    public void fill() throws IOException, SQLException {
        dir = Files.createTempDirectory("worklist-bench");
        db = dir.resolve("secondlook.db");
        ClinicalStore.open(db).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            insert(c, SyntheticWorklist.rows(studies, 42));
            c.commit();
        }
        store = ClinicalStore.open(db);
        rows = store.worklist(WorklistQuery.all());
        if (rows.size() != studies) {
            throw new IllegalStateException("expected " + studies + " studies, got " + rows.size());
        }
    }

    /** Plain SQL in one transaction: the store's API commits (and fsyncs) every row, which is right but slow here. */
    private static void insert(Connection c, List<SyntheticWorklist.Row> rows) throws SQLException {
        Map<String, Long> patients = new HashMap<>();
        try (PreparedStatement patient = c.prepareStatement("INSERT INTO patients (patient_id, issuer, name,"
                + " birth_date, sex) VALUES (?, '', ?, ?, ?)");
             PreparedStatement study = c.prepareStatement("INSERT INTO studies (study_instance_uid, patient_ref,"
                     + " study_date, study_time, description, accession_number, modalities) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement run = c.prepareStatement("INSERT INTO model_runs (id, model_id, model_version, device,"
                     + " started_at, finished_at, study_instance_uid, status) VALUES (?, 'pneumonia-demo', '1', 'cpu',"
                     + " '2024-03-14T10:00:00Z', '2024-03-14T10:00:01Z', ?, 'SUCCEEDED')");
             PreparedStatement finding = c.prepareStatement("INSERT INTO findings (id, finding_uid, model_run_id,"
                     + " study_instance_uid, label, probability, threshold, positive, created_at)"
                     + " VALUES (?, ?, ?, ?, 'pneumonia', ?, 0.5, ?, '2024-03-14T10:00:01Z')");
             PreparedStatement decision = c.prepareStatement("INSERT INTO decisions (finding_id, outcome, reader,"
                     + " decided_at) VALUES (?, 'ACCEPTED', 'bench', '2024-03-14T10:05:00Z')");
             PreparedStatement report = c.prepareStatement("INSERT INTO reports (study_instance_uid, path, sha256,"
                     + " reader, created_at) VALUES (?, '/tmp/r.pdf', ?, 'bench', '2024-03-14T10:06:00Z')")) {
            long id = 0;
            for (SyntheticWorklist.Row row : rows) {
                Long ref = patients.get(row.patientId());
                if (ref == null) {
                    ref = (long) patients.size() + 1;
                    patient.setString(1, row.patientId());
                    patient.setString(2, row.patientName());
                    patient.setString(3, row.birthDate().toString());
                    patient.setString(4, row.sex());
                    patient.executeUpdate();
                    patients.put(row.patientId(), ref);
                }
                study.setString(1, row.studyUid());
                study.setLong(2, ref);
                study.setString(3, row.date().toString());
                study.setString(4, row.time().toString());
                study.setString(5, row.description());
                study.setString(6, row.accession());
                study.setString(7, row.modality());
                study.executeUpdate();
                if (row.aiState() == SyntheticWorklist.AiState.NOT_RUN) {
                    continue;
                }
                id++;
                run.setLong(1, id);
                run.setString(2, row.studyUid());
                run.executeUpdate();
                finding.setLong(1, id);
                finding.setString(2, "2.25." + id);
                finding.setLong(3, id);
                finding.setString(4, row.studyUid());
                finding.setDouble(5, row.aiScore());
                finding.setInt(6, row.aiScore() >= 0.5 ? 1 : 0);
                finding.executeUpdate();
                if (row.aiState() != SyntheticWorklist.AiState.PENDING_REVIEW) {
                    decision.setLong(1, id);
                    decision.executeUpdate();
                }
                if (row.aiState() == SyntheticWorklist.AiState.REPORTED) {
                    report.setString(1, row.studyUid());
                    report.setString(2, "a".repeat(64));
                    report.executeUpdate();
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A store opened read-only for one invocation. */
    @State(Scope.Thread)
    public static class FreshStore {
        ClinicalStore store;

        @Setup(Level.Invocation)
        public void open(WorklistBenchmark bench) {
            store = ClinicalStore.openReadOnly(bench.db);
        }

        @TearDown(Level.Invocation)
        public void close() {
            store.close();
        }
    }

    /** Before each invocation, this store changes one study's description (its own commit). */
    @State(Scope.Thread)
    public static class OwnChange {
        int next;

        @Setup(Level.Invocation)
        public void change(WorklistBenchmark bench) {
            WorklistEntry e = bench.rows.get(next++ % bench.rows.size());
            bench.store.upsertStudy(new Study(e.studyUid(), e.patientId(), e.issuer(), e.date(), e.time(),
                    "changed " + next, e.accessionNumber(), e.modalities()));
        }
    }

    /** Before each invocation, another connection (as another process would) changes one study and commits. */
    @State(Scope.Thread)
    public static class OtherChange {
        Connection other;
        int next;

        @Setup(Level.Trial)
        public void connect(WorklistBenchmark bench) throws SQLException {
            other = DriverManager.getConnection("jdbc:sqlite:" + bench.db);
        }

        @Setup(Level.Invocation)
        public void change(WorklistBenchmark bench) throws SQLException {
            try (PreparedStatement update = other.prepareStatement("UPDATE studies SET description = ?"
                    + " WHERE study_instance_uid = ?")) {
                update.setString(1, "other " + next);
                update.setString(2, bench.rows.get(next++ % bench.rows.size()).studyUid());
                update.executeUpdate();
            }
        }

        @TearDown(Level.Trial)
        public void disconnect() throws SQLException {
            other.close();
        }
    }

    @Benchmark
    public List<WorklistEntry> listAfterOwnChange(OwnChange change) {
        return store.worklist(WorklistQuery.all());
    }

    @Benchmark
    public List<WorklistEntry> listAfterAnotherProcessChanged(OtherChange change) {
        return store.worklist(WorklistQuery.all());
    }

    @Benchmark
    public List<WorklistEntry> openThenFirstList() {
        try (ClinicalStore opened = ClinicalStore.open(db)) {
            return opened.worklist(WorklistQuery.all());
        }
    }

    @Benchmark
    public List<WorklistEntry> firstLoadAfterOpening(FreshStore fresh) {
        return fresh.store.worklist(WorklistQuery.all());
    }

    @Benchmark
    public List<WorklistEntry> listAll() {
        return store.worklist(WorklistQuery.all());
    }

    @Benchmark
    public List<WorklistEntry> sortByPatientName() {
        return store.worklist(WorklistQuery.all().sortedBy(WorklistColumn.PATIENT_NAME, false));
    }

    @Benchmark
    public List<WorklistEntry> filterModalityDatesAndStatus() {
        return store.worklist(WorklistQuery.all().withModality("CT")
                .withDates(LocalDate.of(2021, 1, 1), LocalDate.of(2023, 12, 31))
                .withStatuses(Set.of(AiStatus.PENDING_REVIEW, AiStatus.NOT_RUN)));
    }

    @Benchmark
    public List<WorklistEntry> search() {
        return store.worklist(WorklistQuery.all().withSearch("garcia"));
    }

    @Benchmark
    public List<WorklistEntry> triage() {
        return store.worklist(WorklistQuery.all().withTriage(true));
    }
}
