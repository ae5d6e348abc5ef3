package io.secondlook.core.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAccessor;

/** Binding and reading the store's column types: times as ISO-8601 text, flags as 0/1, enums by name. */
final class Jdbc {

    private Jdbc() {
    }

    static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof TemporalAccessor || value instanceof Path || value instanceof Enum<?>) {
                statement.setString(index, value instanceof Enum<?> e ? e.name() : value.toString());
            } else if (value instanceof Boolean flag) {
                statement.setInt(index, flag ? 1 : 0);
            } else {
                statement.setObject(index, value);
            }
        }
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        String text = rows.getString(column);
        return text == null ? null : Instant.parse(text);
    }

    static LocalDate date(ResultSet rows, String column) throws SQLException {
        String text = rows.getString(column);
        return text == null ? null : LocalDate.parse(text);
    }

    static LocalTime time(ResultSet rows, String column) throws SQLException {
        String text = rows.getString(column);
        return text == null ? null : LocalTime.parse(text);
    }

    /** An INTEGER column that may be NULL. */
    static Integer integer(ResultSet rows, String column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }
}
