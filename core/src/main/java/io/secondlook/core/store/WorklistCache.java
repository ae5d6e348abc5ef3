package io.secondlook.core.store;

import io.secondlook.core.worklist.WorklistColumn;
import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.core.worklist.WorklistQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The worklist held in memory, so that sorting, filtering and searching 10,000 studies takes milliseconds. After a
 * commit by this connection ({@code total_changes()}) or another one ({@code PRAGMA data_version}), only the
 * studies that the trigger-maintained {@code worklist_changes} log names since the last load are read again; the
 * whole list is read on the first call and when the log was pruned past that point. Used only inside store
 * transactions (serialised).
 */
final class WorklistCache {

    private static final Comparator<Row> NEWEST_FIRST = Comparator.comparing((Row r) -> r.entry().date(),
                    Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(r -> r.entry().time(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(r -> r.entry().studyUid());

    /** An entry with its lower-case search text. */
    private record Row(WorklistEntry entry, String searchText) {
        static Row of(WorklistEntry e) {
            return new Row(e, String.join("\u0000", Objects.toString(e.patientName(), ""), e.patientId(),
                    Objects.toString(e.description(), ""), Objects.toString(e.accessionNumber(), ""))
                    .toLowerCase(Locale.ROOT));
        }
    }

    private long loadedVersion = -1;
    private long loadedChanges = -1;
    private long loadedSeq = -1;
    private final Map<String, Row> byUid = new HashMap<>();
    /** Every row, kept newest first: a query's stable sort then leaves ties in this order, and by date needs none. */
    private List<Row> rows = new ArrayList<>();
    private int fullLoads;

    List<WorklistEntry> query(Connection c, WorklistQuery q) throws SQLException {
        refresh(c);
        String needle = q.search() == null ? null : q.search().toLowerCase(Locale.ROOT);
        Stream<WorklistEntry> selected = rows.stream()
                .filter(r -> needle == null || r.searchText().contains(needle))
                .map(Row::entry)
                .filter(e -> q.modality() == null || e.modalities().contains(q.modality()))
                .filter(e -> q.from() == null || (e.date() != null && !e.date().isBefore(q.from())))
                .filter(e -> q.to() == null || (e.date() != null && !e.date().isAfter(q.to())))
                .filter(e -> q.statuses().isEmpty() || q.statuses().contains(e.aiStatus()));
        if (q.triage() || q.sortBy() != WorklistColumn.DATE || !q.descending()) {
            selected = selected.sorted(order(q));
        }
        return (q.limit() > 0 ? selected.limit(q.limit()) : selected).toList();
    }

    /** How often the whole worklist was read from SQLite; for tests of the incremental refresh. */
    int fullLoads() {
        return fullLoads;
    }

    private void refresh(Connection c) throws SQLException {
        long version;
        long changes;
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA data_version")) {
                version = r.next() ? r.getLong(1) : 0;
            }
            try (ResultSet r = s.executeQuery("SELECT total_changes()")) {
                changes = r.next() ? r.getLong(1) : 0;
            }
        }
        if (version == loadedVersion && changes == loadedChanges) {
            return;
        }
        WorklistSql.LogBounds log = WorklistSql.logBounds(c);
        if (loadedSeq < 0 || log.first() > loadedSeq + 1) {
            byUid.clear();
            for (WorklistEntry e : WorklistSql.all(c)) {
                byUid.put(e.studyUid(), Row.of(e));
            }
            fullLoads++;
            rows = new ArrayList<>(byUid.values());
            rows.sort(NEWEST_FIRST);
        } else if (log.last() > loadedSeq) {
            for (String uid : WorklistSql.changedUids(c, loadedSeq)) {
                Row old = byUid.remove(uid);
                if (old != null) {
                    rows.remove(Collections.binarySearch(rows, old, NEWEST_FIRST));
                }
            }
            for (WorklistEntry e : WorklistSql.changedSince(c, loadedSeq)) {
                Row row = Row.of(e);
                byUid.put(e.studyUid(), row);
                rows.add(-Collections.binarySearch(rows, row, NEWEST_FIRST) - 1, row);
            }
        }
        loadedSeq = log.last();
        loadedVersion = version;
        loadedChanges = changes;
    }

    /**
     * The query's order; empty values last whichever the direction. Ties keep the loaded order (newest first),
     * because {@code sorted} on an ordered stream is stable.
     */
    private static Comparator<WorklistEntry> order(WorklistQuery q) {
        if (q.triage()) {
            return by(WorklistEntry::aiScore, true);
        }
        return switch (q.sortBy()) {
            case PATIENT_NAME -> by(WorklistEntry::patientName, q.descending());
            case PATIENT_ID -> by(WorklistEntry::patientId, q.descending());
            case MODALITY -> by(e -> e.modalities().isEmpty() ? null : String.join("\\", e.modalities()),
                    q.descending());
            case DATE -> by(WorklistEntry::date, q.descending()).thenComparing(by(WorklistEntry::time,
                    q.descending()));
            case DESCRIPTION -> by(WorklistEntry::description, q.descending());
            case ACCESSION -> by(WorklistEntry::accessionNumber, q.descending());
            case AI_STATUS -> by(WorklistEntry::aiStatus, q.descending());
            case AI_SCORE -> by(WorklistEntry::aiScore, q.descending());
        };
    }

    private static <T extends Comparable<? super T>> Comparator<WorklistEntry> by(Function<WorklistEntry, T> key,
                                                                                  boolean descending) {
        return Comparator.comparing(key, Comparator.nullsLast(descending ? Comparator.<T>reverseOrder()
                : Comparator.<T>naturalOrder()));
    }
}
