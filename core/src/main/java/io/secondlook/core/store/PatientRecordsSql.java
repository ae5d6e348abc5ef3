package io.secondlook.core.store;

import static io.secondlook.core.store.ClinicalStore.insert;
import static io.secondlook.core.store.ClinicalStore.list;
import static io.secondlook.core.store.ClinicalStore.one;
import static io.secondlook.core.store.ClinicalStore.update;

import io.secondlook.core.audit.AuditAction;
import io.secondlook.core.audit.EntityType;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.records.Allergy;
import io.secondlook.core.records.Coding;
import io.secondlook.core.records.IdentityConflict;
import io.secondlook.core.records.ImagingStudyRef;
import io.secondlook.core.records.ImportSummary;
import io.secondlook.core.records.LabSeries;
import io.secondlook.core.records.Medication;
import io.secondlook.core.records.Observation;
import io.secondlook.core.records.PatientRecords;
import io.secondlook.core.records.PriorReport;
import io.secondlook.core.records.Problem;
import io.secondlook.core.records.RecordFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Patient identity checks, record import, the patient view and identity conflicts, inside a store transaction. */
final class PatientRecordsSql {

    /** Only records whose file is not held back by an open identity conflict. */
    private static final String VISIBLE = " JOIN record_sources rs ON rs.id = x.source_ref"
            + " WHERE rs.patient_ref = ? AND rs.conflict_ref IS NULL";

    private PatientRecordsSql() {
    }

    /** The stored patient row and, when the incoming demographics disagree, the conflict that flags it. */
    record Identity(long patientRef, Long conflictId) {
    }

    /**
     * Stores a new patient, fills in unknown demographics of a stored one, or flags a conflict (keeping the stored
     * name and birth date) when both are known and differ.
     */
    static Identity identify(Connection c, Patient incoming, String source, Instant now, String actor)
            throws SQLException {
        Optional<Patient> stored = one(c, "SELECT * FROM patients WHERE patient_id = ? AND issuer = ?", Rows::patient,
                incoming.patientId(), incoming.issuer());
        if (stored.isEmpty()) {
            long ref = insert(c, "INSERT INTO patients (patient_id, issuer, name, birth_date, sex) VALUES (?, ?, ?, ?, ?)",
                    incoming.patientId(), incoming.issuer(), incoming.name(), incoming.birthDate(), incoming.sex());
            return new Identity(ref, null);
        }
        long ref = ClinicalStore.patientRef(c, incoming.patientId(), incoming.issuer()).orElseThrow();
        Patient known = stored.get();
        boolean nameDiffers = known.name() != null && incoming.name() != null
                && !normalName(known.name()).equals(normalName(incoming.name()));
        boolean birthDiffers = known.birthDate() != null && incoming.birthDate() != null
                && !known.birthDate().equals(incoming.birthDate());
        if (!nameDiffers && !birthDiffers) {
            update(c, "UPDATE patients SET name = coalesce(name, ?), birth_date = coalesce(birth_date, ?),"
                    + " sex = coalesce(?, sex) WHERE id = ?", incoming.name(), incoming.birthDate(), incoming.sex(), ref);
            return new Identity(ref, null);
        }
        Optional<Long> existing = one(c, "SELECT id FROM identity_conflicts WHERE patient_ref = ? AND resolution IS NULL"
                        + " AND source = ? AND incoming_name IS ? AND incoming_birth_date IS ?", r -> r.getLong(1),
                ref, source, incoming.name(), incoming.birthDate());
        if (existing.isPresent()) {
            return new Identity(ref, existing.get());
        }
        long id = insert(c, "INSERT INTO identity_conflicts (patient_ref, stored_name, stored_birth_date, incoming_name,"
                        + " incoming_birth_date, source, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)", ref, known.name(),
                known.birthDate(), incoming.name(), incoming.birthDate(), source, now);
        IdentityConflict flagged = conflict(c, id).orElseThrow();
        AuditLog.append(c, now, actor, AuditAction.IDENTITY_CONFLICT_FLAGGED, EntityType.IDENTITY_CONFLICT, "" + id,
                null, flagged);
        return new Identity(ref, id);
    }

    /** DICOM person names compare without case, surrounding blanks and trailing empty components. */
    private static String normalName(String name) {
        return name.strip().replaceAll("\\^+$", "").toUpperCase(Locale.ROOT);
    }

