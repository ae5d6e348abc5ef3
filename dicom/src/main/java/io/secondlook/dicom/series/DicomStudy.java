package io.secondlook.dicom.series;

import java.util.List;

/** A study and its series, ordered by Series Number. Date is DICOM DA text (YYYYMMDD) or empty. */
public record DicomStudy(String studyInstanceUid, String date, String time, String description,
                         String accessionNumber, List<DicomSeries> series) {

    public DicomStudy {
        series = List.copyOf(series);
    }
}
