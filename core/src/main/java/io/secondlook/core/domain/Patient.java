package io.secondlook.core.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A patient as identified by DICOM: Patient ID qualified by its issuer.
 *
 * @param issuer Issuer of Patient ID; empty when unknown, never null
 * @param name   DICOM person name ({@code Family^Given^Middle^Prefix^Suffix}), may be null
 * @param sex    DICOM Patient's Sex ({@code M}, {@code F}, {@code O}) or null
 */
public record Patient(String patientId, String issuer, String name, LocalDate birthDate, String sex) {

    public Patient {
        Objects.requireNonNull(patientId, "patientId");
        issuer = issuer == null ? "" : issuer;
    }
}
