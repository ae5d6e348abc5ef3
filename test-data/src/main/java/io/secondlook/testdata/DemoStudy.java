package io.secondlook.testdata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link DemoStudyGenerator} wrote: one synthetic patient with one study of a chest radiograph series
 * and a chest CT series.
 *
 * @param folder the folder the study was written to
 * @param patientId Patient ID (0010,0020)
 * @param patientName Patient's Name (0010,0010), DICOM PN form
 * @param studyInstanceUid Study Instance UID (0020,000D)
 * @param accessionNumber Accession Number (0008,0050)
 * @param radiograph the DX series
 * @param ct the CT series, files in Instance Number order
 */
public record DemoStudy(Path folder, String patientId, String patientName, String studyInstanceUid,
        String accessionNumber, Series radiograph, Series ct) {

    /**
     * One series of the demo study.
     *
     * @param modality DX or CT
     * @param seriesInstanceUid Series Instance UID (0020,000E)
     * @param description Series Description (0008,103E)
     * @param files the instances in Instance Number order
     */
    public record Series(String modality, String seriesInstanceUid, String description, List<Path> files) {
        public Series {
            files = List.copyOf(files);
        }
    }

    /** Every file of the study: the radiograph first, then the CT slices. */
    public List<Path> files() {
        List<Path> all = new ArrayList<>(radiograph.files());
        all.addAll(ct.files());
        return List.copyOf(all);
    }
}
