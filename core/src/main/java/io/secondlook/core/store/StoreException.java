package io.secondlook.core.store;

import java.nio.file.Path;

/**
 * The clinical store cannot do what was asked: the file is corrupt, not ours, too new, or a write failed.
 * Messages name the database file and never carry patient data.
 */
public class StoreException extends RuntimeException {

    private final transient Path file;
    private final String reason;

    public StoreException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
        this.reason = message;
    }

    public StoreException(Path file, String message, Throwable cause) {
        super(file + ": " + message + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
        this.file = file;
        this.reason = message;
    }

    /** What went wrong, without the file name. */
    public String reason() {
        return reason;
    }

    /** The database file concerned. */
    public Path file() {
        return file;
    }
}
