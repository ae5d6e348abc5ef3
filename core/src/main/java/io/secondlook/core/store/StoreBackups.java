package io.secondlook.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Copies of the store taken at start-up with {@code VACUUM INTO} (a consistent snapshot, even with a WAL), kept
 * as {@code secondlook-<UTC time>.db} in the backups folder; the newest {@link #KEEP} are kept. A damaged store is
 * never backed up over good copies.
 */
public final class StoreBackups {

    /** How many start-up backups are kept. */
    public static final int KEEP = 5;

    private static final Logger LOG = LoggerFactory.getLogger(StoreBackups.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String PREFIX = "secondlook-";

    private StoreBackups() {
    }

    /**
     * Backs up {@code db} into {@code backupsDir} unless it does not exist yet; returns the copy. A file that
     * cannot be copied (damaged, locked) is left alone and logged, so start-up goes on to report it.
     */
    public static Optional<Path> backupAtStartup(Path db, Path backupsDir, Clock clock) {
        if (!Files.isRegularFile(db)) {
            return Optional.empty();
        }
        try {
            return Optional.of(backup(db, backupsDir, clock));
        } catch (StoreException e) {
            LOG.warn("No start-up backup: {}", e.reason());
            return Optional.empty();
        }
    }

    /** Writes a consistent copy of {@code db} into {@code backupsDir} and prunes old copies. */
    public static Path backup(Path db, Path backupsDir, Clock clock) {
        Path target = backupsDir.toAbsolutePath().resolve(PREFIX + STAMP.format(clock.instant()) + ".db");
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try {
            Files.createDirectories(backupsDir);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), config.toProperties());
                 Statement s = c.createStatement()) {
                try (var rows = s.executeQuery("PRAGMA quick_check")) {
                    if (!rows.next() || !"ok".equals(rows.getString(1))) {
                        throw new StoreException(db, "is damaged; not backed up");
                    }
                }
                s.executeUpdate("VACUUM INTO '" + target.toString().replace("'", "''") + "'");
            }
        } catch (SQLException | IOException e) {
            throw new StoreException(db, "could not be backed up to " + backupsDir, e);
        }
        prune(backupsDir);
        LOG.info("Backed up the clinical store to {}", target);
        return target;
    }

    /** Backups in the folder, newest first. */
    public static List<Path> list(Path backupsDir) {
        if (!Files.isDirectory(backupsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backupsDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(PREFIX)
                            && f.getFileName().toString().endsWith(".db"))
                    .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new StoreException(backupsDir, "cannot list backups", e);
        }
    }

    public static Optional<Path> newest(Path backupsDir) {
        return list(backupsDir).stream().findFirst();
    }

    /**
     * Puts a backup in place of the store: the current file (and its WAL) is moved aside as
     * {@code <name>.damaged-<time>}, never deleted. The store must be closed.
     *
     * @return where the replaced file was moved, or empty when there was none
     */
    public static Optional<Path> restore(Path backup, Path db, Clock clock) {
        if (!Files.isRegularFile(backup)) {
            throw new StoreException(backup, "is not a backup file");
        }
        try {
            Optional<Path> aside = Optional.empty();
            String suffix = ".damaged-" + STAMP.format(clock.instant());
            if (Files.exists(db)) {
                aside = Optional.of(Files.move(db, db.resolveSibling(db.getFileName() + suffix)));
            }
            for (String sidecar : List.of("-wal", "-shm")) {
                Path side = db.resolveSibling(db.getFileName() + sidecar);
                if (Files.exists(side)) {
                    Files.move(side, db.resolveSibling(db.getFileName() + suffix + sidecar));
                }
            }
            Files.copy(backup, db, StandardCopyOption.COPY_ATTRIBUTES);
            return aside;
        } catch (IOException e) {
            throw new StoreException(db, "could not be restored from " + backup, e);
        }
    }

    private static void prune(Path backupsDir) {
        List<Path> all = list(backupsDir);
        for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                LOG.warn("Could not delete an old backup {}", old, e);
            }
        }
    }
}
