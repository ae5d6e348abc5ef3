package io.secondlook.dicom.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every JPEG Baseline, Extended, Lossless and SV1 file of the shared corpus decodes exactly as dcmdjpeg does. */
class JpegCorpusTest {
    private static final Set<TransferSyntax> JPEG = new JpegFrameDecoder().transferSyntaxes();

    static Path corpus() {
        return Path.of(System.getProperty("secondlook.shared", "../shared")).resolve("corpus");
    }

    /**
     * Corpus files (DICOM and WSI) whose header names a JPEG transfer syntax and that carry Pixel Data (one
     * malformed file names .70 but holds none), found by reading each file.
     */
    static List<Path> jpegFiles() {
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(walk(corpus().resolve("dicom")), walk(corpus().resolve("wsi")))) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().matches(".*\\.(txt|md|json|csv|nii|gz|zip)$"))
                    .filter(p -> syntax(p).filter(JPEG::contains).isPresent())
                    .filter(JpegCorpusTest::hasPixelData)
                    .sorted()
                    .toList();
        }
        return files;
    }

    private static Stream<Path> walk(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<TransferSyntax> syntax(Path p) {
        try {
            return TransferSyntax.fromUid(DicomReader.read(p, DicomReader.ReadOptions.HEADER_ONLY).transferSyntaxUid());
        } catch (DicomException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean hasPixelData(Path p) {
        try {
            return DicomReader.read(p).dataset().contains(Tag.PixelData);
        } catch (DicomException e) {
            return false;
        }
    }

    @Test
    void corpusHoldsTheJpegFilesTheIssueNames() {
        List<String> names = jpegFiles().stream().map(p -> corpus().relativize(p).toString()).toList();
        assertTrue(names.size() >= 40, "JPEG files found: " + names);
        for (String expected : List.of("IM00001.fragmented_no_bot_jpeg_baseline.50.dcm",
                "CT0012.fragmented_no_bot_jpeg_baseline.51.dcm", "CT0012.fragmented_no_bot_jpeg_lossless.57.dcm",
                "JPEGLosslessP14SV1_3s_2f_u_08_08.dcm", "RG2_JPLY_fixed.dcm", "JPGExtended.dcm",
                "SC_jpeg_no_color_transform.dcm", "SC_jpeg_no_color_transform_2.dcm", "level-0-frames-0-30.dcm")) {
            assertTrue(names.stream().anyMatch(n -> n.endsWith("/" + expected)), expected + " in " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jpegFiles")
    void decodesExactlyAsDcmdjpeg(Path file, @TempDir Path tmp) throws Exception {
        DicomFile dicom = DicomReader.read(file);
        List<byte[]> expected = JpegOracle.dcmdjpegFrames(file, tmp);
        List<byte[]> actual = JpegOracle.ourFrames(dicom);
        JpegOracle.assertSameSamples(corpus().relativize(file).toString(), expected, actual,
                JpegOracle.description(dicom));
    }

    @Test
    void multiFrameBaselineYieldsEightRgbFrames() throws Exception {
        Path file = corpus().resolve("dicom/transfer_syntax/cornerstone/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm");
        DicomFile dicom = DicomReader.read(file);
        assertEquals(8, JpegOracle.ourFrames(dicom).size());
        assertEquals("RGB", new JpegFrameDecoder().decodedPhotometric(JpegOracle.description(dicom)));
    }
}
