package io.secondlook.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.pixel.PixelPipeline;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Malformed input reads partially with warnings or fails with a DicomException naming file and offset; nothing else. */
class MalformedInputTest {

    @TestFactory
    Stream<DynamicTest> malformedCorpusFiles() {
        return Corpus.dicomFiles("malformed").stream().map(file -> DynamicTest.dynamicTest(Corpus.key(file), () ->
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> checkReadOrDicomException(file))));
    }

    private static void checkReadOrDicomException(Path file) {
        try {
            DicomFile dicom = DicomReader.read(file);
            try {
                PixelPipeline.grayscale(dicom, 0);
            } catch (DicomException e) {
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            }
        } catch (DicomException e) {
            assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains("offset"), "message names the offset: " + e.getMessage());
        }
    }

    @Test
    void truncatedFileGivesPartialReadWithWarning() throws Exception {
        Path file = Corpus.dicom("malformed/MR_truncated.dcm");
        DicomFile dicom = DicomReader.read(file);
        assertFalse(dicom.dataset().contains(Tag.PixelData));
        assertEquals("1.2.840.10008.1.2.1", dicom.transferSyntaxUid());
        assertTrue(dicom.dataset().contains(Tag.Rows), "header before the truncated Pixel Data is kept");
        assertTrue(dicom.warnings().stream().anyMatch(w -> w.contains("(7fe0,0010)") && w.contains("offset")), dicom.warnings().toString());
        DicomException e = assertThrows(DicomException.class, () -> PixelPipeline.grayscale(dicom, 0));
        assertTrue(e.getMessage().contains("no Pixel Data"), e.getMessage());
    }

    @Test
    void cp246UnknownSequenceIsParsedAsImplicitItems() throws Exception {
        DicomFile dicom = DicomReader.read(Corpus.dicom("malformed/UN_sequence.dcm"));
        DicomElement e = dicom.dataset().get(Tag.of(0x4453, 0x100c));
        assertTrue(e != null && e.isSequence(), "UN with undefined length read as a sequence");
        assertTrue(dicom.warnings().stream().anyMatch(w -> w.contains("CP-246")));
    }

    @Test
    void filesWithoutMetaHeaderAreDetected() throws Exception {
        DicomFile le = DicomReader.read(Corpus.dicom("malformed/ExplVR_LitEndNoMeta.dcm"));
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), le.transferSyntaxUid());
        DicomFile be = DicomReader.read(Corpus.dicom("malformed/ExplVR_BigEndNoMeta.dcm"));
        assertEquals(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid(), be.transferSyntaxUid());
        assertEquals("1.2.333.4444.5.6.7.8", le.dataset().getString(Tag.SOPInstanceUID));
        assertEquals(le.dataset().size(), be.dataset().size());
        assertEquals(le.dataset().getString(Tag.StudyDate), be.dataset().getString(Tag.StudyDate));
    }

    @Test
    void textFileIsNotDicom() throws Exception {
        byte[] text = "# not a DICOM file\nhello\n".getBytes();
        assertThrows(DicomReader.NotDicomException.class,
                () -> DicomReader.read(new ByteArrayInputStream(text), "notes.txt", DicomReader.ReadOptions.DEFAULT));
    }

    /** Every prefix and many random corruptions of real files: only DicomException or a partial read, quickly. */
    @Test
    void truncationsAndCorruptionsNeverEscapeAsRuntimeExceptions(@TempDir Path tmp) throws Exception {
        Random random = new Random(42);
        for (String name : new String[] {"transfer_syntax/MR_small_implicit.dcm", "transfer_syntax/MR_small_bigendian.dcm",
                "transfer_syntax/image_dfl.dcm", "transfer_syntax/JPEG2000.dcm", "transfer_syntax/CT_small.dcm"}) {
            byte[] bytes = Files.readAllBytes(Corpus.dicom(name));
            int limit = Math.min(bytes.length, 6000);
            // A JPEG 2000 frame really decodes (tenths of a second each), so it gets fewer random rounds; the codec
            // fuzz targets cover it in depth.
            int rounds = name.contains("JPEG2000") ? 40 : 300;
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                for (int cut = 0; cut < limit; cut += 7) {
                    readQuietly(Arrays.copyOf(bytes, cut), name + " cut at " + cut);
                }
                for (int round = 0; round < rounds; round++) {
                    byte[] copy = bytes.clone();
                    for (int k = 0; k < 4; k++) {
                        int at = random.nextInt(Math.min(copy.length, 4000));
                        copy[at] = (byte) random.nextInt(256);
                    }
                    readQuietly(copy, name + " corrupted (round " + round + ")");
                }
            });
        }
    }

    private static void readQuietly(byte[] bytes, String name) {
        try {
            DicomFile dicom = DicomReader.read(new ByteArrayInputStream(bytes), name, DicomReader.ReadOptions.DEFAULT);
            try {
                PixelPipeline.grayscale(dicom, 0);
            } catch (DicomException expected) {
                // undecodable pixels are reported, not thrown as runtime exceptions
            }
        } catch (DicomException e) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }
}