    static ImportSummary importFile(Connection c, RecordFile file, Instant now, String actor) throws SQLException {
        String source = file.file().toAbsolutePath().normalize().toString();
        int problems = 0;
        int medications = 0;
        int allergies = 0;
        int observations = 0;
        int reports = 0;
        int imaging = 0;
        int conflicts = 0;
        for (PatientRecords records : file.patients()) {
            Identity identity = identify(c, records.patient(), source, now, actor);
            conflicts += identity.conflictId() == null ? 0 : 1;
            // Importing a file again replaces what it gave before.
            update(c, "DELETE FROM record_sources WHERE patient_ref = ? AND file = ?", identity.patientRef(), source);
            long sourceRef = insert(c, "INSERT INTO record_sources (patient_ref, kind, file, sha256, imported_at,"
                            + " conflict_ref) VALUES (?, ?, ?, ?, ?, ?)", identity.patientRef(), file.kind(), source,
                    file.sha256(), now, identity.conflictId());
            writeRecords(c, sourceRef, identity.patientRef(), records);
            problems += records.problems().size();
            medications += records.medications().size();
            allergies += records.allergies().size();
            observations += records.observations().size();
            reports += records.reports().size();
            imaging += records.imagingStudies().size();
            Map<String, Object> what = new LinkedHashMap<>();
            what.put("file", source);
            what.put("kind", file.kind());
            what.put("sha256", file.sha256());
            what.put("records", records.recordCount());
            what.put("heldBackByConflict", identity.conflictId());
            AuditLog.append(c, now, actor, AuditAction.RECORDS_IMPORTED, EntityType.PATIENT,
                    ClinicalStore.patientKey(records.patient()), null, what);
        }
        return new ImportSummary(file.file(), file.kind(), file.patients().size(), problems, medications, allergies,
                observations, reports, imaging, conflicts);
    }

