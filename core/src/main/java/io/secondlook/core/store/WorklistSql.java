package io.secondlook.core.store;

import io.secondlook.core.worklist.AiStatus;
import io.secondlook.core.worklist.WorklistColumn;
import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.core.worklist.WorklistQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The worklist as one SQL query: studies joined to per-study aggregates of runs, findings and reports. */
final class WorklistSql {

    private static final String BASE = "WITH runs AS (SELECT study_instance_uid AS uid, count(*) AS n,"
            + " sum(status = 'RUNNING') AS running FROM model_runs GROUP BY study_instance_uid),"
            + " f AS (SELECT study_instance_uid AS uid, count(*) AS n, max(probability) AS score,"
            + " sum(NOT EXISTS (SELECT 1 FROM decisions d WHERE d.finding_id = findings.id)) AS undecided"
            + " FROM findings GROUP BY study_instance_uid),"
            + " rep AS (SELECT DISTINCT study_instance_uid AS uid FROM reports),"
            + " w AS (SELECT s.study_instance_uid, s.study_date, s.study_time, s.description, s.accession_number,"
            + " s.modalities, p.patient_id, p.issuer, p.name, p.birth_date,"
            + " coalesce(f.n, 0) AS finding_count, coalesce(f.undecided, 0) AS undecided, f.score AS ai_score,"
            + " CASE WHEN rep.uid IS NOT NULL THEN 3 WHEN runs.n IS NULL THEN 0"
            + " WHEN runs.running > 0 OR coalesce(f.undecided, 0) > 0 THEN 1 ELSE 2 END AS ai_rank"
            + " FROM studies s JOIN patients p ON p.id = s.patient_ref"
            + " LEFT JOIN runs ON runs.uid = s.study_instance_uid LEFT JOIN f ON f.uid = s.study_instance_uid"
            + " LEFT JOIN rep ON rep.uid = s.study_instance_uid)"
            + " SELECT * FROM w AS s";

    private WorklistSql() {
    }

    static List<WorklistEntry> query(Connection c, WorklistQuery q) throws SQLException {
        List<String> where = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (q.modality() != null) {
            where.add("instr('\\' || s.modalities || '\\', ?) > 0");
            values.add("\\" + q.modality() + "\\");
        }
        if (q.from() != null) {
            where.add("s.study_date >= ?");
            values.add(q.from());
        }
        if (q.to() != null) {
            where.add("s.study_date <= ?");
            values.add(q.to());
        }
        if (!q.statuses().isEmpty()) {
            where.add("s.ai_rank IN (" + String.join(", ", q.statuses().stream()
                    .map(st -> "" + st.ordinal()).sorted().toList()) + ")");
        }
        if (q.search() != null) {
            String like = "%" + q.search().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            where.add("(s.name LIKE ? ESCAPE '!' OR s.patient_id LIKE ? ESCAPE '!' OR s.description LIKE ? ESCAPE '!'"
                    + " OR s.accession_number LIKE ? ESCAPE '!')");
            values.addAll(List.of(like, like, like, like));
        }
        StringBuilder sql = new StringBuilder(BASE);
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        sql.append(" ORDER BY ");
        if (q.triage()) {
            sql.append("s.ai_score DESC NULLS LAST, ");
        } else {
            sql.append(column(q.sortBy())).append(q.descending() ? " DESC" : " ASC").append(" NULLS LAST, ");
        }
        sql.append("s.study_date DESC NULLS LAST, s.study_time DESC NULLS LAST, s.study_instance_uid");
        if (q.limit() > 0) {
            sql.append(" LIMIT ").append(q.limit());
        }
        return ClinicalStore.list(c, sql.toString(), WorklistSql::entry, values.toArray());
    }

    /** The column as the outer query names it; names are aliased from the joined tables. */
    private static String column(WorklistColumn column) {
        return switch (column) {
            case PATIENT_NAME -> "s.name";
            case PATIENT_ID -> "s.patient_id";
            case MODALITY -> "s.modalities";
            case DATE -> "s.study_date";
            case DESCRIPTION -> "s.description";
            case ACCESSION -> "s.accession_number";
            case AI_STATUS -> "s.ai_rank";
            case AI_SCORE -> "s.ai_score";
        };
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
