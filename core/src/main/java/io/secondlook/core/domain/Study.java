package io.secondlook.core.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * A DICOM study of one patient.
 *
 * @param issuer     Issuer of the patient's ID; empty when unknown, never null
 * @param modalities Modalities in Study, e.g. {@code [CT]}
 */
public record Study(String studyInstanceUid, String patientId, String issuer, LocalDate date, LocalTime time,
                    String description, String accessionNumber, List<String> modalities) {

    public Study {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(patientId, "patientId");
        issuer = issuer == null ? "" : issuer;
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
    }
}
