package io.secondlook.dicom.codec.jpegls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Corrupt codestreams give a DicomException that says what is wrong: never another exception, a hang, or a
 * result of the wrong size.
 */
class JpegLsMalformedTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private record Sample(byte[] codestream, ImagePixelDescription image) {
    }

    private static Sample sample(String file) throws DicomException {
        DicomFile dicom = DicomReader.read(Corpus.dicom(file));
        EncapsulatedPixelData pixels = (EncapsulatedPixelData) dicom.dataset().get(Tag.PixelData).value();
        ImagePixelDescription image = ImagePixelDescription.from(dicom.dataset());
        return new Sample(io.secondlook.dicom.codec.EncapsulatedFrames.frame(pixels, image.frames(), 0, null), image);
    }

    /** Decodes, accepting success (of the right size) or a DicomException with a message. */
    private static void decodeOrReject(byte[] codestream, ImagePixelDescription image) {
        try {
            byte[] out = new JpegLsDecoder().decode(codestream, image);
            assertEquals(image.canonicalFrameLength(), out.length);
        } catch (DicomException e) {
            assertTrue(e.getMessage() != null && e.getMessage().contains("JPEG"), "unhelpful message: " + e.getMessage());
        } catch (RuntimeException e) {
            fail("corrupt codestream raised " + e, e);
        }
    }

    @Test
    void truncatedCodestreamsAreRejected() throws Exception {
        for (String file : new String[] {"transfer_syntax/MR_small_jpeg_ls_lossless.dcm", "transfer_syntax/JLSL_RGB_ILV1.dcm",
            "transfer_syntax/JLSL_RGB_ILV2.dcm", "transfer_syntax/CT1_JLSN.dcm"}) {
            Sample s = sample(file);
            assertTimeoutPreemptively(LIMIT, () -> {
                int step = Math.max(1, s.codestream().length / 300);
                for (int length = 0; length < s.codestream().length - 2; length += step) {
                    byte[] cut = Arrays.copyOf(s.codestream(), length);
                    assertThrows(DicomException.class, () -> new JpegLsDecoder().decode(cut, s.image()),
                            file + " cut to " + length + " bytes");
                }
            });
        }
    }

    @Test
    void flippedBytesNeverEscapeAsOtherExceptions() throws Exception {
        for (String file : new String[] {"transfer_syntax/MR_small_jpeg_ls_lossless.dcm", "transfer_syntax/JLSL_RGB_ILV2.dcm",
            "transfer_syntax/JLSN_RGB_ILV0.dcm", "transfer_syntax/JLSL_08_07_0_1F.dcm"}) {
            Sample s = sample(file);
            Random random = new Random(file.hashCode());
            assertTimeoutPreemptively(LIMIT, () -> {
                for (int trial = 0; trial < 400; trial++) {
                    byte[] corrupt = s.codestream().clone();
                    int flips = 1 + random.nextInt(4);
                    // the first 40 bytes hold the marker segments: hit them as often as the scan data
                    for (int f = 0; f < flips; f++) {
                        int at = trial % 2 == 0 ? random.nextInt(Math.min(40, corrupt.length)) : random.nextInt(corrupt.length);
                        corrupt[at] = (byte) random.nextInt(256);
                    }
                    decodeOrReject(corrupt, s.image());
                }
            });
        }
    }

    @Test
    void headerProblemsAreNamed() throws Exception {
        Sample s = sample("transfer_syntax/MR_small_jpeg_ls_lossless.dcm");
        byte[] valid = s.codestream();
        ImagePixelDescription image = s.image();
        assertMessage(new byte[0], image, "no SOI");
        assertMessage(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, image, "before any scan");
        int sof = indexOf(valid, 0xF7);
        assertMessage(patched(valid, sof + 4, 17), image, "precision 17");
        assertMessage(patched(valid, sof + 5, 0, 0), image, "not defined");
        assertMessage(patched(valid, sof + 2, 0x7F), image, "length");
        assertMessage(patched(valid, sof + 11, 0x21), image, "subsampled");
        int sos = indexOf(valid, 0xDA);
        assertMessage(patched(valid, sos + 6, 1), image, "mapping table");
        assertMessage(patched(valid, sos + 8, 3), image, "interleave mode 3");
        assertMessage(patched(valid, sos + 9, 1), image, "point transform");
        ImagePixelDescription wrongSize = new ImagePixelDescription(image.rows() + 1, image.columns(), 1,
                image.bitsAllocated(), image.bitsStored(), image.highBit(), 0, "MONOCHROME2", 0, 1);
        assertMessage(valid, wrongSize, "but the image is");
        ImagePixelDescription eightBit = new ImagePixelDescription(image.rows(), image.columns(), 1, 8, 8, 7, 0,
                "MONOCHROME2", 0, 1);
        assertMessage(valid, eightBit, "exceeds Bits Allocated");
    }

    /** A copy of {@code data} with {@code values} written from {@code offset}. */
    private static byte[] patched(byte[] data, int offset, int... values) {
        byte[] copy = data.clone();
        for (int i = 0; i < values.length; i++) {
            copy[offset + i] = (byte) values[i];
        }
        return copy;
    }

    @Test
    void nearAboveHalfMaxvalIsRejected() throws Exception {
        Sample s = sample("transfer_syntax/JLSL_08_07_0_1F.dcm");
        assertMessage(patched(s.codestream(), indexOf(s.codestream(), 0xDA) + 7, 100), s.image(), "NEAR 100");
    }

    @Test
    void presetParametersOutOfRangeAreRejected() throws Exception {
        Sample s = sample("transfer_syntax/MR_small_jpeg_ls_lossless.dcm");
        byte[] valid = s.codestream();
        int sos = indexOf(valid, 0xDA);
        // insert LSE id 1 with T1 > T2 before SOS
        byte[] lse = {(byte) 0xFF, (byte) 0xF8, 0, 13, 1, 0, 0, 0, 9, 0, 5, 0, 0, 0, 0};
        assertMessage(insert(valid, sos, lse), s.image(), "thresholds");
        byte[] table = {(byte) 0xFF, (byte) 0xF8, 0, 5, 2, 1, 1};
        assertMessage(insert(valid, sos, table), s.image(), "mapping tables");
        byte[] defaults = {(byte) 0xFF, (byte) 0xF8, 0, 13, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(new JpegLsDecoder().decode(valid, s.image()), new JpegLsDecoder().decode(insert(valid, sos, defaults), s.image()),
                "an LSE of zeros means the defaults");
    }

    private static byte[] insert(byte[] data, int at, byte[] segment) {
        byte[] out = new byte[data.length + segment.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(segment, 0, out, at, segment.length);
        System.arraycopy(data, at, out, at + segment.length, data.length - at);
        return out;
    }

    /** Offset of the first 0xFF followed by {@code marker}. */
    private static int indexOf(byte[] data, int marker) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == (byte) 0xFF && (data[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("marker FF" + Integer.toHexString(marker) + " not found");
    }

    private static void assertMessage(byte[] codestream, ImagePixelDescription image, String expected) {
        DicomException e = assertThrows(DicomException.class, () -> new JpegLsDecoder().decode(codestream, image));
        assertTrue(e.getMessage().contains(expected), "message \"" + e.getMessage() + "\" lacks \"" + expected + "\"");
    }
}