    private static void writeRecords(Connection c, long sourceRef, long patientRef, PatientRecords records)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO problems (source_ref, locator, code_system, code,"
                + " display, clinical_status, onset, abatement) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Problem p : records.problems()) {
                Jdbc.bind(s, sourceRef, p.locator(), p.coding().system(), p.coding().code(), p.coding().display(),
                        p.clinicalStatus(), p.onset(), p.abatement());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO medications (source_ref, locator, code_system, code,"
                + " display, status, dosage, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Medication m : records.medications()) {
                Jdbc.bind(s, sourceRef, m.locator(), m.coding().system(), m.coding().code(), m.coding().display(),
                        m.status(), m.dosage(), m.start(), m.end());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO allergies (source_ref, locator, code_system, code,"
                + " display, criticality, reaction) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Allergy a : records.allergies()) {
                Jdbc.bind(s, sourceRef, a.locator(), a.coding().system(), a.coding().code(), a.coding().display(),
                        a.criticality(), a.reaction());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO observations (source_ref, patient_ref, locator, loinc,"
                + " display, value, unit, ref_low, ref_high, effective_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Observation o : records.observations()) {
                Jdbc.bind(s, sourceRef, patientRef, o.locator(), o.loinc(), o.display(), o.value(), o.unit(), o.low(),
                        o.high(), o.effective());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO prior_reports (source_ref, locator, code, title,"
                + " status, issued_at, conclusion, study_instance_uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PriorReport r : records.reports()) {
                Jdbc.bind(s, sourceRef, r.locator(), r.code(), r.title(), r.status(), r.issued(), r.conclusion(),
                        r.studyUid());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO imaging_study_refs (source_ref, locator,"
                + " study_instance_uid, started_at, modalities, description) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ImagingStudyRef i : records.imagingStudies()) {
                Jdbc.bind(s, sourceRef, i.locator(), i.studyUid(), i.started(), String.join("\\", i.modalities()),
                        i.description());
                s.executeUpdate();
            }
        }
    }

    // ---- patient view --------------------------------------------------------------------------------------

    static List<Problem> problems(Connection c, long patientRef) throws SQLException {
        return list(c, "SELECT x.* FROM problems x" + VISIBLE + " ORDER BY x.onset IS NULL, x.onset DESC, x.id",
                r -> new Problem(coding(r), r.getString("clinical_status"), Jdbc.date(r, "onset"),
                        Jdbc.date(r, "abatement"), r.getString("locator")), patientRef);
    }

    static List<Medication> medications(Connection c, long patientRef) throws SQLException {
        return list(c, "SELECT x.* FROM medications x" + VISIBLE
                        + " ORDER BY x.start_date IS NULL, x.start_date DESC, x.id",
                r -> new Medication(coding(r), r.getString("status"), r.getString("dosage"),
                        Jdbc.date(r, "start_date"), Jdbc.date(r, "end_date"), r.getString("locator")), patientRef);
    }

    static List<Allergy> allergies(Connection c, long patientRef) throws SQLException {
        return list(c, "SELECT x.* FROM allergies x" + VISIBLE + " ORDER BY x.id",
                r -> new Allergy(coding(r), r.getString("criticality"), r.getString("reaction"),
                        r.getString("locator")), patientRef);
    }

    static List<PriorReport> priorReports(Connection c, long patientRef) throws SQLException {
        return list(c, "SELECT x.* FROM prior_reports x" + VISIBLE
                        + " ORDER BY x.issued_at IS NULL, x.issued_at DESC, x.id",
                r -> new PriorReport(r.getString("code"), r.getString("title"), r.getString("status"),
                        Jdbc.instant(r, "issued_at"), r.getString("conclusion"), r.getString("study_instance_uid"),
                        r.getString("locator")), patientRef);
    }

    static List<ImagingStudyRef> imagingStudies(Connection c, long patientRef) throws SQLException {
        return list(c, "SELECT x.* FROM imaging_study_refs x" + VISIBLE
                        + " ORDER BY x.started_at IS NULL, x.started_at DESC, x.id",
                r -> {
                    String modalities = r.getString("modalities");
                    return new ImagingStudyRef(r.getString("study_instance_uid"), Jdbc.instant(r, "started_at"),
                            modalities.isEmpty() ? List.of() : Arrays.asList(modalities.split("\\\\")),
                            r.getString("description"), r.getString("locator"));
                }, patientRef);
    }

    /** Lab series by LOINC code (ordered by code), each oldest first; display from the latest result. */
    static List<LabSeries> labs(Connection c, long patientRef) throws SQLException {
        Map<String, List<LabSeries.Point>> points = new LinkedHashMap<>();
        Map<String, String> displays = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT x.loinc, x.display, x.value, x.unit, x.ref_low,"
                + " x.ref_high, x.effective_at FROM observations x JOIN record_sources rs ON rs.id = x.source_ref"
                + " WHERE x.patient_ref = ? AND rs.conflict_ref IS NULL ORDER BY x.loinc, x.effective_at, x.id")) {
            Jdbc.bind(s, patientRef);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String loinc = r.getString("loinc");
                    displays.put(loinc, r.getString("display"));
                    points.computeIfAbsent(loinc, k -> new ArrayList<>()).add(new LabSeries.Point(
                            Jdbc.instant(r, "effective_at"), r.getDouble("value"), r.getString("unit"),
                            nullableDouble(r, "ref_low"), nullableDouble(r, "ref_high")));
                }
            }
        }
        List<LabSeries> series = new ArrayList<>();
        points.forEach((loinc, list) -> series.add(new LabSeries(loinc, displays.get(loinc), list)));
        return series;
    }

    private static Double nullableDouble(ResultSet r, String column) throws SQLException {
        double value = r.getDouble(column);
        return r.wasNull() ? null : value;
    }

    private static Coding coding(ResultSet r) throws SQLException {
        return new Coding(r.getString("code_system"), r.getString("code"), r.getString("display"));
    }

    // ---- identity conflicts --------------------------------------------------------------------------------

    private static final String CONFLICTS = "SELECT ic.*, p.patient_id, p.issuer FROM identity_conflicts ic"
            + " JOIN patients p ON p.id = ic.patient_ref";

    static List<IdentityConflict> conflicts(Connection c, boolean openOnly) throws SQLException {
        return list(c, CONFLICTS + (openOnly ? " WHERE ic.resolution IS NULL" : "") + " ORDER BY ic.id",
                PatientRecordsSql::conflict);
    }

    static List<IdentityConflict> openConflicts(Connection c, long patientRef) throws SQLException {
        return list(c, CONFLICTS + " WHERE ic.resolution IS NULL AND ic.patient_ref = ? ORDER BY ic.id",
                PatientRecordsSql::conflict, patientRef);
    }

    static Optional<IdentityConflict> conflict(Connection c, long id) throws SQLException {
        return one(c, CONFLICTS + " WHERE ic.id = ?", PatientRecordsSql::conflict, id);
    }

    /** Same person: held-back records join the patient. Different people: they are discarded. */
    static void resolve(Connection c, long id, IdentityConflict.Resolution resolution, String reader, Instant now)
            throws SQLException {
        if (resolution == IdentityConflict.Resolution.SAME_PATIENT) {
            update(c, "UPDATE record_sources SET conflict_ref = NULL WHERE conflict_ref = ?", id);
        } else {
            update(c, "DELETE FROM record_sources WHERE conflict_ref = ?", id);
        }
        update(c, "UPDATE identity_conflicts SET resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?",
                resolution, Objects.requireNonNull(reader, "reader"), now, id);
    }

    private static IdentityConflict conflict(ResultSet r) throws SQLException {
        String resolution = r.getString("resolution");
        return new IdentityConflict(r.getLong("id"), r.getString("patient_id"), r.getString("issuer"),
                r.getString("stored_name"), Jdbc.date(r, "stored_birth_date"), r.getString("incoming_name"),
                Jdbc.date(r, "incoming_birth_date"), r.getString("source"), Jdbc.instant(r, "detected_at"),
                resolution == null ? null : IdentityConflict.Resolution.valueOf(resolution),
                r.getString("resolved_by"), Jdbc.instant(r, "resolved_at"));
    }
}
