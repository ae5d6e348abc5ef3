package io.secondlook.core.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why the store could not be opened at start-up, told in the user's terms, with the ways out that make sense for
 * it: a locked file can be retried or read read-only; a damaged or foreign one can be replaced by the newest
 * start-up backup (the file itself is moved aside, never deleted). Quitting is always offered.
 *
 * @param backup the newest start-up backup, or null when there is none
 */
public record StoreProblem(StoreException.Kind kind, Path file, String title, String explanation, List<Choice> choices,
                           Path backup) {

    /** A way out the user can pick. */
    public enum Choice { RETRY, OPEN_READ_ONLY, RESTORE_BACKUP, QUIT }

    public StoreProblem {
        choices = List.copyOf(choices);
    }

    /** Classifies an opening failure; {@code backupsDir} is searched for the newest start-up backup. */
    public static StoreProblem of(StoreException e, Path backupsDir) {
        Optional<Path> backup = StoreBackups.newest(backupsDir).filter(b -> !b.equals(e.file()));
        List<Choice> choices = new ArrayList<>();
        String title;
        switch (e.kind()) {
            case LOCKED -> {
                title = "The database is in use by another program";
                choices.add(Choice.RETRY);
                choices.add(Choice.OPEN_READ_ONLY);
            }
            case DAMAGED -> title = "The database is damaged";
            case NOT_A_STORE -> title = "The file is not a SecondLook database";
            case TOO_NEW -> title = "The database was written by a newer SecondLook";
            default -> {
                title = "The database could not be opened";
                choices.add(Choice.RETRY);
                choices.add(Choice.OPEN_READ_ONLY);
            }
        }
        boolean replaceable = e.kind() == StoreException.Kind.DAMAGED || e.kind() == StoreException.Kind.NOT_A_STORE;
        if (replaceable && backup.isPresent()) {
            choices.add(Choice.RESTORE_BACKUP);
        }
        choices.add(Choice.QUIT);
        String explanation = "File: " + e.file() + "\n\n" + e.reason() + "."
                + (replaceable && backup.isPresent() ? "\n\nRestoring puts the newest automatic backup ("
                + backup.get().getFileName() + ") in its place; the current file is kept beside it, not deleted."
                : "")
                + (replaceable && backup.isEmpty() ? "\n\nThere is no automatic backup to restore." : "");
        return new StoreProblem(e.kind(), e.file(), title, explanation, choices, backup.orElse(null));
    }
}
