package io.secondlook.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corrupt or locked store gives a clear message and a way out: the start-up backup, or read-only mode. */
class StoreRecoveryTest {

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("secondlook.db");
    }

    private Path backups() {
        return dir.resolve("backups");
    }

    private long decidedFinding() {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            Fixtures.importStudy(store, dir);
            Finding finding = Fixtures.finding(store, Fixtures.run(store), "nodule", 0.8);
            store.recordDecision(finding.id(), Outcome.ACCEPTED, "kept", "r");
            return finding.id();
        }
    }

    @Test
    void startUpBacksUpKeepingTheNewestFew() throws Exception {
        long findingId = decidedFinding();
        for (int i = 0; i < StoreBackups.KEEP + 2; i++) {
            Clock at = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), ZoneOffset.UTC);
            StoreBackups.backupAtStartup(db(), backups(), at).orElseThrow();
        }
        List<Path> kept = StoreBackups.list(backups());
        assertEquals(StoreBackups.KEEP, kept.size());
        assertTrue(kept.get(0).getFileName().toString().contains("20260101T000006"), kept.toString());
        try (ClinicalStore copy = ClinicalStore.open(kept.get(0))) {
            assertEquals("kept", copy.latestDecision(findingId).orElseThrow().comment());
            assertTrue(copy.auditLog().verify().intact());
        }
        ClinicalStore.openWithBackup(db(), backups()).close();
        assertEquals(StoreBackups.KEEP, StoreBackups.list(backups()).size());
        assertTrue(StoreBackups.backupAtStartup(dir.resolve("none.db"), backups(), Clock.systemUTC()).isEmpty());
    }

    @Test
    void corruptStoreNamesTheBackupAndRestoreBringsTheDecisionsBack() throws Exception {
        long findingId = decidedFinding();
        ClinicalStore.openWithBackup(db(), backups()).close();
        Path backup = StoreBackups.newest(backups()).orElseThrow();

        byte[] damaged = Files.readAllBytes(db());
        for (int i = 100; i < damaged.length; i += 7) {
            damaged[i] = (byte) 0x5A;
        }
        Files.write(db(), damaged);
        StoreException e = assertThrows(StoreException.class, () -> ClinicalStore.openWithBackup(db(), backups()));
        assertTrue(e.getMessage().contains(db().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("newest backup is " + backup), e.getMessage());
        assertEquals(List.of(backup), StoreBackups.list(backups()), "a damaged file is not backed up");
        assertArrayEquals(damaged, Files.readAllBytes(db()), "the damaged file is left as it was");

        Path aside = StoreBackups.restore(backup, db(), Clock.systemUTC()).orElseThrow();
        assertArrayEquals(damaged, Files.readAllBytes(aside), "the damaged file is kept aside, not deleted");
        try (ClinicalStore store = ClinicalStore.open(db())) {
            assertEquals("kept", store.latestDecision(findingId).orElseThrow().comment());
        }
    }

    @Test
    void readOnlyModeReadsButRefusesWrites() throws Exception {
        long findingId = decidedFinding();
        byte[] before = Files.readAllBytes(db());
        try (ClinicalStore store = ClinicalStore.openReadOnly(db())) {
            assertTrue(store.readOnly());
            assertEquals(Outcome.ACCEPTED, store.latestDecision(findingId).orElseThrow().outcome());
            assertTrue(store.auditLog().verify().intact());
            StoreException e = assertThrows(StoreException.class,
                    () -> store.recordDecision(findingId, Outcome.REJECTED, null, "r"));
            assertTrue(e.getMessage().contains("is open read-only: cannot save a decision"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(db()));
        assertThrows(StoreException.class, () -> ClinicalStore.openReadOnly(dir.resolve("missing.db")));
        assertFalse(Files.exists(dir.resolve("missing.db")));
    }

    @Test
    void lockedStoreSaysSoAndCanStillBeReadReadOnly() throws Exception {
        long findingId = decidedFinding();
        try (Connection other = Fixtures.raw(db()); Statement s = other.createStatement()) {
            s.executeUpdate("BEGIN EXCLUSIVE");
            s.executeUpdate("INSERT INTO patients (patient_id, issuer) VALUES ('X', '')");
            StoreException open = assertThrows(StoreException.class, () -> ClinicalStore.open(db(), "r",
                    Clock.systemUTC(), ClinicalStore.SCHEMA_VERSION, 200));
            assertTrue(open.getMessage().contains("is locked by another program"), open.getMessage());
            assertTrue(open.getMessage().contains("open the store read-only"), open.getMessage());
            try (ClinicalStore readOnly = ClinicalStore.openReadOnly(db())) {
                assertEquals(Outcome.ACCEPTED, readOnly.latestDecision(findingId).orElseThrow().outcome());
            }
            s.executeUpdate("ROLLBACK");
        }
        try (ClinicalStore store = ClinicalStore.open(db())) {
            store.recordDecision(findingId, Outcome.REJECTED, null, "r");
            assertEquals(2, store.decisionHistory(findingId).size(), "works again once the other program lets go");
            assertTrue(store.patient("X", "").isEmpty(), "the other program's half-done write is gone");
            assertTrue(store.auditLog().verify().intact());
        }
    }
}
