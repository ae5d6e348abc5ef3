package io.secondlook.dicom.codec.jpegls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.secondlook.dicom.DicomElement;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.codec.EncapsulatedFrames;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import io.secondlook.dicom.pixel.PixelPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the dcmtk/gdcm tools and compares our decoded frames with their native output, sample by sample. */
final class JpegLsTestSupport {
    private JpegLsTestSupport() {
    }

    /** Runs a command, failing the test with its output when it does not exit 0. */
    static void run(String... command) throws IOException, InterruptedException {
        String error = tryRun(command);
        if (error != null) {
            fail(error);
        }
    }

    /** Runs a command; returns null when it exits 0, else what went wrong. */
    static String tryRun(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " timed out";
        }
        if (p.exitValue() != 0) {
            return String.join(" ", command) + " exited " + p.exitValue() + ": " + new String(output, StandardCharsets.UTF_8);
        }
        return null;
    }

    /** Our decode of every frame of a JPEG-LS file: raw samples, canonical layout. */
    static List<byte[]> decodeFrames(DicomFile file) throws DicomException {
        ImagePixelDescription image = ImagePixelDescription.from(file.dataset());
        DicomElement pixelData = file.dataset().get(Tag.PixelData);
        EncapsulatedPixelData encapsulated = (EncapsulatedPixelData) pixelData.value();
        byte[] eot = file.dataset().getBytes(0x7FE00001);
        JpegLsDecoder decoder = new JpegLsDecoder();
        List<byte[]> frames = new ArrayList<>();
        for (byte[] codestream : EncapsulatedFrames.split(encapsulated, image.frames(), eot)) {
            frames.add(decoder.decode(codestream, image));
        }
        return frames;
    }

    /** The frames of a natively encoded reference file (as dcmdjpls/gdcmconv wrote it), canonical layout. */
    static List<byte[]> referenceFrames(Path nativeFile) throws DicomException {
        DicomFile reference = DicomReader.read(nativeFile);
        int frames = ImagePixelDescription.from(reference.dataset()).frames();
        List<byte[]> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            out.add(PixelPipeline.canonicalFrameBytes(reference, f));
        }
        return out;
    }

    /** Asserts both frame lists hold the same samples once masked to Bits Stored. */
    static void assertSameSamples(List<byte[]> expected, List<byte[]> actual, ImagePixelDescription image, String what) {
        assertEquals(expected.size(), actual.size(), what + ": frame count");
        for (int f = 0; f < expected.size(); f++) {
            int[] e = samples(expected.get(f), image);
            int[] a = samples(actual.get(f), image);
            assertEquals(e.length, a.length, what + ": samples in frame " + (f + 1));
            for (int i = 0; i < e.length; i++) {
                if (e[i] != a[i]) {
                    int pixel = i / image.samplesPerPixel();
                    fail(what + ": frame " + (f + 1) + " differs first at row " + pixel / image.columns() + " column "
                            + pixel % image.columns() + " sample " + i % image.samplesPerPixel() + ": expected " + e[i]
                            + " but decoded " + a[i]);
                }
            }
        }
    }

    /** Samples of a canonical frame masked to Bits Stored. */
    static int[] samples(byte[] canonical, ImagePixelDescription image) {
        return samples(canonical, image, image.bitsStored());
    }

    /** Samples of a canonical frame masked to {@code bits}. */
    static int[] samples(byte[] canonical, ImagePixelDescription image, int bits) {
        int bytes = image.canonicalBytesPerSample();
        int mask = bits >= 32 ? -1 : (1 << bits) - 1;
        int[] out = new int[canonical.length / bytes];
        for (int i = 0; i < out.length; i++) {
            int v = 0;
            for (int b = bytes - 1; b >= 0; b--) {
                v = v << 8 | canonical[i * bytes + b] & 0xFF;
            }
            out[i] = v & mask;
        }
        return out;
    }
}
