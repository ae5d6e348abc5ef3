package io.secondlook.core.worklist;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the worklist shows and in which order. Start from {@link #all()} and narrow it with the {@code with}
 * methods; each returns a new query.
 *
 * @param modality   only studies with this modality (e.g. {@code CT}); null for all
 * @param from       only studies on or after this date; null for no bound
 * @param to         only studies on or before this date; null for no bound
 * @param statuses   only studies in one of these AI states; empty for all
 * @param search     free text matched (case-insensitively, as a substring) against patient name, Patient ID,
 *                   study description and accession number; null or blank for all
 * @param sortBy     the column to sort by (then by date, newest first, and Study UID)
 * @param descending sort order of {@code sortBy}; empty values always come last
 * @param triage     highest AI score first, overriding {@code sortBy}; studies without a score follow, newest first
 * @param limit      at most this many rows; 0 for all
 */
public record WorklistQuery(String modality, LocalDate from, LocalDate to, Set<AiStatus> statuses, String search,
                            WorklistColumn sortBy, boolean descending, boolean triage, int limit) {

    public WorklistQuery {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        Objects.requireNonNull(sortBy, "sortBy");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (all) or positive");
        }
        modality = modality == null || modality.isBlank() ? null : modality.strip();
        search = search == null || search.isBlank() ? null : search.strip();
    }

    /** Every study, newest first. */
    public static WorklistQuery all() {
        return new WorklistQuery(null, null, null, Set.of(), null, WorklistColumn.DATE, true, false, 0);
    }

    public WorklistQuery withModality(String value) {
        return new WorklistQuery(value, from, to, statuses, search, sortBy, descending, triage, limit);
    }

    public WorklistQuery withDates(LocalDate fromDate, LocalDate toDate) {
        return new WorklistQuery(modality, fromDate, toDate, statuses, search, sortBy, descending, triage, limit);
    }

    public WorklistQuery withStatuses(Set<AiStatus> value) {
        return new WorklistQuery(modality, from, to, value, search, sortBy, descending, triage, limit);
    }

    public WorklistQuery withSearch(String value) {
        return new WorklistQuery(modality, from, to, statuses, value, sortBy, descending, triage, limit);
    }

    public WorklistQuery sortedBy(WorklistColumn column, boolean descendingOrder) {
        return new WorklistQuery(modality, from, to, statuses, search, column, descendingOrder, triage, limit);
    }

    public WorklistQuery withTriage(boolean value) {
        return new WorklistQuery(modality, from, to, statuses, search, sortBy, descending, value, limit);
    }

    public WorklistQuery withLimit(int value) {
        return new WorklistQuery(modality, from, to, statuses, search, sortBy, descending, triage, value);
    }
}
