package io.secondlook.app.workflow;

import io.secondlook.core.store.StoreBackups;
import io.secondlook.core.store.StoreException;
import io.secondlook.core.store.StoreProblem;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opening the database at start-up. When it fails, the user is asked for a way out ({@link StoreProblem}) and the
 * answer is carried out (retry, read-only, restore the newest backup) until opening works or they quit. Nothing is
 * deleted: a restored-over file is moved aside.
 */
public final class StoreOpening {

    /** One way of opening; a {@link StoreException} says why it failed. */
    @FunctionalInterface
    public interface Opener<T> {
        T open() throws Exception;
    }

    private StoreOpening() {
    }

    /**
     * @param ask called with each problem, on the calling thread; returns one of the problem's choices
     * @return what was opened, or empty when the user chose to quit
     */
    public static <T> Optional<T> open(Opener<T> normal, Opener<T> readOnly, Path database, Path backups,
                                       Clock clock, Function<StoreProblem, StoreProblem.Choice> ask) throws Exception {
        Opener<T> attempt = normal;
        while (true) {
            try {
                return Optional.of(attempt.open());
            } catch (StoreException e) {
                StoreProblem problem = StoreProblem.of(e, backups);
                StoreProblem.Choice choice = ask.apply(problem);
                if (!problem.choices().contains(choice)) {
                    throw new IllegalArgumentException(choice + " is not a way out of: " + problem.title());
                }
                switch (choice) {
                    case QUIT -> {
                        return Optional.empty();
                    }
                    case OPEN_READ_ONLY -> attempt = readOnly;
                    case RESTORE_BACKUP -> attempt = () -> {
                        StoreBackups.restore(problem.backup(), database, clock);
                        return normal.open();
                    };
                    case RETRY -> attempt = normal;
                }
            }
        }
    }

    /** The workstation on the home folder, asking the user when its database cannot be opened. */
    public static Optional<Workstation> workstation(AppHome home, Function<StoreProblem, StoreProblem.Choice> ask)
            throws Exception {
        return open(() -> Workstation.open(home), () -> Workstation.openReadOnly(home), home.database(),
                home.backups(), Clock.systemUTC(), ask);
    }
}
