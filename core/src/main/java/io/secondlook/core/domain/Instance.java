package io.secondlook.core.domain;

import java.nio.file.Path;
import java.util.Objects;

/** One DICOM instance (file) of a series, where it lies on disk. */
public record Instance(String sopInstanceUid, String seriesInstanceUid, String sopClassUid, Integer instanceNumber,
                       int frameCount, Path path) {

    public Instance {
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(path, "path");
    }
}
