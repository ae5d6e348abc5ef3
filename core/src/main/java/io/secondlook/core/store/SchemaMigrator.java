package io.secondlook.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a store file to the latest schema. Version {@code n} is reached by running script {@code n} of
 * {@link #SCRIPTS} in one transaction that also sets {@code PRAGMA user_version = n}, so a crash leaves the
 * file at the last complete version. Add a version by appending a script; never edit a released one.
 */
final class SchemaMigrator {

    /** Marks a SQLite file as a SecondLook store: "SLK1". */
    static final int APPLICATION_ID = 0x534C4B31;

    static final List<String> SCRIPTS = List.of(
            "V001__clinical_schema.sql",
            "V002__audit_trail.sql",
            "V003__patient_records.sql",
            "V004__worklist_summary.sql",
            "V005__worklist_changes.sql");

    static final int LATEST_VERSION = SCRIPTS.size();

    private final Connection connection;
    private final Path file;

    SchemaMigrator(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    int currentVersion() throws SQLException {
        return intPragma("user_version");
    }

    /** The file's version, after checking that it is ours and not newer than this build; changes nothing. */
    int checkReadable() throws SQLException {
        int version = currentVersion();
        if (version > LATEST_VERSION) {
            throw new StoreException(StoreException.Kind.TOO_NEW, file, "was written by a newer SecondLook (schema " + version
                    + "); this version reads up to schema " + LATEST_VERSION);
        }
        if (version == 0 || intPragma("application_id") != APPLICATION_ID) {
            throw new StoreException(StoreException.Kind.NOT_A_STORE, file, "is not a SecondLook store");
        }
        return version;
    }

    /** Migrates up to {@code target}; refuses files that are not ours or are newer than this build. */
    void migrateTo(int target) throws SQLException {
        int version = currentVersion();
        if (version > LATEST_VERSION) {
            throw new StoreException(StoreException.Kind.TOO_NEW, file, "was written by a newer SecondLook (schema " + version
                    + "); this version reads up to schema " + LATEST_VERSION);
        }
        if (version == 0 && hasTables()) {
            throw new StoreException(StoreException.Kind.NOT_A_STORE, file, "is a SQLite database but not a SecondLook store; refusing to change it");
        }
        if (version > 0 && intPragma("application_id") != APPLICATION_ID) {
            throw new StoreException(StoreException.Kind.NOT_A_STORE, file, "is not a SecondLook store (unexpected application_id)");
        }
        while (version < target) {
            apply(++version);
        }
    }

    private void apply(int version) throws SQLException {
        String script = load(SCRIPTS.get(version - 1));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(script);
            statement.executeUpdate("PRAGMA application_id = " + APPLICATION_ID);
            statement.executeUpdate("PRAGMA user_version = " + version);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw new StoreException(file, "upgrade to schema " + version + " failed; the file is unchanged", e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private boolean hasTables() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            return rows.next() && rows.getInt(1) > 0;
        }
    }

    private int intPragma(String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private static String load(String name) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the build: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration script " + name, e);
        }
    }
}
