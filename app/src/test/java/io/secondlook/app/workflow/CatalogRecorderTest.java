package io.secondlook.app.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.secondlook.core.domain.Instance;
import io.secondlook.core.domain.Series;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomPatient;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.DicomStudy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue records each series and file once, however the assembler split it into stacks. */
class CatalogRecorderTest {

    @TempDir
    Path dir;

    @Test
    void stacksOfOneEnhancedFileAreOneInstanceWithAllItsFrames() {
        Path file = dir.resolve("enhanced.dcm");
        List<DicomInstance> axial = new ArrayList<>();
        List<DicomInstance> sagittal = new ArrayList<>();
        for (int frame = 0; frame < 6; frame++) {
            DicomInstance entry = new DicomInstance(file, "2.25.77", "1.2.840.10008.5.1.4.1.1.4.1", "1.2.840.10008.1.2.1",
                    1, 8, 8, 1, new double[3], new double[] {1, 0, 0, 0, 1, 0}, frame);
            (frame % 2 == 0 ? axial : sagittal).add(entry);
        }
        DicomInstance classic = new DicomInstance(dir.resolve("ct.dcm"), "2.25.78", "1.2.840.10008.5.1.4.1.1.2",
                "1.2.840.10008.1.2.1", 1, 8, 8, 1, null, null);
        DicomStudy study = new DicomStudy("2.25.70", "20240101", "120000", "Study", "A1", List.of(
                new DicomSeries("2.25.71", "MR", 1, "Enhanced", "", axial, List.of(), "Stack 1"),
                new DicomSeries("2.25.71", "MR", 1, "Enhanced", "", sagittal, List.of(), "Stack 2"),
                new DicomSeries("2.25.72", "CT", 2, "Classic", "", List.of(classic), List.of())));
        try (ClinicalStore store = ClinicalStore.open(dir.resolve("store.db"))) {
            CatalogRecorder.record(store, List.of(new DicomPatient("P1", "", "Test^Stacks", "", "O", List.of(study))));
            List<Instance> enhanced = store.instancesForSeries("2.25.71");
            assertEquals(1, enhanced.size());
            assertEquals(6, enhanced.get(0).frameCount());
            assertEquals(List.of(1), store.instancesForSeries("2.25.72").stream().map(Instance::frameCount).toList());
            List<Series> series = store.seriesForStudy("2.25.70");
            assertEquals(List.of("2.25.71:1", "2.25.72:1"), series.stream()
                    .map(x -> x.seriesInstanceUid() + ":" + x.instanceCount()).sorted().toList());
        }
    }
}
