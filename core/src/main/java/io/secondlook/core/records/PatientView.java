package io.secondlook.core.records;

import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.Study;
import java.util.List;

/**
 * Everything the patient panel shows: demographics, the DICOM studies, problems, medications, allergies, prior
 * reports, imaging study references, lab series by LOINC code, and open identity conflicts. Records held back by
 * an open conflict are not included.
 */
public record PatientView(Patient patient, List<Study> studies, List<Problem> problems, List<Medication> medications,
                          List<Allergy> allergies, List<PriorReport> priorReports, List<ImagingStudyRef> imagingStudies,
                          List<LabSeries> labs, List<IdentityConflict> openConflicts) {

    public PatientView {
        studies = List.copyOf(studies);
        problems = List.copyOf(problems);
        medications = List.copyOf(medications);
        allergies = List.copyOf(allergies);
        priorReports = List.copyOf(priorReports);
        imagingStudies = List.copyOf(imagingStudies);
        labs = List.copyOf(labs);
        openConflicts = List.copyOf(openConflicts);
    }

    /** The series for one LOINC code, if the patient has results for it. */
    public java.util.Optional<LabSeries> lab(String loinc) {
        return labs.stream().filter(l -> l.loinc().equals(loinc)).findFirst();
    }
}
