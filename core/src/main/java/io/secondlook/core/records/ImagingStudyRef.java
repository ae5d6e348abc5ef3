package io.secondlook.core.records;

import java.time.Instant;
import java.util.List;

/** An imaging study the patient's record mentions (FHIR ImagingStudy), matched to DICOM by its Study UID. */
public record ImagingStudyRef(String studyUid, Instant started, List<String> modalities, String description,
                              String locator) {

    public ImagingStudyRef {
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
    }
}
