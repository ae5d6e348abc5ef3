package io.secondlook.dicom.series;

import java.util.List;

/**
 * What a folder scan found: patients with their studies and series, how many DICOM files were indexed, how many
 * files were skipped because they are not DICOM, and one line per file that could not be read (file and reason).
 */
public record ScanResult(List<DicomPatient> patients, int filesRead, int skipped, List<String> problems) {

    public ScanResult {
        patients = List.copyOf(patients);
        problems = List.copyOf(problems);
    }
}
