package io.secondlook.dicom.codec.jpegls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.ExternalCodecs;
import io.secondlook.dicom.codec.GeneratedImages;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images generated here (random and smooth; 8, 12 and 16 bits, signed and unsigned; grey and RGB; odd and even
 * sizes), encoded by dcmcjpls and gdcmconv in each interleave mode, lossless and near-lossless. Lossless files
 * decode to the original samples; near-lossless ones to exactly what dcmdjpls decodes, within NEAR of the original.
 */
class JpegLsRoundTripTest {
    private static final int NEAR = 2;

    @TempDir
    Path temp;

    private record Image(String name, int bits, int samples, boolean signed, int columns, int rows, boolean smooth) {
        int bitsAllocated() {
            return bits <= 8 ? 8 : 16;
        }
    }

    private record Encoder(String name, boolean lossless, String... command) {
    }

    private static List<Image> images() {
        List<Image> images = new ArrayList<>();
        int[][] formats = {{8, 1, 0}, {12, 1, 0}, {12, 1, 1}, {16, 1, 0}, {16, 1, 1}, {8, 3, 0}, {16, 3, 0}};
        int[][] sizes = {{17, 13}, {256, 256}};
        for (int[] f : formats) {
            for (int[] s : sizes) {
                for (boolean smooth : new boolean[] {false, true}) {
                    String name = f[0] + "bit" + (f[2] == 1 ? "-signed" : "") + (f[1] == 3 ? "-rgb" : "") + "-" + s[0] + "x" + s[1]
                            + (smooth ? "-smooth" : "-random");
                    images.add(new Image(name, f[0], f[1], f[2] == 1, s[0], s[1], smooth));
                }
            }
        }
        return images;
    }

    private static List<Encoder> encoders(Image image) {
        List<Encoder> encoders = new ArrayList<>(List.of(
                new Encoder("dcmcjpls", true, "dcmcjpls"),
                new Encoder("dcmcjpls-t", true, "dcmcjpls", "+t1", "5", "+t2", "11", "+t3", "30", "+rs", "32"),
                new Encoder("gdcmconv", true, "gdcmconv", "--jpegls"),
                new Encoder("gdcmconv-near", false, "gdcmconv", "--jpegls", "--lossy", "-e", String.valueOf(NEAR))));
        if (!image.signed()) {
            // dcmcjpls refuses near-lossless for signed pixels
            encoders.add(new Encoder("dcmcjpls-near", false, "dcmcjpls", "+en", "+md", String.valueOf(NEAR)));
        }
        if (image.samples() == 3) {
            encoders.add(new Encoder("dcmcjpls-sample", true, "dcmcjpls", "+is"));
            encoders.add(new Encoder("dcmcjpls-none", true, "dcmcjpls", "+in"));
            encoders.add(new Encoder("dcmcjpls-near-sample", false, "dcmcjpls", "+en", "+md", String.valueOf(NEAR), "+is"));
            encoders.add(new Encoder("dcmcjpls-near-none", false, "dcmcjpls", "+en", "+md", String.valueOf(NEAR), "+in"));
        }
        return encoders;
    }

