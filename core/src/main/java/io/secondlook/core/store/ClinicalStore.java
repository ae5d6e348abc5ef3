package io.secondlook.core.store;

import io.secondlook.core.ReaderIdentity;
import io.secondlook.core.audit.AuditAction;
import io.secondlook.core.audit.EntityType;
import io.secondlook.core.domain.Decision;
import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.Instance;
import io.secondlook.core.domain.ModelRun;
import io.secondlook.core.domain.NewFinding;
import io.secondlook.core.domain.NewModelRun;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.Report;
import io.secondlook.core.domain.ReportSignature;
import io.secondlook.core.domain.ReviewedFinding;
import io.secondlook.core.domain.Series;
import io.secondlook.core.domain.Study;
import io.secondlook.core.records.IdentityConflict;
import io.secondlook.core.records.ImportSummary;
import io.secondlook.core.records.PatientView;
import io.secondlook.core.records.RecordFile;
import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.core.worklist.WorklistQuery;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * The clinical store: one SQLite file holding the imaging index, model runs, findings, the clinician's
 * decisions, exported reports and the audit trail. Every write commits before its method returns, with
 * {@code synchronous=FULL}, so what the UI shows as saved survives a crash or power loss. Each change that
 * matters clinically appends an audit event in the same transaction. Thread-safe (calls are serialised).
 */
public final class ClinicalStore implements AutoCloseable {

    /** Schema version this build creates and reads. */
    public static final int SCHEMA_VERSION = SchemaMigrator.LATEST_VERSION;

    private static final Logger LOG = LoggerFactory.getLogger(ClinicalStore.class);
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /** The schema that brought the worklist change log, and how many of its newest entries start-up keeps. */
    private static final int WORKLIST_LOG_VERSION = 5;
    static final long WORKLIST_LOG_KEEP = 50_000;

    private final Path file;
    private final Connection connection;
    private final String actor;
    private final Clock clock;
    private final boolean readOnly;
    private final AuditLog auditLog = new AuditLog(this);
    private final WorklistCache worklist = new WorklistCache();
    private boolean closed;

    private ClinicalStore(Path file, Connection connection, String actor, Clock clock, boolean readOnly) {
        this.file = file;
        this.connection = connection;
        this.actor = actor;
        this.clock = clock;
        this.readOnly = readOnly;
    }

    /** Opens (creating or upgrading) the store, acting as the OS user. */
    public static ClinicalStore open(Path dbFile) {
        return open(dbFile, ReaderIdentity.current(), Clock.systemUTC());
    }

    /**
     * Opens (creating or upgrading) the store.
     *
     * @param actor who the audit trail names for actions without an explicit reader (opens, model runs)
     * @throws StoreException naming the file when it is corrupt, not a SecondLook store, or too new
     */
    public static ClinicalStore open(Path dbFile, String actor, Clock clock) {
        return open(dbFile, actor, clock, SCHEMA_VERSION);
    }

    /**
     * Opens the store after copying it into {@code backupsDir} (see {@link StoreBackups}); what the application
     * does at start-up. When the file is damaged or not a store, the error names the newest backup to restore from.
     */
    public static ClinicalStore openWithBackup(Path dbFile, Path backupsDir) {
        Optional<Path> backup = StoreBackups.backupAtStartup(dbFile, backupsDir, Clock.systemUTC());
        try {
            return open(dbFile);
        } catch (StoreException e) {
            if (e.kind() != StoreException.Kind.DAMAGED && e.kind() != StoreException.Kind.NOT_A_STORE) {
                throw e;
            }
            Optional<Path> newest = backup.isPresent() ? backup : StoreBackups.newest(backupsDir);
            throw newest.map(b -> new StoreException(e.kind(), e.file(), e.reason() + "; the newest backup is " + b
                    + " (restore it in place of the database, or open the store read-only)")).orElse(e);
        }
    }

