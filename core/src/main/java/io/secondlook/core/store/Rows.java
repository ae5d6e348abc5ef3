package io.secondlook.core.store;

import static io.secondlook.core.store.Jdbc.date;
import static io.secondlook.core.store.Jdbc.instant;
import static io.secondlook.core.store.Jdbc.integer;
import static io.secondlook.core.store.Jdbc.time;

import io.secondlook.core.audit.AuditEvent;
import io.secondlook.core.domain.Decision;
import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.Instance;
import io.secondlook.core.domain.ModelRun;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.Report;
import io.secondlook.core.domain.Series;
import io.secondlook.core.domain.Study;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** Maps result rows to domain records; each method expects the columns its matching query selects. */
final class Rows {

    static final String FINDING_COLUMNS = "f.id, f.finding_uid, f.model_run_id, r.model_id, r.model_version,"
            + " f.study_instance_uid, f.series_instance_uid, f.sop_instance_uid, f.frame, f.label, f.probability,"
            + " f.threshold, f.positive, f.created_at";
    static final String FINDING_FROM = " FROM findings f JOIN model_runs r ON r.id = f.model_run_id";

    private Rows() {
    }

    static Patient patient(ResultSet rows) throws SQLException {
        return new Patient(rows.getString("patient_id"), rows.getString("issuer"), rows.getString("name"),
                date(rows, "birth_date"), rows.getString("sex"));
    }

    static Study study(ResultSet rows) throws SQLException {
        String modalities = rows.getString("modalities");
        List<String> list = modalities.isEmpty() ? List.of() : Arrays.asList(modalities.split("\\\\"));
        return new Study(rows.getString("study_instance_uid"), rows.getString("patient_id"),
                rows.getString("issuer"), date(rows, "study_date"), time(rows, "study_time"),
                rows.getString("description"), rows.getString("accession_number"), list);
    }

    /** Modalities joined with DICOM's value separator. */
    static String modalities(Study study) {
        return String.join("\\", study.modalities());
    }

    static Series series(ResultSet rows) throws SQLException {
        return new Series(rows.getString("series_instance_uid"), rows.getString("study_instance_uid"),
                rows.getString("modality"), integer(rows, "series_number"), rows.getString("description"),
                rows.getInt("instance_count"));
    }

    static Instance instance(ResultSet rows) throws SQLException {
        return new Instance(rows.getString("sop_instance_uid"), rows.getString("series_instance_uid"),
                rows.getString("sop_class_uid"), integer(rows, "instance_number"), rows.getInt("frame_count"),
                Path.of(rows.getString("path")));
    }

    static ModelRun modelRun(ResultSet rows) throws SQLException {
        return new ModelRun(rows.getLong("id"), rows.getString("model_id"), rows.getString("model_version"),
                rows.getString("device"), instant(rows, "started_at"), instant(rows, "finished_at"),
                rows.getString("study_instance_uid"), rows.getString("series_instance_uid"),
                ModelRun.Status.valueOf(rows.getString("status")));
    }

    static Finding finding(ResultSet rows) throws SQLException {
        return new Finding(rows.getLong("id"), rows.getString("finding_uid"), rows.getLong("model_run_id"),
                rows.getString("model_id"), rows.getString("model_version"), rows.getString("study_instance_uid"),
                rows.getString("series_instance_uid"), rows.getString("sop_instance_uid"), integer(rows, "frame"),
                rows.getString("label"), rows.getDouble("probability"), rows.getDouble("threshold"),
                rows.getInt("positive") == 1, instant(rows, "created_at"));
    }

    /** A decision whose columns are prefixed, e.g. {@code d_id}, so it can share a row with a finding. */
    static Decision decision(ResultSet rows, String prefix) throws SQLException {
        long id = rows.getLong(prefix + "id");
        if (rows.wasNull()) {
            return null;
        }
        return new Decision(id, rows.getLong(prefix + "finding_id"),
                Outcome.valueOf(rows.getString(prefix + "outcome")), rows.getString(prefix + "comment"),
                rows.getString(prefix + "reader"), instant(rows, prefix + "decided_at"));
    }

    static Report report(ResultSet rows) throws SQLException {
        return new Report(rows.getLong("id"), rows.getString("study_instance_uid"), Path.of(rows.getString("path")),
                rows.getString("sha256"), rows.getString("reader"), instant(rows, "created_at"));
    }

    static AuditEvent auditEvent(ResultSet rows) throws SQLException {
        return new AuditEvent(rows.getLong("sequence"), instant(rows, "occurred_at"), rows.getString("actor"),
                rows.getString("action"), rows.getString("entity_type"), rows.getString("entity_id"),
                rows.getString("before_json"), rows.getString("after_json"), rows.getString("prev_hash"),
                rows.getString("hash"));
    }
}
