package io.secondlook.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Canonical pixel bytes of every natively encoded corpus file hash to the md5 that dcmtk (and gdcm, pydicom)
 * computed over the decoded array (numpy little-endian bytes of all frames).
 */
class PixelOracleTest {
    private static final Set<String> NATIVE = Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2",
            "1.2.840.10008.1.2.1.99");

    @TestFactory
    Stream<DynamicTest> canonicalBytesMatchDecoderOracles() throws Exception {
        Path corpus = Corpus.root();
        JsonNode oracles = new ObjectMapper().readTree(corpus.resolve("reference/decoder_oracles.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = oracles.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode oracle = entry.getValue();
            if (!NATIVE.contains(oracle.path("ts").asText())) {
                continue;
            }
            String dcmtk = oracle.path("dcmtk").path("md5").asText(null);
            String gdcm = oracle.path("gdcm_raw").path("md5").asText(null);
            String pydicom = oracle.path("pydicom2.3.1_direct").path("md5").asText(null);
            if (dcmtk == null && pydicom == null) {
                continue;
            }
            Path file = corpus.resolve(entry.getKey());
            tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> {
                assertTrue(Files.exists(file), "missing corpus file " + file);
                DicomFile dicom = DicomReader.read(file);
                int frames = ImagePixelDescription.from(dicom.dataset()).frames();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int f = 0; f < frames; f++) {
                    all.write(PixelPipeline.canonicalFrameBytes(dicom, f));
                }
                String ours = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(all.toByteArray()));
                // dcmtk is the reference; where it disagrees with gdcm and pydicom together, they are.
                String expected = dcmtk != null && (dcmtk.equals(gdcm) || dcmtk.equals(pydicom) || pydicom == null) ? dcmtk : pydicom;
                if (!ours.equals(expected) && rawPixelMd5(dicom).equals(expected)) {
                    // The decoders hash stored words as-is; this file has bits above High Bit that are not the
                    // sign extension, which canonical bytes mask away (as the standard says to).
                    assertTrue(hasBitsOutsideStoredRange(dicom), "raw bytes match the oracle but nothing was masked");
                    return;
                }
                if (!ours.equals(expected)) {
                    fail("md5 " + ours + " but oracle " + expected + " (dcmtk " + dcmtk + ", gdcm " + gdcm + ", pydicom " + pydicom + ")");
                }
                GrayscaleFrame frame = PixelPipeline.grayscale(dicom, frames - 1);
                assertEquals(frame.width() * frame.height(), frame.values().length);
            }));
        }
        assertTrue(tests.size() > 100, "only " + tests.size() + " native files in the oracles");
        return tests.stream();
    }

    private static String rawPixelMd5(DicomFile dicom) throws Exception {
        byte[] raw = dicom.dataset().getBytes(io.secondlook.dicom.Tag.PixelData);
        return raw == null ? "" : HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(raw));
    }

    private static boolean hasBitsOutsideStoredRange(DicomFile dicom) {
        ImagePixelDescription d = ImagePixelDescription.from(dicom.dataset());
        byte[] raw = dicom.dataset().getBytes(io.secondlook.dicom.Tag.PixelData);
        if (d.bitsAllocated() != 16 || d.bitsStored() == 16) {
            return false;
        }
        for (int i = 0; i + 1 < raw.length; i += 2) {
            int v = (raw[i] & 0xFF) | (raw[i + 1] & 0xFF) << 8;
            int high = v >> d.bitsStored();
            boolean sign = ((v >> (d.bitsStored() - 1)) & 1) == 1;
            int expectedHigh = d.signed() && sign ? (1 << (16 - d.bitsStored())) - 1 : 0;
            if (high != expectedHigh) {
                return true;
            }
        }
        return false;
    }
}
