package io.secondlook.core.store;

import io.secondlook.core.worklist.AiStatus;
import io.secondlook.core.worklist.WorklistEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** Loads the worklist: studies joined to their patient and the per-study AI summary. */
final class WorklistSql {

    /** Studies with their patient and the trigger-maintained AI summary (schema 4). */
    private static final String BASE = "SELECT * FROM (SELECT s.study_instance_uid, s.study_date, s.study_time,"
            + " s.description, s.accession_number, s.modalities, p.patient_id, p.issuer, p.name, p.birth_date,"
            + " coalesce(a.findings, 0) AS finding_count, coalesce(a.undecided, 0) AS undecided, a.max_score AS ai_score,"
            + " CASE WHEN a.reports > 0 THEN 3 WHEN coalesce(a.runs, 0) = 0 THEN 0"
            + " WHEN a.running > 0 OR a.undecided > 0 THEN 1 ELSE 2 END AS ai_rank"
            + " FROM studies s JOIN patients p ON p.id = s.patient_ref"
            + " LEFT JOIN study_ai_summary a ON a.study_instance_uid = s.study_instance_uid) AS s";

    private WorklistSql() {
    }

    /** Every study, in no particular order. */
    static List<WorklistEntry> all(Connection c) throws SQLException {
        return ClinicalStore.list(c, BASE, WorklistSql::entry);
    }

    private static WorklistEntry entry(ResultSet r) throws SQLException {
        String modalities = r.getString("modalities");
        double score = r.getDouble("ai_score");
        Double aiScore = r.wasNull() ? null : score;
        return new WorklistEntry(r.getString("study_instance_uid"), r.getString("patient_id"), r.getString("issuer"),
                r.getString("name"), Jdbc.date(r, "birth_date"),
                modalities.isEmpty() ? List.of() : Arrays.asList(modalities.split("\\\\")), Jdbc.date(r, "study_date"),
                Jdbc.time(r, "study_time"), r.getString("description"), r.getString("accession_number"),
                AiStatus.values()[r.getInt("ai_rank")], aiScore, r.getInt("finding_count"), r.getInt("undecided"));
    }
}
