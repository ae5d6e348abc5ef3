package io.secondlook.app.workflow;

import io.secondlook.dicom.series.DicomPatient;
import java.util.List;

/** The outcome of importing a folder: what it holds, how many instances, files skipped, and unreadable files. */
public record FolderImport(List<DicomPatient> patients, int imagesIndexed, int skipped, List<String> problems) {

    public FolderImport {
        patients = List.copyOf(patients);
        problems = List.copyOf(problems);
    }
}
