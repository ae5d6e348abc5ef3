package io.secondlook.core.records;

import java.nio.file.Path;

/**
 * A record file was refused: the message names the file, where in it (a bundle entry such as {@code entry[12]},
 * or a CSV line) and the field. Nothing from the file was imported. Values are never quoted, so the message
 * carries no patient data.
 */
public class RecordFileException extends RuntimeException {

    private final transient Path file;
    private final String location;
    private final String field;

    public RecordFileException(Path file, String location, String field, String problem) {
        super(file + ": " + location + (field == null ? "" : " " + field) + ": " + problem);
        this.file = file;
        this.location = location;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    /** Where in the file, e.g. {@code entry[12]} or {@code line 7}. */
    public String location() {
        return location;
    }

    /** The offending field, e.g. {@code valueQuantity.value} or {@code value}; null when the whole item is bad. */
    public String field() {
        return field;
    }
}
