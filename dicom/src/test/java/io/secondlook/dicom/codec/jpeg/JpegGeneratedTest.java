package io.secondlook.dicom.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.DecodedFrames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Images generated at test time, encoded by dcmcjpeg and gdcmconv in every JPEG process, precision, sampling and
 * predictor they offer; decoded by us and by dcmdjpeg, compared bit-exactly (lossless ones also to the original).
 */
class JpegGeneratedTest {

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        TestImages gray8 = TestImages.gray8(67, 45, 1);
        TestImages gray8Large = TestImages.gray8(256, 256, 2);
        TestImages rgb = TestImages.rgb8(77, 101, 3);
        TestImages rgbTiny = TestImages.rgb8(3, 5, 4);
        TestImages gray12 = TestImages.gray(12, 93, 130, 3, 5);
        TestImages gray16 = TestImages.gray(16, 70, 61, 1, 6);
        TestImages signed16 = TestImages.signed16(40, 50, 7);
        for (TestImages image : List.of(gray8, gray8Large, rgb)) {
            for (String q : List.of("100", "90", "50", "5")) {
                cases.add(dcmcjpeg(image, false, "+eb", "+q", q));
            }
            cases.add(dcmcjpeg(image, false, "+ee", "+q", "75"));
            cases.add(dcmcjpeg(image, false, "+eb", "-ho"));
        }
        for (String sampling : List.of("+s2", "+s4", "+n2", "+n1", "+np")) {
            cases.add(dcmcjpeg(rgb, false, "+eb", sampling));
            cases.add(dcmcjpeg(rgbTiny, false, "+eb", sampling));
        }
        cases.add(dcmcjpeg(rgb, false, "+eb", "+cr"));
        cases.add(dcmcjpeg(rgb, false, "+ee", "+n1", "+q", "60"));
        for (String q : List.of("95", "75", "20")) {
            cases.add(dcmcjpeg(gray12, false, "+ee", "+q", q));
        }
        cases.add(dcmcjpeg(gray8, false, "+ee", "+bt"));
        for (TestImages image : List.of(gray8, rgb, gray12, gray16, signed16)) {
            cases.add(dcmcjpeg(image, true, "+e1"));
            for (int sv = 1; sv <= 7; sv++) {
                cases.add(dcmcjpeg(image, true, "+el", "+sv", Integer.toString(sv)));
            }
        }
        cases.add(dcmcjpeg(gray12, false, "+el", "+sv", "6", "+pt", "3"));
        cases.add(dcmcjpeg(gray8, false, "+el", "+sv", "4", "+pt", "2"));
        cases.add(dcmcjpeg(gray16, false, "+e1", "+pt", "5"));
        for (TestImages image : List.of(gray8, rgb, gray12, gray16)) {
            cases.add(Arguments.of(image, true, List.of("gdcmconv", "--jpeg")));
        }
        // gdcm's lossy 12-bit output declares 16-bit DCT samples, which dcmdjpeg and we both reject
        for (TestImages image : List.of(gray8, rgb)) {
            cases.add(Arguments.of(image, false, List.of("gdcmconv", "--jpeg", "--lossy", "-q", "80")));
        }
        return cases.stream();
    }

    private static Arguments dcmcjpeg(TestImages image, boolean lossless, String... options) {
        List<String> command = new ArrayList<>(List.of("dcmcjpeg"));
        command.addAll(List.of(options));
        return Arguments.of(image, lossless, command);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void decodesExactlyAsDcmdjpeg(TestImages image, boolean lossless, List<String> encoder, @TempDir Path tmp)
            throws Exception {
        Path original = image.write(tmp);
        Path encoded = JpegOracle.convert(encoder, original, tmp.resolve("encoded.dcm"));
        DicomFile file = DicomReader.read(encoded);
        assertEquals(true, TransferSyntax.fromUid(file.transferSyntaxUid())
                .filter(new JpegFrameDecoder().transferSyntaxes()::contains).isPresent(), file.transferSyntaxUid());

        List<byte[]> ours = JpegOracle.ourFrames(file);
        String what = image + " " + encoder;
        JpegOracle.assertSameSamples(what + " vs dcmdjpeg", JpegOracle.dcmdjpegFrames(encoded, tmp), ours,
                JpegOracle.description(file));
        if (lossless) {
            DicomFile source = DicomReader.read(original);
            JpegOracle.assertSameSamples(what + " vs original", DecodedFrames.all(source), ours,
                    JpegOracle.description(source));
        }
    }
}
