package io.secondlook.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Encodings built by hand for the cases the corpus lacks. */
class DicomReaderTest {

    private static void element(ByteArrayOutputStream out, int group, int element, String vr, byte[] value) {
        out.write(group & 0xFF);
        out.write(group >> 8);
        out.write(element & 0xFF);
        out.write(element >> 8);
        out.write(vr.charAt(0));
        out.write(vr.charAt(1));
        out.write(value.length & 0xFF);
        out.write(value.length >> 8);
        out.writeBytes(value);
    }

    private static DicomFile read(byte[] bytes) throws DicomException {
        return DicomReader.read(new ByteArrayInputStream(bytes), "test", DicomReader.ReadOptions.DEFAULT);
    }

    @Test
    void nonStandardVrIsReadWithTwoByteLengthLikeDcmtk() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        element(out, 0x0008, 0x0005, "CS", "ISO_IR 100".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0010, 0x0010, "ZZ", "Doe ".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0010, 0x0020, "LO", "12".getBytes(StandardCharsets.US_ASCII));
        DicomFile file = read(out.toByteArray());
        assertEquals("Doe", file.dataset().getString(Tag.PatientName));
        assertEquals(VR.PN, file.dataset().get(Tag.PatientName).vr());
        assertEquals("12", file.dataset().getString(Tag.PatientID));
        assertTrue(file.warnings().stream().anyMatch(w -> w.contains("Non-standard VR") && w.contains("(0010,0010)")), file.warnings().toString());
    }

    @Test
    void oddLengthIsReadAsIsWithAWarning() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        element(out, 0x0008, 0x0060, "CS", "CT".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0010, 0x0020, "LO", "123".getBytes(StandardCharsets.US_ASCII));
        DicomFile file = read(out.toByteArray());
        assertEquals("123", file.dataset().getString(Tag.PatientID));
        assertTrue(file.warnings().stream().anyMatch(w -> w.contains("not a multiple of 2")), file.warnings().toString());
    }

    @Test
    void lengthBeyondTheDataIsATruncationNotAnAllocation() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        element(out, 0x0008, 0x0060, "CS", "CT".getBytes(StandardCharsets.US_ASCII));
        // OB with a 4 GiB - 2 length and 4 bytes of data
        out.writeBytes(new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3, 4});
        DicomFile file = read(out.toByteArray());
        assertEquals("CT", file.dataset().getString(Tag.Modality));
        assertTrue(file.warnings().stream().anyMatch(w -> w.contains("(7fe0,0010)") && w.contains("offset 10")), file.warnings().toString());
    }
}
