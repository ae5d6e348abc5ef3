package io.secondlook.core.store;

import java.nio.file.Path;

/**
 * The clinical store cannot do what was asked: the file is corrupt, not ours, too new, or a write failed.
 * Messages name the database file and never carry patient data.
 */
public class StoreException extends RuntimeException {

    /** What kind of trouble it is, so that callers can offer the right way out. */
    public enum Kind {
        /** Another program holds the database's write lock. */
        LOCKED,
        /** Not a readable SQLite file, or its integrity check failed. */
        DAMAGED,
        /** A SQLite file, but not a SecondLook store. */
        NOT_A_STORE,
        /** Written by a newer SecondLook. */
        TOO_NEW,
        /** A write to a store opened read-only. */
        READ_ONLY,
        /** Anything else: a failed write, a missing row, a disk error. */
        FAILED
    }

    private final transient Path file;
    private final String reason;
    private final Kind kind;

    public StoreException(Path file, String message) {
        this(Kind.FAILED, file, message);
    }

    public StoreException(Path file, String message, Throwable cause) {
        this(Kind.FAILED, file, message, cause);
    }

    public StoreException(Kind kind, Path file, String message) {
        super(file + ": " + message);
        this.kind = kind;
        this.file = file;
        this.reason = message;
    }

    public StoreException(Kind kind, Path file, String message, Throwable cause) {
        super(file + ": " + message + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
        this.kind = kind;
        this.file = file;
        this.reason = message;
    }

    public Kind kind() {
        return kind;
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
