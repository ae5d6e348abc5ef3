package io.secondlook.dicom.codec.rle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.DecodedFrames;
import io.secondlook.dicom.codec.EncapsulatedFrames;
import io.secondlook.dicom.codec.FrameDecoders;
import io.secondlook.dicom.codec.GeneratedImages;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RleDecoderTest {
    private final RleDecoder decoder = new RleDecoder();

    private static ImagePixelDescription image(int rows, int columns, int samples, int bits) {
        return new ImagePixelDescription(rows, columns, samples, bits, bits, bits - 1, 0,
                samples == 3 ? "RGB" : "MONOCHROME2", 0, 1);
    }

    /** A frame: the 64-byte header with the segment offsets, then the segments as given. */
    private static byte[] frame(byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int offset = 64;
        writeInt(out, segments.length);
        for (int i = 0; i < 15; i++) {
            writeInt(out, i < segments.length ? offset : 0);
            offset += i < segments.length ? segments[i].length : 0;
        }
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void isRegisteredForRleLossless() {
        assertTrue(FrameDecoders.forSyntax(TransferSyntax.RLE_LOSSLESS).orElseThrow() instanceof RleDecoder);
    }

    @Test
    void literalReplicateAndNoOpRunsWithEvenPadding() throws Exception {
        // 2x3: literal [1,2], no-op, replicate 7 x3, literal [9]; then a padding byte after the plane is full
        byte[] segment = bytes(1, 1, 2, -128, -2, 7, 0, 9, 0);
        assertArrayEquals(bytes(1, 2, 7, 7, 7, 9), decoder.decode(frame(segment), image(2, 3, 1, 8)));
    }

    @Test
    void sixteenBitSamplesTakeTheMostSignificantSegmentFirst() throws Exception {
        byte[] high = bytes(-1, 0x12);
        byte[] low = bytes(1, 0x34, 0x56);
        assertArrayEquals(bytes(0x34, 0x12, 0x56, 0x12), decoder.decode(frame(high, low), image(1, 2, 1, 16)));
    }

    @Test
    void colourSegmentsAreInterleavedPerPixel() throws Exception {
        byte[] red = bytes(-1, 10);
        byte[] green = bytes(-1, 20);
        byte[] blue = bytes(1, 30, 31);
        assertArrayEquals(bytes(10, 20, 30, 10, 20, 31), decoder.decode(frame(red, green, blue), image(1, 2, 3, 8)));
    }

    @Test
    void oneBitDataIsUnpackedLeastSignificantBitFirst() throws Exception {
        // 10 pixels: 0b00000101 then 0b00000010 -> pixels 0 and 2 and 9 set
        assertArrayEquals(bytes(1, 0, 1, 0, 0, 0, 0, 0, 0, 1), decoder.decode(frame(bytes(1, 5, 2)), image(2, 5, 1, 1)));
    }

    @Test
    void corruptFramesGiveClearErrors() {
        ImagePixelDescription gray = image(2, 3, 1, 8);
        assertMessage("shorter than the 64-byte header", () -> decoder.decode(new byte[10], gray));
        assertMessage("2 segments but 1 sample(s) of 8 bits need 1", () -> decoder.decode(frame(bytes(0, 1), bytes(0, 1)), gray));
        byte[] badOffset = frame(bytes(5, 1, 2, 3, 4, 5, 6));
        badOffset[4] = 100;
        assertMessage("segment 1 offset 100 is outside", () -> decoder.decode(badOffset, gray));
        assertMessage("decodes to 2 bytes, the plane needs 6", () -> decoder.decode(frame(bytes(1, 1, 2)), gray));
        assertMessage("literal run of 6 bytes overruns", () -> decoder.decode(frame(bytes(5, 1, 2)), gray));
        assertMessage("Bits Allocated 12", () -> decoder.decode(frame(bytes(0, 1)), image(1, 1, 1, 12)));
        byte[] zeroSegments = frame(bytes(0, 1));
        zeroSegments[0] = 0;
        assertMessage("0 segments", () -> decoder.decode(zeroSegments, gray));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable decode) {
        DicomException e = assertThrows(DicomException.class, decode);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** 1-bit SEG in RLE, which dcmtk and gdcm refuse: each frame equals the native file's (same segmentation). */
    @ParameterizedTest
    @MethodSource("oneBitPairs")
    void oneBitSegmentationsMatchTheirNativeTwin(String rle, String nativeTwin) throws Exception {
        DicomFile encoded = DicomReader.read(Corpus.dicom("transfer_syntax/" + rle));
        DicomFile reference = DicomReader.read(Corpus.dicom("transfer_syntax/" + nativeTwin));
        ImagePixelDescription d = ImagePixelDescription.from(encoded.dataset());
        List<byte[]> frames = EncapsulatedFrames.split((EncapsulatedPixelData) encoded.dataset().get(Tag.PixelData).value(),
                d.frames(), null);
        List<byte[]> expected = DecodedFrames.all(reference);
        assertEquals(expected.size(), frames.size());
        for (int f = 0; f < frames.size(); f++) {
            assertArrayEquals(expected.get(f), decoder.decode(frames.get(f), d), "frame " + (f + 1));
        }
    }

    static Stream<Arguments> oneBitPairs() {
        return Stream.of(Arguments.of("liver_rle.dcm", "liver.dcm"),
                Arguments.of("liver_nonbyte_aligned_rle.dcm", "liver_nonbyte_aligned.dcm"));
    }

    static Stream<Arguments> generated() {
        return GeneratedImages.layouts().flatMap(l -> Stream.of(Arguments.of(l, List.of("dcmcrle")),
                Arguments.of(l, List.of("gdcmconv", "--rle"))));
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("generated")
    void randomImagesEncodedByDcmtkAndGdcmDecodeBitExactly(GeneratedImages.Layout layout, List<String> encoder,
                                                          @TempDir Path tmp) throws Exception {
        GeneratedImages.roundTrip(layout, encoder, TransferSyntax.RLE_LOSSLESS, Files.createDirectories(tmp));
    }
}
