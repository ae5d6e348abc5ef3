package io.secondlook.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.secondlook.core.audit.AuditAction;
import io.secondlook.core.audit.AuditChain;
import io.secondlook.core.audit.AuditEvent;
import io.secondlook.core.audit.AuditVerification;
import io.secondlook.core.audit.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's append-only, hash-chained audit trail. Events are appended by {@link ClinicalStore} in the
 * transaction of the change they describe; triggers refuse UPDATE and DELETE, and {@link #verify()} finds
 * rows changed behind SQLite's back.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ClinicalStore store;

    AuditLog(ClinicalStore store) {
        this.store = store;
    }

    /** Appends one event inside the caller's open transaction; {@code before}/{@code after} become JSON. */
    static AuditEvent append(Connection connection, Instant at, String actor, AuditAction action, EntityType type,
                             String entityId, Object before, Object after) throws SQLException {
        long sequence = 1;
        String prevHash = AuditChain.GENESIS;
        try (Statement statement = connection.createStatement();
             ResultSet last = statement.executeQuery(
                     "SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1")) {
            if (last.next()) {
                sequence = last.getLong(1) + 1;
                prevHash = last.getString(2);
            }
        }
        String beforeJson = json(before);
        String afterJson = json(after);
        String hash = AuditChain.hash(sequence, at, actor, action.name(), type.name(), entityId, beforeJson,
                afterJson, prevHash);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_events (sequence,"
                + " occurred_at, actor, action, entity_type, entity_id, before_json, after_json, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Jdbc.bind(insert, sequence, at, actor, action, type, entityId, beforeJson, afterJson, prevHash, hash);
            insert.executeUpdate();
        }
        return new AuditEvent(sequence, at, actor, action.name(), type.name(), entityId, beforeJson, afterJson,
                prevHash, hash);
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Every event, oldest first. */
    public List<AuditEvent> events() {
        return store.transaction("read the audit trail", connection -> {
            List<AuditEvent> events = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM audit_events ORDER BY sequence")) {
                while (rows.next()) {
                    events.add(Rows.auditEvent(rows));
                }
            }
            return events;
        });
    }

    /** Recomputes the whole chain; the result names the first broken link, if any. */
    public AuditVerification verify() {
        return store.transaction("verify the audit trail", connection -> {
            AuditChain.Verifier verifier = new AuditChain.Verifier();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM audit_events ORDER BY sequence")) {
                boolean intact = true;
                while (intact && rows.next()) {
                    try {
                        intact = verifier.accept(Rows.auditEvent(rows));
                    } catch (DateTimeParseException e) {
                        intact = verifier.unreadable(rows.getLong("sequence"), "timestamp is not ISO-8601");
                    }
                }
            }
            return verifier.result();
        });
    }
}