    @TestFactory
    Stream<DynamicTest> generatedImagesRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Image image : images()) {
            for (Encoder encoder : encoders(image)) {
                tests.add(DynamicTest.dynamicTest(image.name() + " " + encoder.name(), () -> roundTrip(image, encoder)));
            }
        }
        return tests.stream();
    }

    /** The layouts every codec is tested with (multi-frame, signed RGB, 12 in 16 bits), lossless both ways. */
    @TestFactory
    Stream<DynamicTest> sharedLayoutsRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GeneratedImages.Layout layout : GeneratedImages.LAYOUTS) {
            for (List<String> encoder : List.of(List.of("dcmcjpls"), List.of("gdcmconv", "--jpegls"))) {
                Path dir = temp.resolve("layout-" + tests.size());
                tests.add(DynamicTest.dynamicTest(layout + " " + encoder.get(0), () -> {
                    Files.createDirectories(dir);
                    GeneratedImages.roundTrip(layout, encoder, TransferSyntax.JPEG_LS_LOSSLESS, dir);
                }));
            }
        }
        return tests.stream();
    }

    private void roundTrip(Image image, Encoder encoder) throws Exception {
        Path original = temp.resolve(image.name() + ".dcm");
        Path encoded = temp.resolve(image.name() + "." + encoder.name() + ".dcm");
        byte[] pixels = pixels(image);
        JpegLsTestSupport.writeImage(original, image.rows(), image.columns(), image.samples(), image.bits(), image.signed(), pixels);
        JpegLsTestSupport.convert(original, encoded, encoder.command());

        DicomFile dicom = DicomReader.read(encoded);
        TransferSyntax expectedSyntax = encoder.lossless() ? TransferSyntax.JPEG_LS_LOSSLESS : TransferSyntax.JPEG_LS_NEAR_LOSSLESS;
        assertEquals(expectedSyntax.uid(), dicom.transferSyntaxUid(), "encoder wrote another transfer syntax");
        ImagePixelDescription description = ImagePixelDescription.from(dicom.dataset());
        List<byte[]> ours = JpegLsTestSupport.decodeFrames(dicom);
        if (encoder.lossless()) {
            JpegLsTestSupport.assertSameSamples(List.of(pixels), ours, description, "lossless " + encoder.name());
            return;
        }
        Path reference = temp.resolve(image.name() + "." + encoder.name() + ".native.dcm");
        String oracle = "dcmdjpls";
        if (!ExternalCodecs.convert(List.of("dcmdjpls"), encoded, reference).ok()) {
            // dcmtk 3.6.7 rejects its own near-lossless 16-bit planes (ILV 0 RGB); gdcm's CharLS reads them
            assertTrue(image.bits() == 16 && encoder.name().endsWith("none"), "dcmdjpls failed on " + encoder.name());
            oracle = "gdcmconv --raw";
            JpegLsTestSupport.convert(encoded, reference, "gdcmconv", "--raw");
        }
        JpegLsTestSupport.assertSameSamples(JpegLsTestSupport.referenceFrames(reference), ours, description,
                "near-lossless " + encoder.name() + " against " + oracle);
        // gdcm codes 12-bit and signed data at precision 16, where a sample near the top may reconstruct past
        // it; CharLS decodes the same, so the bound holds modulo 2^Bits Stored
        int[] expected = JpegLsTestSupport.samples(pixels, description);
        int[] actual = JpegLsTestSupport.samples(ours.get(0), description);
        int modulus = 1 << image.bits();
        for (int i = 0; i < expected.length; i++) {
            int difference = Math.floorMod(actual[i] - expected[i], modulus);
            int error = Math.min(difference, modulus - difference);
            assertTrue(error <= NEAR, "sample " + i + " is " + actual[i] + ", original " + expected[i] + ": error above NEAR " + NEAR);
        }
    }

    /** Canonical samples (little-endian, interleaved): uniform noise, or gradients with gentle noise and flat areas. */
    private static byte[] pixels(Image image) {
        Random random = new Random(image.name().hashCode());
        int max = (1 << image.bits()) - 1;
        int bytes = image.bitsAllocated() / 8;
        byte[] out = new byte[image.columns() * image.rows() * image.samples() * bytes];
        int i = 0;
        for (int y = 0; y < image.rows(); y++) {
            for (int x = 0; x < image.columns(); x++) {
                for (int s = 0; s < image.samples(); s++) {
                    int v;
                    if (!image.smooth()) {
                        v = random.nextInt(max + 1);
                    } else if (x < image.columns() / 4) {
                        v = max / 3; // flat band: run mode
                    } else {
                        double t = (Math.sin(x * 0.05 + s) + Math.cos(y * 0.07)) * 0.25 + 0.5;
                        v = Math.min(max, Math.max(0, (int) (t * max) + random.nextInt(5) - 2));
                    }
                    for (int b = 0; b < bytes; b++) {
                        out[i++] = (byte) (v >> (8 * b));
                    }
                }
            }
        }
        return out;
    }
}
