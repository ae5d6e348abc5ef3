package io.secondlook.core.records;

import io.secondlook.core.domain.Patient;
import java.util.List;
import java.util.Objects;

/** Everything one imported file says about one patient. */
public record PatientRecords(Patient patient, List<Problem> problems, List<Medication> medications,
                             List<Allergy> allergies, List<Observation> observations, List<PriorReport> reports,
                             List<ImagingStudyRef> imagingStudies) {

    public PatientRecords {
        Objects.requireNonNull(patient, "patient");
        problems = List.copyOf(problems);
        medications = List.copyOf(medications);
        allergies = List.copyOf(allergies);
        observations = List.copyOf(observations);
        reports = List.copyOf(reports);
        imagingStudies = List.copyOf(imagingStudies);
    }

    /** Only lab results, as a CSV holds. */
    public static PatientRecords labs(Patient patient, List<Observation> observations) {
        return new PatientRecords(patient, List.of(), List.of(), List.of(), observations, List.of(), List.of());
    }

    public int recordCount() {
        return problems.size() + medications.size() + allergies.size() + observations.size() + reports.size()
                + imagingStudies.size();
    }
}
