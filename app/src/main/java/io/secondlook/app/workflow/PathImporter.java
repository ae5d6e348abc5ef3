package io.secondlook.app.workflow;

import io.secondlook.core.records.ImportSummary;
import io.secondlook.core.records.RecordFile;
import io.secondlook.core.records.csv.LabCsvReader;
import io.secondlook.core.records.fhir.FhirBundleReader;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.dicom.series.DicomPatient;
import io.secondlook.dicom.series.FolderScanner;
import io.secondlook.dicom.series.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Imports one path into the clinical store by what it is: a DICOM folder (scanned recursively, following
 * DICOMDIRs), a DICOMDIR (its folder is scanned), a zip of DICOM files (extracted into the imports folder, which
 * must be kept because the catalogue points at the extracted files), a FHIR R4 bundle ({@code .json}) or a lab
 * table ({@code .csv}). A record file is imported whole or not at all.
 */
public final class PathImporter {

    private PathImporter() {
    }

    /** What one path gave, as one line for the user. */
    public record Outcome(Path path, String summary) {
    }

    /**
     * @throws IOException                                       when the path cannot be read
     * @throws io.secondlook.core.records.RecordFileException    when a record file is malformed (nothing imported)
     * @throws IllegalArgumentException                          when the path is none of the kinds above
     */
    public static Outcome importPath(ClinicalStore store, Path path, Path importsDir) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException(path + ": no such file or folder");
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(path)) {
            return dicom(store, path, DicomImport.scan(path, ProgressListener.NONE, () -> false));
        }
        if (name.equals("dicomdir")) {
            return dicom(store, path, DicomImport.scan(path.toAbsolutePath().getParent(), ProgressListener.NONE,
                    () -> false));
        }
        if (FolderScanner.isZip(path)) {
            Path target = importsDir.resolve(name.substring(0, name.length() - 4) + "-"
                    + System.currentTimeMillis());
            ScanResult scan = FolderScanner.scanZip(path, target, (done, total) -> { }, () -> false);
            return dicom(store, path, new FolderImport(scan.patients(), scan.filesRead(), scan.skipped(),
                    scan.problems()));
        }
        if (name.endsWith(".json")) {
            return records(store, path, FhirBundleReader.read(path));
        }
        if (name.endsWith(".csv")) {
            return records(store, path, LabCsvReader.read(path));
        }
        throw new IllegalArgumentException(path + ": not a DICOM folder, DICOMDIR, zip, FHIR bundle (.json) or lab"
                + " table (.csv)");
    }

    private static Outcome dicom(ClinicalStore store, Path path, FolderImport scan) {
        List<DicomPatient> patients = DicomImport.merge(scan.patients());
        CatalogRecorder.record(store, patients);
        long studies = patients.stream().mapToLong(p -> p.studies().size()).sum();
        String summary = String.format(Locale.ROOT, "DICOM: %d patient(s), %d study(ies), %d image(s)",
                patients.size(), studies, scan.imagesIndexed());
        if (scan.skipped() > 0) {
            summary += ", " + scan.skipped() + " file(s) skipped";
        }
        if (!scan.problems().isEmpty()) {
            summary += ", " + scan.problems().size() + " unreadable";
        }
        return new Outcome(path, summary);
    }

    private static Outcome records(ClinicalStore store, Path path, RecordFile file) {
        ImportSummary summary = store.importRecords(file);
        String kind = file.kind() == io.secondlook.core.records.RecordSourceKind.FHIR_BUNDLE ? "FHIR bundle"
                : "lab table";
        return new Outcome(path, kind + ": " + summary + (file.skipped() == 0 ? ""
                : ", " + file.skipped() + " resource(s) not kept"));
    }
}
