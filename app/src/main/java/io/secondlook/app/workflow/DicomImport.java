package io.secondlook.app.workflow;

import io.secondlook.dicom.series.DicomPatient;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.DicomStudy;
import io.secondlook.dicom.series.FolderScanner;
import io.secondlook.dicom.series.ScanResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Folder scans for the catalogue, and merging of what several folders hold. */
final class DicomImport {
    private DicomImport() {
    }

    static FolderImport scan(Path folder, ProgressListener progress, BooleanSupplier cancelled) throws IOException {
        ScanResult r = FolderScanner.scan(folder, (done, total) -> progress.progress(done, total, "Indexing files"), cancelled);
        return new FolderImport(r.patients(), r.filesRead(), r.skipped(), r.problems());
    }

    /** One entry per patient (ID and issuer) and per study, whichever folders their files came from. */
    static List<DicomPatient> merge(List<DicomPatient> patients) {
        Map<String, List<DicomPatient>> byId = new LinkedHashMap<>();
        for (DicomPatient p : patients) {
            byId.computeIfAbsent(p.patientId() + "\u0000" + p.issuerOfPatientId(), k -> new ArrayList<>()).add(p);
        }
        List<DicomPatient> merged = new ArrayList<>();
        for (List<DicomPatient> same : byId.values()) {
            Map<String, DicomStudy> studies = new LinkedHashMap<>();
            for (DicomPatient p : same) {
                for (DicomStudy s : p.studies()) {
                    studies.merge(s.studyInstanceUid(), s, DicomImport::mergeStudies);
                }
            }
            DicomPatient first = same.get(0);
            merged.add(new DicomPatient(first.patientId(), first.issuerOfPatientId(), first.name(), first.birthDate(),
                    first.sex(), new ArrayList<>(studies.values())));
        }
        return merged;
    }

    private static DicomStudy mergeStudies(DicomStudy a, DicomStudy b) {
        Map<String, DicomSeries> series = new LinkedHashMap<>();
        a.series().forEach(s -> series.put(s.seriesInstanceUid(), s));
        b.series().forEach(s -> series.putIfAbsent(s.seriesInstanceUid(), s));
        return new DicomStudy(a.studyInstanceUid(), a.date(), a.time(), a.description(), a.accessionNumber(),
                new ArrayList<>(series.values()));
    }
}
