package io.secondlook.app.workflow;

import io.secondlook.core.domain.Instance;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.Series;
import io.secondlook.core.domain.Study;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomPatient;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.DicomStudy;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records what a DICOM scan found (patients, studies, series, instance paths) in the clinical store. */
final class CatalogRecorder {
    private CatalogRecorder() {
    }

    /** Does nothing on a store opened read-only: the scan then only feeds this session's catalogue. */
    static void record(ClinicalStore store, List<DicomPatient> patients) {
        if (store.readOnly()) {
            return;
        }
        for (DicomPatient p : patients) {
            store.upsertPatient(new Patient(p.patientId(), p.issuerOfPatientId(), p.name(), parseDate(p.birthDate()), blankToNull(p.sex())));
            for (DicomStudy s : p.studies()) {
                List<String> modalities = s.series().stream().map(DicomSeries::modality).distinct().toList();
                store.upsertStudy(new Study(s.studyInstanceUid(), p.patientId(), p.issuerOfPatientId(), parseDate(s.date()),
                        parseTime(s.time()), s.description(), s.accessionNumber(), modalities));
                // the stacks of an enhanced multi-frame series are entries of one series UID, one entry per frame
                Map<String, Map<String, Instance>> files = new LinkedHashMap<>();
                Map<String, DicomSeries> firstEntry = new LinkedHashMap<>();
                for (DicomSeries series : s.series()) {
                    firstEntry.putIfAbsent(series.seriesInstanceUid(), series);
                    Map<String, Instance> instances = files.computeIfAbsent(series.seriesInstanceUid(), k -> new LinkedHashMap<>());
                    for (DicomInstance i : series.instances()) {
                        instances.merge(i.sopInstanceUid(), new Instance(i.sopInstanceUid(), series.seriesInstanceUid(),
                                i.sopClassUid(), i.instanceNumber(), i.frames(), i.path()),
                                (a, b) -> new Instance(a.sopInstanceUid(), a.seriesInstanceUid(), a.sopClassUid(),
                                        a.instanceNumber(), a.frameCount() + b.frameCount(), a.path()));
                    }
                }
                for (DicomSeries series : firstEntry.values()) {
                    Map<String, Instance> instances = files.get(series.seriesInstanceUid());
                    store.upsertSeries(new Series(series.seriesInstanceUid(), s.studyInstanceUid(), series.modality(),
                            series.seriesNumber(), series.description(), instances.size()));
                    store.upsertInstances(new ArrayList<>(instances.values()));
                }
            }
        }
    }

    /** A DICOM DA value (YYYYMMDD) as a date, or null when empty or malformed. */
    static LocalDate parseDate(String da) {
        if (da == null || da.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(da.strip().replace(".", ""), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A DICOM TM value (HHMMSS.FFFFFF, components optional) as a time, or null. */
    static LocalTime parseTime(String tm) {
        if (tm == null || tm.isBlank()) {
            return null;
        }
        String t = tm.strip().replace(":", "");
        try {
            int h = Integer.parseInt(t.substring(0, 2));
            int m = t.length() >= 4 ? Integer.parseInt(t.substring(2, 4)) : 0;
            int s = t.length() >= 6 ? Integer.parseInt(t.substring(4, 6)) : 0;
            return LocalTime.of(h, m, Math.min(s, 59));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
