package io.secondlook.inference.model;

import java.nio.file.Path;

/** A model package (card or weights) that is missing, unreadable or inconsistent; the message names the file. */
public class ModelPackageException extends RuntimeException {

    private final transient Path file;

    public ModelPackageException(Path file, String message) {
        this(file, message, null);
    }

    public ModelPackageException(Path file, String message, Throwable cause) {
        super(file == null ? message : file + ": " + message, cause);
        this.file = file;
    }

    /** The offending file, or null when not file-bound. */
    public Path file() {
        return file;
    }
}
