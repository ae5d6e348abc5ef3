package io.secondlook.inference.nifti;

import java.io.IOException;
import java.nio.file.Path;

/** A NIfTI file that cannot be read, with the file and the reason. */
public final class NiftiException extends IOException {

    private final Path file;

    public NiftiException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public NiftiException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
