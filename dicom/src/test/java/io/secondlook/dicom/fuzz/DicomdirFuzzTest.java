package io.secondlook.dicom.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.series.Dicomdir;
import io.secondlook.dicom.series.DicomdirReader;
import java.nio.file.Path;

/** The DICOMDIR reader on arbitrary bytes: a record tree (file IDs resolved in an empty folder) or a {@link DicomException}. */
class DicomdirFuzzTest {
    private static final Path FOLDER = Path.of(System.getProperty("java.io.tmpdir"), "secondlook-fuzz-dicomdir", "DICOMDIR");

    @FuzzTest(maxDuration = "10m")
    void dicomdirReaderNeverThrowsUnchecked(byte[] input) {
        try {
            Dicomdir dicomdir = DicomdirReader.read(input, FOLDER);
            dicomdir.records().forEach(r -> r.flatten());
            dicomdir.referencedFiles();
        } catch (DicomException expected) {
            // Not a DICOMDIR, or not readable: reported.
        }
    }
}
