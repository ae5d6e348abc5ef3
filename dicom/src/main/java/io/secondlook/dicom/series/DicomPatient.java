package io.secondlook.dicom.series;

import java.util.List;

/** A patient as named in the DICOM headers, with their studies. Names are DICOM PN text ("Family^Given"). */
public record DicomPatient(String patientId, String issuerOfPatientId, String name, String birthDate, String sex,
                           List<DicomStudy> studies) {

    public DicomPatient {
        studies = List.copyOf(studies);
    }
}
