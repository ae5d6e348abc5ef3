package io.secondlook.core.records;

import java.time.LocalDate;

/**
 * A medication the patient takes or took (FHIR MedicationStatement or MedicationRequest).
 *
 * @param status e.g. {@code active}, {@code completed}
 * @param dosage free-text dosage instruction, or null
 */
public record Medication(Coding coding, String status, String dosage, LocalDate start, LocalDate end,
                         String locator) {
}
