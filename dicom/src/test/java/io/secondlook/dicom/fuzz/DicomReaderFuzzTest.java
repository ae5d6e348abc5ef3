package io.secondlook.dicom.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import java.io.ByteArrayInputStream;

/**
 * The reader on arbitrary bytes: a data set with warnings or a {@link DicomException}; anything else (a runtime
 * exception, an error, a hang, running out of memory) is a finding. Seeds: src/test/resources/fuzz/.
 */
class DicomReaderFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void readerNeverThrowsUnchecked(byte[] input) {
        for (DicomReader.ReadOptions options : new DicomReader.ReadOptions[] {DicomReader.ReadOptions.DEFAULT, DicomReader.ReadOptions.HEADER_ONLY}) {
            try {
                DicomFile file = DicomReader.read(new ByteArrayInputStream(input), "fuzz input", options);
                file.dataset().elements().forEach(e -> e.items().forEach(item -> item.elements()));
            } catch (DicomException expected) {
                // A clear error is a correct outcome for malformed input.
            }
        }
    }
}
