package io.secondlook.core.records;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A file or DICOM import named a stored Patient ID and issuer with a different name or birth date. The stored
 * demographics are kept, and records from that file stay hidden until the user decides.
 *
 * @param source     the file that disagreed, or {@code DICOM} for an imaging import
 * @param resolution null while open
 */
public record IdentityConflict(long id, String patientId, String issuer, String storedName, LocalDate storedBirthDate,
                               String incomingName, LocalDate incomingBirthDate, String source, Instant detectedAt,
                               Resolution resolution, String resolvedBy, Instant resolvedAt) {

    /** The user's answer to "is this the same person?". */
    public enum Resolution {
        /** Same person: the held-back records join the patient; stored demographics are kept. */
        SAME_PATIENT,
        /** Different people: the held-back records are discarded. */
        DIFFERENT_PATIENT
    }

    public boolean open() {
        return resolution == null;
    }
}
