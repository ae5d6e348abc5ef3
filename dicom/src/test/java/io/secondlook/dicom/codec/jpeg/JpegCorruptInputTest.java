package io.secondlook.dicom.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.codec.ExternalCodecs;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Corrupt or unsupported JPEG data gives a {@link DicomException} that says what is wrong, or a full frame. */
class JpegCorruptInputTest {
    private final JpegFrameDecoder decoder = new JpegFrameDecoder();

    private static DicomFile corpusFile(String relative) throws DicomException {
        return DicomReader.read(JpegCorpusTest.corpus().resolve(relative));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dicom/transfer_syntax/JPEGBaseline_1s_1f_u_08_08.dcm",
        "dicom/transfer_syntax/SC_rgb_dcmtk_+eb+cy+s2.dcm",
        "dicom/transfer_syntax/JPGExtended.dcm",
        "dicom/transfer_syntax/dcm_qa_ts/5.dcm",
        "dicom/transfer_syntax/JPEGLosslessP14SV1_3s_2f_u_08_08.dcm"})
    void truncatedAndBitFlippedDataNeverEscapesAsAnotherException(String relative) throws Exception {
        DicomFile file = corpusFile(relative);
        ImagePixelDescription d = JpegOracle.description(file);
        byte[] good = JpegOracle.codestreams(file).get(0);
        Random random = new Random(relative.hashCode());
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 40; i++) {
                decodeOrReject(Arrays.copyOf(good, random.nextInt(good.length)), d);
            }
            for (int i = 0; i < 150; i++) {
                byte[] bad = good.clone();
                // most flips land in the headers, where they do the most damage
                int span = i % 2 == 0 ? Math.min(good.length, 700) : good.length;
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    bad[random.nextInt(span)] ^= (byte) (1 << random.nextInt(8));
                }
                decodeOrReject(bad, d);
            }
        });
    }

    private void decodeOrReject(byte[] codestream, ImagePixelDescription d) {
        try {
            byte[] out = decoder.decode(codestream, d);
            assertEquals(d.canonicalFrameLength(), out.length);
        } catch (DicomException e) {
            assertTrue(e.getMessage() != null && e.getMessage().contains("JPEG"), e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new AssertionError("corrupt JPEG data escaped as " + e, e);
        }
    }

    @Test
    void dataWithoutStartOfImageIsRejected() throws Exception {
        DicomFile file = corpusFile("dicom/transfer_syntax/JPEGBaseline_1s_1f_u_08_08.dcm");
        byte[] good = JpegOracle.codestreams(file).get(0);
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(Arrays.copyOfRange(good, 2, good.length), JpegOracle.description(file)));
        assertTrue(e.getMessage().contains("SOI"), e.getMessage());
    }

    @Test
    void frameSizeDisagreeingWithTheHeaderIsRejected() throws Exception {
        DicomFile file = corpusFile("dicom/transfer_syntax/JPEGBaseline_1s_1f_u_08_08.dcm");
        ImagePixelDescription d = JpegOracle.description(file);
        ImagePixelDescription wrong = new ImagePixelDescription(d.rows() + 1, d.columns(), 1, 8, 8, 7, 0,
                "MONOCHROME2", 0, 1);
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(JpegOracle.codestreams(file).get(0), wrong));
        assertTrue(e.getMessage().contains("100x100 but the image is 100x101"), e.getMessage());
    }

    @Test
    void hugeFrameIsRejectedBeforeAllocating() throws Exception {
        // a frame header claiming 65535 x 65535 x 3, agreeing with an equally wrong DICOM header
        byte[] sof = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC3, 0, 17, 16, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0};
        ImagePixelDescription huge = new ImagePixelDescription(65535, 65535, 3, 16, 16, 15, 0, "RGB", 0, 1);
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(sof, huge));
        assertTrue(e.getMessage().contains("larger than this decoder handles"), e.getMessage());
    }

    @Test
    void progressiveJpegIsRejectedByName(@TempDir Path tmp) throws Exception {
        Path original = TestImages.gray8(40, 48, 9).write(tmp);
        Path progressive = JpegOracle.convert(List.of("dcmcjpeg", "+ep"), original, tmp.resolve("progressive.dcm"));
        DicomFile file = DicomReader.read(progressive);
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(JpegOracle.codestreams(file).get(0), JpegOracle.description(file)));
        assertTrue(e.getMessage().contains("progressive"), e.getMessage());
    }

    /** gdcm writes 12-bit lossy data as 16-bit DCT samples, which libjpeg (and so dcmdjpeg) cannot decode. */
    @Test
    void sixteenBitDctIsRejectedLikeDcmdjpeg(@TempDir Path tmp) throws Exception {
        Path original = TestImages.gray(12, 32, 40, 1, 10).write(tmp);
        Path lossy = JpegOracle.convert(List.of("gdcmconv", "--jpeg", "--lossy", "-q", "80"), original,
                tmp.resolve("lossy.dcm"));
        DicomFile file = DicomReader.read(lossy);
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(JpegOracle.codestreams(file).get(0), JpegOracle.description(file)));
        assertTrue(e.getMessage().contains("precision 16"), e.getMessage());
        ExternalCodecs.Result dcmdjpeg = ExternalCodecs.convert(List.of("dcmdjpeg"), lossy, tmp.resolve("out.dcm"));
        assertTrue(!dcmdjpeg.ok() && dcmdjpeg.output().contains("precision 16"), dcmdjpeg.describe());
    }

    @Test
    void invalidHuffmanTableIsRejected() throws Exception {
        int[] counts = new int[17];
        counts[1] = 3;
        DicomException e = assertThrows(DicomException.class, () -> new HuffmanTable(counts, new int[] {0, 1, 2}, false));
        assertTrue(e.getMessage().contains("too many codes of length 1"), e.getMessage());
    }
}
