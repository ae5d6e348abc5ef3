package io.secondlook.dicom.codec.jpegls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JPEG-LS file of the shared corpus decodes to exactly the samples dcmdjpls (CharLS) produces; the one file
 * dcmtk rejects (7-bit JLSL_08_07_0_1F) is compared with gdcmconv --raw instead.
 */
class JpegLsCorpusTest {
    private static final Set<String> JPEG_LS = Set.of(TransferSyntax.JPEG_LS_LOSSLESS.uid(),
            TransferSyntax.JPEG_LS_NEAR_LOSSLESS.uid());
    private static final Set<String> DCMTK_REJECTS = Set.of("JLSL_08_07_0_1F.dcm");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> corpusFilesDecodeLikeCharLs() {
        List<Path> files = new ArrayList<>();
        for (Path file : Corpus.dicomFiles("")) {
            try {
                DicomFile header = DicomReader.read(file, DicomReader.ReadOptions.HEADER_ONLY);
                if (JPEG_LS.contains(header.transferSyntaxUid())) {
                    files.add(file);
                }
            } catch (DicomException | RuntimeException e) {
                // not DICOM or malformed: other tests cover it
            }
        }
        assertTrue(files.size() >= 25, "only " + files.size() + " JPEG-LS files in the corpus");
        return files.stream().map(file -> DynamicTest.dynamicTest(Corpus.key(file), () -> {
            Path reference = temp.resolve(file.getFileName() + ".native.dcm");
            if (DCMTK_REJECTS.contains(file.getFileName().toString())) {
                JpegLsTestSupport.convert(file, reference, "gdcmconv", "--raw");
            } else {
                JpegLsTestSupport.convert(file, reference, "dcmdjpls");
            }
            DicomFile dicom = DicomReader.read(file);
            ImagePixelDescription image = ImagePixelDescription.from(dicom.dataset());
            JpegLsTestSupport.assertSameSamples(JpegLsTestSupport.referenceFrames(reference),
                    JpegLsTestSupport.decodeFrames(dicom), image, Corpus.key(file));
        }));
    }
}
