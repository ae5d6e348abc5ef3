package io.secondlook.core.domain;

import java.util.Objects;

/** A DICOM series of a study. {@code number} is the Series Number, null when absent. */
public record Series(String seriesInstanceUid, String studyInstanceUid, String modality, Integer number,
                     String description, int instanceCount) {

    public Series {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    }
}
