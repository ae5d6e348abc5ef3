package io.secondlook.core.store;

import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.core.worklist.WorklistQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The worklist held in memory, so that sorting, filtering and searching 10,000 studies takes milliseconds. It is
 * reloaded when the file changed: this connection's {@code total_changes()} or, for other connections' commits,
 * {@code PRAGMA data_version} moved since it was loaded. Used only inside store transactions (serialised).
 */
final class WorklistCache {

    private static final Comparator<WorklistEntry> NEWEST_FIRST = Comparator
            .comparing(WorklistEntry::date, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(WorklistEntry::time, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(WorklistEntry::studyUid);

    private long loadedVersion = -1;
    private long loadedChanges = -1;
    private List<WorklistEntry> entries = List.of();
    private List<String> searchText = List.of();

    List<WorklistEntry> query(Connection c, WorklistQuery q) throws SQLException {
        refresh(c);
        Stream<Integer> rows = Stream.iterate(0, i -> i < entries.size(), i -> i + 1);
        String needle = q.search() == null ? null : q.search().toLowerCase(Locale.ROOT);
        Stream<WorklistEntry> selected = rows.filter(i -> needle == null || searchText.get(i).contains(needle))
                .map(entries::get)
                .filter(e -> q.modality() == null || e.modalities().contains(q.modality()))
                .filter(e -> q.from() == null || (e.date() != null && !e.date().isBefore(q.from())))
                .filter(e -> q.to() == null || (e.date() != null && !e.date().isAfter(q.to())))
                .filter(e -> q.statuses().isEmpty() || q.statuses().contains(e.aiStatus()))
                .sorted(order(q));
        return (q.limit() > 0 ? selected.limit(q.limit()) : selected).toList();
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
        if (version != loadedVersion || changes != loadedChanges) {
            // Kept newest first: the stable sort by a query's column then leaves ties in this order.
            entries = WorklistSql.all(c).stream().sorted(NEWEST_FIRST).toList();
            searchText = entries.stream().map(e -> String.join("\u0000", Objects.toString(e.patientName(), ""),
                    e.patientId(), Objects.toString(e.description(), ""), Objects.toString(e.accessionNumber(), ""))
                    .toLowerCase(Locale.ROOT)).toList();
            loadedVersion = version;
            loadedChanges = changes;
        }
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
