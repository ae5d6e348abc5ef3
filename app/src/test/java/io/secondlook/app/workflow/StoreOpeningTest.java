package io.secondlook.app.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.core.domain.Patient;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.core.store.StoreProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up on a damaged store: the user is asked, and the chosen way out is carried out without losing a file. */
class StoreOpeningTest {

    @TempDir
    Path dir;

    private final List<StoreProblem> asked = new ArrayList<>();

    private Path db() {
        return dir.resolve("secondlook.db");
    }

    private Path backups() {
        return dir.resolve("backups");
    }

    private byte[] damageAfterABackup() throws Exception {
        try (ClinicalStore store = ClinicalStore.openWithBackup(db(), backups())) {
            store.upsertPatient(new Patient("P-1", "", "Test^Patient", null, null));
        }
        ClinicalStore.openWithBackup(db(), backups()).close();
        byte[] bytes = Files.readAllBytes(db());
        for (int i = 100; i < bytes.length; i += 7) {
            bytes[i] = (byte) 0x5A;
        }
        Files.write(db(), bytes);
        return bytes;
    }

    private Optional<ClinicalStore> open(StoreProblem.Choice answer) throws Exception {
        return StoreOpening.open(() -> ClinicalStore.openWithBackup(db(), backups()),
                () -> ClinicalStore.openReadOnly(db()), db(), backups(), Clock.systemUTC(), problem -> {
                    asked.add(problem);
                    return answer;
                });
    }

    @Test
    void restoringTheBackupOpensItAndKeepsTheDamagedFileAside() throws Exception {
        byte[] damaged = damageAfterABackup();
        try (ClinicalStore store = open(StoreProblem.Choice.RESTORE_BACKUP).orElseThrow()) {
            assertEquals("Test^Patient", store.patient("P-1", "").orElseThrow().name());
            assertTrue(store.auditLog().verify().intact());
        }
        assertEquals(1, asked.size());
        assertEquals(List.of(StoreProblem.Choice.RESTORE_BACKUP, StoreProblem.Choice.QUIT), asked.get(0).choices());
        try (Stream<Path> files = Files.list(dir)) {
            Path aside = files.filter(f -> f.getFileName().toString().startsWith("secondlook.db.damaged-"))
                    .filter(f -> !f.getFileName().toString().endsWith("-wal") && !f.getFileName().toString()
                            .endsWith("-shm")).findFirst().orElseThrow();
            assertArrayEquals(damaged, Files.readAllBytes(aside));
        }
    }

    @Test
    void quittingLeavesEverythingAsItWas() throws Exception {
        byte[] damaged = damageAfterABackup();
        assertTrue(open(StoreProblem.Choice.QUIT).isEmpty());
        assertArrayEquals(damaged, Files.readAllBytes(db()));
        assertEquals(1, asked.size());
    }

    @Test
    void anAnswerThatWasNotOfferedIsRefused() throws Exception {
        damageAfterABackup();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open(StoreProblem.Choice.OPEN_READ_ONLY));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void aStoreThatOpensAsksNothing() throws Exception {
        try (ClinicalStore store = open(StoreProblem.Choice.QUIT).orElseThrow()) {
            assertEquals(ClinicalStore.SCHEMA_VERSION, store.schemaVersion());
        }
        assertTrue(asked.isEmpty());
    }
}
