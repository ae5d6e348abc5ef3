package io.secondlook.core.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** When a record happened, as record files write it: a date, a date-time with a zone, or one without (UTC). */
public final class RecordTimes {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ZONED = Pattern.compile(".*(Z|[+-]\\d{2}:\\d{2})");

    private RecordTimes() {
    }

    /** A date is midnight UTC; a date-time without a zone is taken as UTC. */
    public static Instant instant(String text) {
        if (DATE.matcher(text).matches()) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (ZONED.matcher(text).matches()) {
            return OffsetDateTime.parse(text).toInstant();
        }
        if (text.length() < 16) {
            throw new DateTimeParseException("not a date-time", text, 0);
        }
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }
}
