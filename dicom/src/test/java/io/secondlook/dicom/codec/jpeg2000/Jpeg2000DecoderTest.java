package io.secondlook.dicom.codec.jpeg2000;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.EncapsulatedFrames;
import io.secondlook.dicom.codec.FrameDecoders;
import io.secondlook.dicom.codec.GeneratedImages;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import io.secondlook.dicom.pixel.PixelPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Jpeg2000DecoderTest {
    private final Jpeg2000Decoder decoder = new Jpeg2000Decoder();

    private static DicomFile corpus(String name) throws DicomException {
        return DicomReader.read(Corpus.dicom("transfer_syntax/" + name));
    }

    private static byte[] firstFrame(DicomFile file) throws DicomException {
        ImagePixelDescription d = ImagePixelDescription.from(file.dataset());
        return EncapsulatedFrames.frame((EncapsulatedPixelData) file.dataset().get(Tag.PixelData).value(), d.frames(), 0, null);
    }

    @Test
    void isRegisteredForJpeg2000ButNotForHighThroughput() {
        assertTrue(FrameDecoders.forSyntax(TransferSyntax.JPEG_2000_LOSSLESS).orElseThrow() instanceof Jpeg2000Decoder);
        assertTrue(FrameDecoders.forSyntax(TransferSyntax.JPEG_2000).orElseThrow() instanceof Jpeg2000Decoder);
        for (TransferSyntax htj2k : List.of(TransferSyntax.HTJ2K_LOSSLESS, TransferSyntax.HTJ2K_RPCL_LOSSLESS, TransferSyntax.HTJ2K)) {
            assertTrue(FrameDecoders.forSyntax(htj2k).isEmpty(), htj2k.uid());
        }
    }

    @Test
    void highThroughputFilesGetAnErrorNamingTheTransferSyntax() throws Exception {
        for (String name : List.of("HTJ2K_08_RGB.dcm", "HTJ2KLossless_08_RGB.dcm")) {
            DicomException e = assertThrows(DicomException.class, () -> PixelPipeline.canonicalFrameBytes(corpus(name), 0));
            assertTrue(e.getMessage().contains("High-Throughput JPEG 2000"), e.getMessage());
        }
    }

    @Test
    void reversibleAndIrreversibleColourTransformsDecodeToRgb() {
        ImagePixelDescription rct = new ImagePixelDescription(1, 1, 3, 8, 8, 7, 0, "YBR_RCT", 0, 1);
        assertEquals("RGB", decoder.decodedPhotometric(rct));
        assertEquals("RGB", decoder.decodedPhotometric(new ImagePixelDescription(1, 1, 3, 8, 8, 7, 0, "YBR_ICT", 0, 1)));
        assertEquals("MONOCHROME1", decoder.decodedPhotometric(new ImagePixelDescription(1, 1, 1, 16, 12, 11, 0, "MONOCHROME1", 0, 1)));
    }

    @Test
    void signedComponentsAreTwosComplement() throws Exception {
        DicomFile file = corpus("JPEG2000.dcm");
        byte[] samples = decoder.decode(firstFrame(file), ImagePixelDescription.from(file.dataset()));
        short min = Short.MAX_VALUE;
        for (int i = 0; i < samples.length; i += 2) {
            min = (short) Math.min(min, (short) ((samples[i] & 0xFF) | samples[i + 1] << 8));
        }
        assertEquals(-30, min, "pydicom's published minimum of JPEG2000.dcm");
    }

    @Test
    void corruptCodestreamsGiveClearErrors() throws Exception {
        DicomFile file = corpus("MR_small_jp2klossless.dcm");
        ImagePixelDescription d = ImagePixelDescription.from(file.dataset());
        byte[] codestream = firstFrame(file);
        DicomException garbage = assertThrows(DicomException.class, () -> decoder.decode(new byte[] {1, 2, 3, 4, 5}, d));
        assertTrue(garbage.getMessage().contains("no codestream"), garbage.getMessage());
        DicomException truncated = assertThrows(DicomException.class, () -> decoder.decode(Arrays.copyOf(codestream, 60), d));
        assertTrue(truncated.getMessage().startsWith("JPEG 2000: cannot decode the codestream"), truncated.getMessage());
        byte[] huge = codestream.clone();
        huge[8] = 0x7F; // Xsiz of about 2 billion columns: refused before anything is allocated
        DicomException size = assertThrows(DicomException.class, () -> decoder.decode(huge, d));
        assertTrue(size.getMessage().contains("the data set says 64x64"), size.getMessage());
        ImagePixelDescription wrongSize = new ImagePixelDescription(32, 64, 1, 16, 16, 15, 1, "MONOCHROME2", 0, 1);
        DicomException mismatch = assertThrows(DicomException.class, () -> decoder.decode(codestream, wrongSize));
        assertTrue(mismatch.getMessage().contains("codestream is 64x64 with 1 component(s), the data set says 64x32"),
                mismatch.getMessage());
    }

    /** A fuzzer's find: corrupt packet headers on which JJ2000 reads endless one bits and never returns. */
    @Test
    void aDecoderThatNeverReturnsIsStoppedWithAClearError() throws Exception {
        byte[] codestream;
        try (var in = getClass().getResourceAsStream(
                "/io/secondlook/dicom/fuzz/CodecFuzzTestInputs/jpeg2000/timeout-ac3117eb69c5d4d66e07b83509bf7fd17fb018fb")) {
            codestream = in.readAllBytes();
        }
        ImagePixelDescription d = new ImagePixelDescription(64, 64, 1, 16, 16, 15, 1, "MONOCHROME2", 0, 1);
        long start = System.nanoTime();
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(codestream, d));
        assertTrue(e.getMessage().matches("(?s).*did not finish within 5\\.\\d s.*"), e.getMessage());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "stopped near its deadline");
    }

    @Test
    void tilePartCountsAreRepairedOnlyWhereWrong() throws Exception {
        byte[] kakadu = firstFrame(DicomReader.read(Corpus.dicom("modality/966_fixed.dcm")));
        byte[] repaired = TilePartCounts.repair(kakadu);
        assertNotSame(kakadu, repaired);
        assertEquals(kakadu.length, repaired.length);
        int sot = indexOf(repaired, 0xFF, 0x90);
        assertEquals(0, kakadu[sot + 11], "Kakadu leaves TNsot 0 on the first tile-part");
        assertEquals(6, repaired[sot + 11], "six tile-parts follow the Psot chain");
        byte[] consistent = firstFrame(corpus("MR2_J2KR.dcm"));
        assertSame(consistent, TilePartCounts.repair(consistent));
        byte[] truncated = Arrays.copyOf(kakadu, kakadu.length / 2);
        DicomException e = assertThrows(DicomException.class, () -> TilePartCounts.repair(truncated));
        assertTrue(e.getMessage().contains("tile-part 5 of tile 0 needs 3048970 bytes"), e.getMessage());
    }

    private static int indexOf(byte[] data, int b0, int b1) {
        for (int i = 0; i + 1 < data.length; i++) {
            if ((data[i] & 0xFF) == b0 && (data[i + 1] & 0xFF) == b1) {
                return i;
            }
        }
        return -1;
    }

    static Stream<GeneratedImages.Layout> layouts() {
        return GeneratedImages.layouts();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void randomImagesEncodedLosslesslyByGdcmDecodeBitExactly(GeneratedImages.Layout layout, @TempDir Path tmp) throws Exception {
        GeneratedImages.roundTrip(layout, List.of("gdcmconv", "--j2k"), TransferSyntax.JPEG_2000_LOSSLESS,
                Files.createDirectories(tmp));
    }
}
