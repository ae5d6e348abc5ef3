package io.secondlook.dicom.series;

import java.util.List;

/**
 * A series, or one stack of it: its instances sorted along the slice normal (or by Instance Number when the
 * geometry is missing), and what the assembler noticed (gaps, duplicate positions, mixed orientations or sizes).
 *
 * @param stack empty for a series assembled as one entry; otherwise which stack of the series this entry holds
 *              (enhanced multi-frame frames grouped by Stack ID or by orientation), e.g. "Stack 2" or "Sagittal"
 */
public record DicomSeries(String seriesInstanceUid, String modality, int seriesNumber, String description,
                          String bodyPart, List<DicomInstance> instances, List<String> warnings, String stack) {

    public DicomSeries {
        instances = List.copyOf(instances);
        warnings = List.copyOf(warnings);
    }

    /** A series assembled as one entry. */
    public DicomSeries(String seriesInstanceUid, String modality, int seriesNumber, String description,
                       String bodyPart, List<DicomInstance> instances, List<String> warnings) {
        this(seriesInstanceUid, modality, seriesNumber, description, bodyPart, instances, warnings, "");
    }
}
