package io.secondlook.core.worklist;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * One worklist row: a study with its patient and where it stands with the AI.
 *
 * @param aiScore    highest finding probability of the study, null when no finding was recorded
 * @param undecided  findings without a decision
 */
public record WorklistEntry(String studyUid, String patientId, String issuer, String patientName, LocalDate birthDate,
                            List<String> modalities, LocalDate date, LocalTime time, String description,
                            String accessionNumber, AiStatus aiStatus, Double aiScore, int findings, int undecided) {

    public WorklistEntry {
        modalities = List.copyOf(modalities);
    }
}
