package io.secondlook.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.core.store.StoreProblem.Choice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a store fails to open is classified, told with its file, and offered the ways out that fit it. */
class StoreProblemTest {

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("secondlook.db");
    }

    private Path backups() {
        return dir.resolve("backups");
    }

    private StoreProblem problemOpening() {
        StoreException e = assertThrows(StoreException.class, () -> ClinicalStore.open(db(), "r", Clock.systemUTC(),
                ClinicalStore.SCHEMA_VERSION, 200));
        return StoreProblem.of(e, backups());
    }

    @Test
    void lockedOffersRetryReadOnlyAndQuit() throws Exception {
        ClinicalStore.open(db()).close();
        try (Connection other = Fixtures.raw(db()); Statement s = other.createStatement()) {
            s.executeUpdate("BEGIN EXCLUSIVE");
            s.executeUpdate("INSERT INTO patients (patient_id, issuer) VALUES ('X', '')");
            StoreProblem problem = problemOpening();
            assertEquals(StoreException.Kind.LOCKED, problem.kind());
            assertEquals(List.of(Choice.RETRY, Choice.OPEN_READ_ONLY, Choice.QUIT), problem.choices());
            assertTrue(problem.explanation().contains(db().toString()), problem.explanation());
            assertTrue(problem.title().contains("in use by another program"), problem.title());
            s.executeUpdate("ROLLBACK");
        }
    }

    @Test
    void damagedWithABackupOffersToRestoreIt() throws Exception {
        ClinicalStore.openWithBackup(db(), backups()).close();
        ClinicalStore.openWithBackup(db(), backups()).close();
        Path newest = StoreBackups.newest(backups()).orElseThrow();
        byte[] bytes = Files.readAllBytes(db());
        for (int i = 100; i < bytes.length; i += 7) {
            bytes[i] = (byte) 0x5A;
        }
        Files.write(db(), bytes);
        StoreProblem problem = problemOpening();
        assertEquals(StoreException.Kind.DAMAGED, problem.kind());
        assertEquals(List.of(Choice.RESTORE_BACKUP, Choice.QUIT), problem.choices());
        assertEquals(newest, problem.backup());
        assertTrue(problem.explanation().contains(newest.getFileName().toString()), problem.explanation());
        assertTrue(problem.explanation().contains("kept beside it, not deleted"), problem.explanation());
    }

    @Test
    void damagedWithoutABackupCanOnlyQuitAndSaysWhy() throws Exception {
        Files.writeString(db(), "not a database at all, just text that is long enough to be a header".repeat(20));
        StoreProblem problem = problemOpening();
        assertEquals(StoreException.Kind.DAMAGED, problem.kind());
        assertEquals(List.of(Choice.QUIT), problem.choices());
        assertNull(problem.backup());
        assertTrue(problem.explanation().contains("no automatic backup"), problem.explanation());
    }

    @Test
    void tooNewAndForeignFilesAreToldApart() throws Exception {
        ClinicalStore.open(db()).close();
        try (Connection c = Fixtures.raw(db()); Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = " + (ClinicalStore.SCHEMA_VERSION + 1));
        }
        StoreProblem newer = problemOpening();
        assertEquals(StoreException.Kind.TOO_NEW, newer.kind());
        assertEquals(List.of(Choice.QUIT), newer.choices());

        Path foreign = dir.resolve("other.db");
        try (Connection c = Fixtures.raw(foreign); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (x)");
        }
        StoreException e = assertThrows(StoreException.class, () -> ClinicalStore.open(foreign));
        assertEquals(StoreException.Kind.NOT_A_STORE, StoreProblem.of(e, backups()).kind());
    }
}
