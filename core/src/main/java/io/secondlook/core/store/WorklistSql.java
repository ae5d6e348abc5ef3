package io.secondlook.core.store;

import io.secondlook.core.worklist.AiStatus;
import io.secondlook.core.worklist.WorklistEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads the worklist: studies joined to their patient and the per-study AI summary; and the change log. */
final class WorklistSql {

    /** Studies with their patient and the trigger-maintained AI summary (schema 4), by column position. */
    private static final String BASE = "SELECT s.study_instance_uid, s.study_date, s.study_time, s.description,"
            + " s.accession_number, s.modalities, p.patient_id, p.issuer, p.name, p.birth_date,"
            + " a.findings, a.undecided, a.max_score, a.runs, a.running, a.reports"
            + " FROM studies s JOIN patients p ON p.id = s.patient_ref"
            + " LEFT JOIN study_ai_summary a ON a.study_instance_uid = s.study_instance_uid";

    /** The change log's first and last entries; {@code last} is 0 while it is empty. */
    record LogBounds(long first, long last) {
    }

    private WorklistSql() {
    }

    /** Every study, in no particular order. */
    static List<WorklistEntry> all(Connection c) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery(BASE)) {
            return read(rows);
        }
    }

    /** The studies named in the change log after {@code afterSeq} that still exist. */
    static List<WorklistEntry> changedSince(Connection c, long afterSeq) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(BASE + " WHERE s.study_instance_uid IN"
                + " (SELECT study_instance_uid FROM worklist_changes WHERE seq > ?)")) {
            statement.setLong(1, afterSeq);
            try (ResultSet rows = statement.executeQuery()) {
                return read(rows);
            }
        }
    }

    /** The study UIDs named in the change log after {@code afterSeq}, deleted ones included. */
    static List<String> changedUids(Connection c, long afterSeq) throws SQLException {
        return ClinicalStore.list(c, "SELECT DISTINCT study_instance_uid FROM worklist_changes WHERE seq > ?",
                r -> r.getString(1), afterSeq);
    }

    static LogBounds logBounds(Connection c) throws SQLException {
        try (Statement statement = c.createStatement();
             ResultSet r = statement.executeQuery("SELECT (SELECT min(seq) FROM worklist_changes),"
                     + " (SELECT max(seq) FROM worklist_changes)")) {
            r.next();
            return new LogBounds(r.getLong(1), r.getLong(2));
        }
    }

    /** Keeps the newest {@code keep} log entries; readers behind the pruned part reload in full. */
    static int prune(Connection c, long keep) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("DELETE FROM worklist_changes"
                + " WHERE seq <= (SELECT max(seq) FROM worklist_changes) - ?")) {
            statement.setLong(1, keep);
            return statement.executeUpdate();
        }
    }

    /** Reads rows by position, sharing repeated texts (modalities, dates, descriptions) between entries. */
    private static List<WorklistEntry> read(ResultSet r) throws SQLException {
        Map<String, List<String>> modalities = new HashMap<>();
        Map<String, LocalDate> dates = new HashMap<>();
        Map<String, LocalTime> times = new HashMap<>();
        List<WorklistEntry> entries = new ArrayList<>();
        while (r.next()) {
            String modality = r.getString(6);
            double score = r.getDouble(13);
            Double aiScore = r.wasNull() ? null : score;
            entries.add(new WorklistEntry(r.getString(1), r.getString(7), r.getString(8), r.getString(9),
                    date(r.getString(10), dates),
                    modalities.computeIfAbsent(modality == null ? "" : modality, WorklistSql::splitModalities),
                    date(r.getString(2), dates), time(r.getString(3), times), r.getString(4), r.getString(5),
                    status(r.getInt(14), r.getInt(15), r.getInt(12), r.getInt(16)), aiScore, r.getInt(11),
                    r.getInt(12)));
        }
        return entries;
    }

    /** Missing summary values read as 0: a study without a summary row was never run nor reported. */
    private static AiStatus status(int runs, int running, int undecided, int reports) {
        if (reports > 0) {
            return AiStatus.REPORTED;
        }
        if (runs == 0) {
            return AiStatus.NOT_RUN;
        }
        return running > 0 || undecided > 0 ? AiStatus.PENDING_REVIEW : AiStatus.REVIEWED;
    }

    private static List<String> splitModalities(String text) {
        return text.isEmpty() ? List.of() : List.copyOf(Arrays.asList(text.split("\\\\")));
    }

    private static LocalDate date(String text, Map<String, LocalDate> seen) {
        return text == null ? null : seen.computeIfAbsent(text, LocalDate::parse);
    }

    private static LocalTime time(String text, Map<String, LocalTime> seen) {
        return text == null ? null : seen.computeIfAbsent(text, LocalTime::parse);
    }
}