    /**
     * Opens an existing store for reading only: nothing is migrated, locked or written, and every write fails
     * with a clear error. The way in when the file is locked by another program or on read-only media.
     *
     * @throws StoreException when the file is missing, damaged, not ours, or at another schema version
     */
    public static ClinicalStore openReadOnly(Path dbFile) {
        Path file = dbFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file, "does not exist; nothing to open read-only");
        }
        Connection connection = connect(file, true, BUSY_TIMEOUT_MS);
        try {
            checkIntegrity(connection, file);
            int version = new SchemaMigrator(connection, file).checkReadable();
            if (version != SCHEMA_VERSION) {
                throw new StoreException(file, "is at schema " + version + "; open it once normally to upgrade it to "
                        + SCHEMA_VERSION + " before reading it read-only");
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e instanceof StoreException se ? se : notADatabase(file, e);
        }
        LOG.info("Opened clinical store {} read-only", file);
        return new ClinicalStore(file, connection, "read-only", Clock.systemUTC(), true);
    }

    /** Opens at a given schema version; for migration tests only. */
    static ClinicalStore open(Path dbFile, String actor, Clock clock, int schemaVersion) {
        return open(dbFile, actor, clock, schemaVersion, BUSY_TIMEOUT_MS);
    }

    /** Opens with a shorter wait for locks; for tests of a locked file. */
    static ClinicalStore open(Path dbFile, String actor, Clock clock, int schemaVersion, int busyTimeoutMs) {
        Path file = dbFile.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new StoreException(file, "is a folder, not a database file");
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException(file, "cannot create the folder for the database", e);
        }
        Connection connection = connect(file, false, busyTimeoutMs);
        try {
            checkIntegrity(connection, file);
            new SchemaMigrator(connection, file).migrateTo(schemaVersion);
            if (schemaVersion >= WORKLIST_LOG_VERSION) {
                pruneWorklistLog(connection);
            }
            checkWritable(connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e instanceof StoreException se ? se : notADatabase(file, e);
        }
        LOG.info("Opened clinical store {} (schema {})", file, schemaVersion);
        return new ClinicalStore(file, connection, Objects.requireNonNull(actor, "actor"), clock, false);
    }

    private static Connection connect(Path file, boolean readOnly, int busyTimeoutMs) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(busyTimeoutMs);
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            // Take the write lock when a transaction begins, so a read-then-write (the audit chain's head) cannot
            // be overtaken by another process's commit.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        try {
            return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        } catch (SQLException e) {
            throw notADatabase(file, e);
        }
    }

    private static StoreException notADatabase(Path file, Exception cause) {
        if (isLocked(cause)) {
            return locked(file, "open the store", cause);
        }
        return new StoreException(StoreException.Kind.DAMAGED, file, "cannot be opened as a SecondLook store:"
                + " not a SQLite database or corrupt; the file was left untouched", cause);
    }

    /** Takes and releases the write lock, so a store locked by another program is refused at opening. */
    private static void checkWritable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("BEGIN IMMEDIATE");
            statement.executeUpdate("ROLLBACK");
        }
    }

    /** Bounds the worklist change log; writes only when there is something to prune. */
    private static void pruneWorklistLog(Connection connection) throws SQLException {
        WorklistSql.LogBounds log = WorklistSql.logBounds(connection);
        if (log.last() - log.first() + 1 > WORKLIST_LOG_KEEP) {
            WorklistSql.prune(connection, WORKLIST_LOG_KEEP);
        }
    }

    private static void checkIntegrity(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA quick_check")) {
                String verdict = rows.next() ? rows.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new StoreException(StoreException.Kind.DAMAGED, file, "is damaged (integrity check: " + verdict + ")");
                }
            }
            try (ResultSet rows = statement.executeQuery("PRAGMA foreign_keys")) {
                if (!rows.next() || rows.getInt(1) != 1) {
                    throw new StoreException(file, "SQLite refused to enforce foreign keys");
                }
            }
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** Whether this store was opened with {@link #openReadOnly}. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Schema version of the open file. */
    public int schemaVersion() {
        return transaction("read the schema version", c -> new SchemaMigrator(c, file).currentVersion());
    }

    /** The value of a PRAGMA on this store's connection, e.g. {@code synchronous}; for tests. */
    String pragma(String name) {
        return transaction("read a pragma", c -> {
            try (Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
                return rows.next() ? rows.getString(1) : null;
            }
        });
    }

    /** The audit trail of this store. */
    public AuditLog auditLog() {
        return auditLog;
    }

    // ---- imaging index -------------------------------------------------------------------------------

    /**
     * Inserts the patient or fills in demographics the store does not know yet. When the stored name or birth date
     * differs from a known new one, the stored values are kept and an identity conflict is flagged for the user
     * ({@link #identityConflicts}); nothing is merged silently.
     */
    public void upsertPatient(Patient patient) {
        transaction("save a patient", c -> PatientRecordsSql.identify(c, patient, "DICOM", now(), actor));
    }

    /** Inserts or updates the study; its patient must be stored first. */
    public void upsertStudy(Study study) {
        transaction("save a study", c -> {
            long patientRef = patientRef(c, study.patientId(), study.issuer())
                    .orElseThrow(() -> new StoreException(file, "the study's patient is not in the store;"
                            + " save the patient first"));
            return update(c, "INSERT INTO studies (study_instance_uid, patient_ref, study_date, study_time,"
                            + " description, accession_number, modalities) VALUES (?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (study_instance_uid) DO UPDATE SET patient_ref = excluded.patient_ref,"
                            + " study_date = excluded.study_date, study_time = excluded.study_time,"
                            + " description = excluded.description, accession_number = excluded.accession_number,"
                            + " modalities = excluded.modalities",
                    study.studyInstanceUid(), patientRef, study.date(), study.time(), study.description(),
                    study.accessionNumber(), Rows.modalities(study));
        });
    }

    /** Inserts or updates the series; its study must be stored first. */
    public void upsertSeries(Series series) {
        transaction("save a series", c -> update(c, "INSERT INTO series (series_instance_uid, study_instance_uid,"
                        + " modality, series_number, description, instance_count) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (series_instance_uid) DO UPDATE SET study_instance_uid = excluded.study_instance_uid,"
                        + " modality = excluded.modality, series_number = excluded.series_number,"
                        + " description = excluded.description, instance_count = excluded.instance_count",
                series.seriesInstanceUid(), series.studyInstanceUid(), series.modality(), series.number(),
                series.description(), series.instanceCount()));
    }

    /** Inserts or updates the instances of one import in one transaction; their series must be stored first. */
    public void upsertInstances(List<Instance> instances) {
        transaction("save instances", c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO instances (sop_instance_uid,"
                    + " series_instance_uid, sop_class_uid, instance_number, frame_count, path) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (sop_instance_uid) DO UPDATE SET series_instance_uid = excluded.series_instance_uid,"
                    + " sop_class_uid = excluded.sop_class_uid, instance_number = excluded.instance_number,"
                    + " frame_count = excluded.frame_count, path = excluded.path")) {
                for (Instance instance : instances) {
                    Jdbc.bind(upsert, instance.sopInstanceUid(), instance.seriesInstanceUid(), instance.sopClassUid(),
                            instance.instanceNumber(), instance.frameCount(), instance.path().toAbsolutePath());
                    upsert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Inserts or updates one instance; its series must be stored first. */
    public void upsertInstance(Instance instance) {
        upsertInstances(List.of(instance));
    }

    public Optional<Patient> patient(String patientId, String issuer) {
        return transaction("read a patient", c -> one(c, "SELECT * FROM patients WHERE patient_id = ? AND issuer = ?",
                Rows::patient, patientId, issuer == null ? "" : issuer));
    }

    public List<Patient> patients() {
        return transaction("list patients", c -> list(c, "SELECT * FROM patients ORDER BY name, patient_id",
                Rows::patient));
    }

    private static final String STUDY_QUERY = "SELECT s.*, p.patient_id, p.issuer FROM studies s"
            + " JOIN patients p ON p.id = s.patient_ref";

    public Optional<Study> study(String studyUid) {
        return transaction("read a study", c -> one(c, STUDY_QUERY + " WHERE s.study_instance_uid = ?",
                Rows::study, studyUid));
    }

    public List<Study> studiesForPatient(String patientId, String issuer) {
        return transaction("list studies", c -> list(c, STUDY_QUERY + " WHERE p.patient_id = ? AND p.issuer = ?"
                + " ORDER BY s.study_date, s.study_time", Rows::study, patientId, issuer == null ? "" : issuer));
    }

    public List<Series> seriesForStudy(String studyUid) {
        return transaction("list series", c -> list(c, "SELECT * FROM series WHERE study_instance_uid = ?"
                + " ORDER BY series_number, series_instance_uid", Rows::series, studyUid));
    }

    public List<Instance> instancesForSeries(String seriesUid) {
        return transaction("list instances", c -> list(c, "SELECT * FROM instances WHERE series_instance_uid = ?"
                + " ORDER BY instance_number, sop_instance_uid", Rows::instance, seriesUid));
    }

    /** Records in the audit trail that the actor opened this patient's record. */
    public void recordPatientOpened(String patientId, String issuer) {
        transaction("record opening a patient", c -> {
            Patient patient = one(c, "SELECT * FROM patients WHERE patient_id = ? AND issuer = ?", Rows::patient,
                    patientId, issuer == null ? "" : issuer)
                    .orElseThrow(() -> new StoreException(file, "cannot record opening a patient who is not stored"));
            return AuditLog.append(c, now(), actor, AuditAction.PATIENT_OPENED, EntityType.PATIENT,
                    patientKey(patient), null, null);
        });
    }

    // ---- patient records ---------------------------------------------------------------------------------

    /**
     * Stores everything a parsed record file holds in one transaction, with an audit event per patient. Importing
     * the same file again replaces what it gave before. A patient whose stored name or birth date differs gets an
     * identity conflict, and the file's records for that patient stay held back until it is resolved.
     */
    public ImportSummary importRecords(RecordFile recordFile) {
        return transaction("import patient records", c -> PatientRecordsSql.importFile(c, recordFile, now(), actor));
    }

    /**
     * The patient panel's content; empty when the patient is not stored. Reading does not audit: call
     * {@link #openPatient} when a user opens the patient.
     */
    public Optional<PatientView> patientView(String patientId, String issuer) {
        return transaction("read a patient's records", c -> patientView(c, patientId, issuer));
    }

    /** The patient panel's content, recording in the audit trail that the actor opened the patient. */
    public Optional<PatientView> openPatient(String patientId, String issuer) {
        return transaction("open a patient", c -> {
            Optional<PatientView> view = patientView(c, patientId, issuer);
            if (view.isPresent()) {
                AuditLog.append(c, now(), actor, AuditAction.PATIENT_OPENED, EntityType.PATIENT,
                        patientKey(view.get().patient()), null, null);
            }
            return view;
        });
    }

    private static Optional<PatientView> patientView(Connection c, String patientId, String issuer)
            throws SQLException {
        String iss = issuer == null ? "" : issuer;
        Optional<Patient> patient = one(c, "SELECT * FROM patients WHERE patient_id = ? AND issuer = ?",
                Rows::patient, patientId, iss);
        if (patient.isEmpty()) {
            return Optional.empty();
        }
        long ref = patientRef(c, patientId, iss).orElseThrow();
        List<Study> studies = list(c, STUDY_QUERY + " WHERE p.id = ? ORDER BY s.study_date DESC, s.study_time DESC",
                Rows::study, ref);
        return Optional.of(new PatientView(patient.get(), studies, PatientRecordsSql.problems(c, ref),
                PatientRecordsSql.medications(c, ref), PatientRecordsSql.allergies(c, ref),
                PatientRecordsSql.priorReports(c, ref), PatientRecordsSql.imagingStudies(c, ref),
                PatientRecordsSql.labs(c, ref), PatientRecordsSql.openConflicts(c, ref)));
    }

    /** Identity conflicts, oldest first; only the unresolved ones when {@code openOnly}. */
    public List<IdentityConflict> identityConflicts(boolean openOnly) {
        return transaction("list identity conflicts", c -> PatientRecordsSql.conflicts(c, openOnly));
    }

    /** Records the user's answer to an open identity conflict (audited) and returns the resolved conflict. */
    public IdentityConflict resolveIdentityConflict(long conflictId, IdentityConflict.Resolution resolution,
                                                    String reader) {
        Objects.requireNonNull(resolution, "resolution");
        return transaction("resolve an identity conflict", c -> {
            IdentityConflict before = PatientRecordsSql.conflict(c, conflictId)
                    .orElseThrow(() -> new StoreException(file, "no identity conflict " + conflictId));
            if (!before.open()) {
                throw new IllegalStateException("identity conflict " + conflictId + " was already resolved as "
                        + before.resolution());
            }
            PatientRecordsSql.resolve(c, conflictId, resolution, reader, now());
            IdentityConflict after = PatientRecordsSql.conflict(c, conflictId).orElseThrow();
            AuditLog.append(c, now(), reader, AuditAction.IDENTITY_CONFLICT_RESOLVED, EntityType.IDENTITY_CONFLICT,
                    "" + conflictId, before, after);
            return after;
        });
    }

    // ---- worklist ----------------------------------------------------------------------------------------

    /**
     * The studies the query selects, in its order, with their patient and AI status. The rows are kept in memory
     * between calls; after a change to the file (by any process) only the changed studies are read again, so
     * re-sorting and filtering stay cheap.
     */
    public List<WorklistEntry> worklist(WorklistQuery query) {
        return transaction("list the worklist", c -> worklist.query(c, query));
    }

    /** How often this store read the whole worklist from the file; for tests of the incremental refresh. */
    int worklistFullLoads() {
        return transaction("count worklist loads", c -> worklist.fullLoads());
    }

    // ---- AI review -----------------------------------------------------------------------------------

    public ModelRun recordModelRun(NewModelRun run) {
        return transaction("record a model run", c -> {
            long id = insert(c, "INSERT INTO model_runs (model_id, model_version, device, started_at, finished_at,"
                            + " study_instance_uid, series_instance_uid, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    run.modelId(), run.modelVersion(), run.device(), millis(run.startedAt()), millis(run.finishedAt()),
                    run.studyUid(), run.seriesUid(), run.status());
            ModelRun saved = modelRun(c, id).orElseThrow();
            AuditLog.append(c, now(), actor, AuditAction.MODEL_RUN_RECORDED, EntityType.MODEL_RUN, "" + id, null,
                    saved);
            return saved;
        });
    }

    /** Marks a running model run as finished now. */
    public ModelRun finishModelRun(long runId, ModelRun.Status status) {
        if (status == ModelRun.Status.RUNNING) {
            throw new IllegalArgumentException("a run finishes as SUCCEEDED or FAILED");
        }
        return transaction("finish a model run", c -> {
            ModelRun before = modelRun(c, runId).orElseThrow(() -> new StoreException(file, "no model run " + runId));
            if (before.status() != ModelRun.Status.RUNNING) {
                throw new IllegalStateException("model run " + runId + " already finished as " + before.status());
            }
            update(c, "UPDATE model_runs SET status = ?, finished_at = ? WHERE id = ?", status, now(), runId);
            ModelRun after = modelRun(c, runId).orElseThrow();
            AuditLog.append(c, now(), actor, AuditAction.MODEL_RUN_FINISHED, EntityType.MODEL_RUN, "" + runId,
                    before, after);
            return after;
        });
    }

    public Optional<ModelRun> modelRun(long runId) {
        return transaction("read a model run", c -> modelRun(c, runId));
    }

    private static Optional<ModelRun> modelRun(Connection c, long runId) throws SQLException {
        return one(c, "SELECT * FROM model_runs WHERE id = ?", Rows::modelRun, runId);
    }

    /** Records a finding of a model run; it gets a fresh {@code 2.25} UID and belongs to the run's study. */
    public Finding recordFinding(NewFinding finding) {
        return transaction("record a finding", c -> {
            ModelRun run = modelRun(c, finding.modelRunId())
                    .orElseThrow(() -> new StoreException(file, "no model run " + finding.modelRunId()));
            long id = insert(c, "INSERT INTO findings (finding_uid, model_run_id, study_instance_uid,"
                            + " series_instance_uid, sop_instance_uid, frame, label, probability, threshold, positive,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    newUid(), run.id(), run.studyUid(), finding.seriesUid(), finding.sopInstanceUid(),
                    finding.frame(), finding.label(), finding.probability(), finding.threshold(), finding.positive(),
                    now());
            Finding saved = finding(c, id).orElseThrow();
            AuditLog.append(c, now(), actor, AuditAction.FINDING_RECORDED, EntityType.FINDING, "" + id, null, saved);
            return saved;
        });
    }

    public Optional<Finding> finding(long findingId) {
        return transaction("read a finding", c -> finding(c, findingId));
    }

    private static Optional<Finding> finding(Connection c, long findingId) throws SQLException {
        return one(c, "SELECT " + Rows.FINDING_COLUMNS + Rows.FINDING_FROM + " WHERE f.id = ?", Rows::finding,
                findingId);
    }

    /** The study's findings in the order they were recorded. */
    public List<Finding> findingsForStudy(String studyUid) {
        return transaction("list findings", c -> list(c, "SELECT " + Rows.FINDING_COLUMNS + Rows.FINDING_FROM
                + " WHERE f.study_instance_uid = ? ORDER BY f.id", Rows::finding, studyUid));
    }

    /**
     * Records the clinician's decision and commits it durably before returning. A later decision on the same
     * finding supersedes this one; both stay in the history. The first decision is audited as
     * {@code DECISION_RECORDED}; a later one, whether the outcome or only the comment changed, as
     * {@code DECISION_CHANGED} with the decision it replaces as "before".
     */
    public Decision recordDecision(long findingId, Outcome outcome, String comment, String reader) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reader, "reader");
        return transaction("save a decision", c -> {
            if (finding(c, findingId).isEmpty()) {
                throw new StoreException(file, "no finding " + findingId + " to decide on");
            }
            Decision before = latestDecision(c, findingId).orElse(null);
            long id = insert(c, "INSERT INTO decisions (finding_id, outcome, comment, reader, decided_at)"
                    + " VALUES (?, ?, ?, ?, ?)", findingId, outcome, comment, reader, now());
            Decision saved = one(c, "SELECT * FROM decisions WHERE id = ?", r -> Rows.decision(r, ""), id)
                    .orElseThrow();
            AuditLog.append(c, now(), reader, before == null ? AuditAction.DECISION_RECORDED
                    : AuditAction.DECISION_CHANGED, EntityType.DECISION, "" + id, before, saved);
            return saved;
        });
    }

    /** The decision in force for the finding: the most recent one. */
    public Optional<Decision> latestDecision(long findingId) {
        return transaction("read a decision", c -> latestDecision(c, findingId));
    }

    private static Optional<Decision> latestDecision(Connection c, long findingId) throws SQLException {
        return one(c, "SELECT * FROM decisions WHERE finding_id = ? ORDER BY id DESC LIMIT 1",
                r -> Rows.decision(r, ""), findingId);
    }

    /** Every decision on the finding, oldest first. */
    public List<Decision> decisionHistory(long findingId) {
        return transaction("read decisions", c -> list(c, "SELECT * FROM decisions WHERE finding_id = ? ORDER BY id",
                r -> Rows.decision(r, ""), findingId));
    }

    /** The study's findings, each with its latest decision (null while undecided). */
    public List<ReviewedFinding> reviewedFindings(String studyUid) {
        return transaction("list reviewed findings", c -> reviewedFindings(c, studyUid));
    }

    private static List<ReviewedFinding> reviewedFindings(Connection c, String studyUid) throws SQLException {
        return list(c, "SELECT " + Rows.FINDING_COLUMNS + ", d.id AS d_id, d.finding_id AS d_finding_id,"
                        + " d.outcome AS d_outcome, d.comment AS d_comment, d.reader AS d_reader,"
                        + " d.decided_at AS d_decided_at" + Rows.FINDING_FROM
                        + " LEFT JOIN decisions d ON d.id = (SELECT max(id) FROM decisions WHERE finding_id = f.id)"
                        + " WHERE f.study_instance_uid = ? ORDER BY f.id",
                r -> new ReviewedFinding(Rows.finding(r), Rows.decision(r, "d_")), studyUid);
    }

    /** The study's findings that have no decision yet. */
    public List<Finding> undecidedFindings(String studyUid) {
        return reviewedFindings(studyUid).stream().filter(f -> !f.decided()).map(ReviewedFinding::finding).toList();
    }

    // ---- reports -------------------------------------------------------------------------------------

    /**
     * Records an exported report file, signed by {@code reader}: the audit trail gets the export and the signature
     * (who, when, the file's SHA-256) in the same transaction.
     *
     * @throws UndecidedFindingsException when a finding of the study has no decision
     */
    public Report recordReport(String studyUid, Path path, String sha256, String reader) {
        Objects.requireNonNull(reader, "reader");
        return transaction("record a report", c -> {
            ReportGate.ensureAllDecided(reviewedFindings(c, studyUid));
            long id = insert(c, "INSERT INTO reports (study_instance_uid, path, sha256, reader, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", studyUid, path.toAbsolutePath(), sha256, reader, now());
            Report saved = one(c, "SELECT * FROM reports WHERE id = ?", Rows::report, id).orElseThrow();
            AuditLog.append(c, now(), reader, AuditAction.REPORT_EXPORTED, EntityType.REPORT, "" + id, null, saved);
            AuditLog.append(c, now(), reader, AuditAction.REPORT_SIGNED, EntityType.REPORT, "" + id, null,
                    new ReportSignature(id, studyUid, sha256, reader, saved.createdAt()));
            return saved;
        });
    }

    public List<Report> reportsForStudy(String studyUid) {
        return transaction("list reports", c -> list(c, "SELECT * FROM reports WHERE study_instance_uid = ?"
                + " ORDER BY id", Rows::report, studyUid));
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits; rolls back and explains on failure. Transactions are begun
     * and ended here rather than through JDBC's auto-commit switch, which begins the next transaction right after
     * each commit and so would hold SQLite's write lock (IMMEDIATE) between calls, locking out other processes.
     */
    synchronized <T> T transaction(String what, SqlWork<T> work) {
        if (closed) {
            throw new IllegalStateException("clinical store " + file + " is closed");
        }
        boolean begun = false;
        try {
            execute(readOnly ? "BEGIN" : "BEGIN IMMEDIATE");
            begun = true;
            T result = work.run(connection);
            execute("COMMIT");
            return result;
        } catch (SQLException e) {
            rollback(begun);
            if (readOnly && e.getErrorCode() == SQLiteErrorCode.SQLITE_READONLY.code) {
                throw new StoreException(StoreException.Kind.READ_ONLY, file, "is open read-only: cannot " + what,
                        e);
            }
            if (isLocked(e)) {
                throw locked(file, what, e);
            }
            throw new StoreException(file, "could not " + what, e);
        } catch (RuntimeException e) {
            rollback(begun);
            throw e;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static boolean isLocked(Throwable e) {
        return e instanceof SQLException sql && (sql.getErrorCode() == SQLiteErrorCode.SQLITE_BUSY.code
                || sql.getErrorCode() == SQLiteErrorCode.SQLITE_LOCKED.code);
    }

    private static StoreException locked(Path file, String what, Exception cause) {
        return new StoreException(StoreException.Kind.LOCKED, file, "is locked by another program (is SecondLook already running?): could not "
                + what + "; close the other program and try again, or open the store read-only", cause);
    }

    /** SQLite may already have rolled back on its own (e.g. a full disk); only a transaction still open is ended. */
    private void rollback(boolean begun) {
        if (!begun) {
            return;
        }
        try {
            execute("ROLLBACK");
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                LOG.warn("Rollback failed on {}", file, e);
            }
        }
    }

    static Object update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            Jdbc.bind(statement, values);
            statement.executeUpdate();
        }
        return null;
    }

    static long insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            Jdbc.bind(statement, values);
            statement.executeUpdate();
        }
        try (Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT last_insert_rowid()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... values)
            throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            Jdbc.bind(statement, values);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }

    static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... values)
            throws SQLException {
        List<T> rows = list(c, sql, mapper, values);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static Optional<Long> patientRef(Connection c, String patientId, String issuer) throws SQLException {
        return one(c, "SELECT id FROM patients WHERE patient_id = ? AND issuer = ?", r -> r.getLong(1), patientId,
                issuer);
    }

    static String patientKey(Patient patient) {
        return patient.issuer().isEmpty() ? patient.patientId() : patient.patientId() + "^" + patient.issuer();
    }

    /** Times are stored to the millisecond so they read back equal to what was written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A DICOM UID under the UUID root (PS3.5 B.2). */
    private static String newUid() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the clinical store connection failed", e);
        }
    }
}
