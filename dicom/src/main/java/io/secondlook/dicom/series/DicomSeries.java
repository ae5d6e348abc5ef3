package io.secondlook.dicom.series;

import java.util.List;

/**
 * A series: its instances sorted along the slice normal (or by Instance Number when the geometry is missing),
 * and what the assembler noticed (gaps, duplicate positions, mixed orientations or sizes).
 */
public record DicomSeries(String seriesInstanceUid, String modality, int seriesNumber, String description,
                          String bodyPart, List<DicomInstance> instances, List<String> warnings) {

    public DicomSeries {
        instances = List.copyOf(instances);
        warnings = List.copyOf(warnings);
    }
}
