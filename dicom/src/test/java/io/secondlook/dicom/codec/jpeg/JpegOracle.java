package io.secondlook.dicom.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.codec.EncapsulatedFrames;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Our JPEG decoder against dcmtk's dcmdjpeg (and the tools that make test files), frame by frame. */
final class JpegOracle {
    private JpegOracle() {
    }

    /** Runs a command line tool; fails the test with its output when it does not exit 0. */
    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " timed out");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited " + process.exitValue() + ": " + text);
        }
        return text;
    }

    static ImagePixelDescription description(DicomFile file) {
        return ImagePixelDescription.from(file.dataset());
    }

    static List<byte[]> codestreams(DicomFile file) throws DicomException {
        ImagePixelDescription d = description(file);
        EncapsulatedPixelData pixels = (EncapsulatedPixelData) file.dataset().get(Tag.PixelData).value();
        return EncapsulatedFrames.split(pixels, d.frames(), null);
    }

    /** Every frame of an encapsulated JPEG file, decoded by {@link JpegFrameDecoder}. */
    static List<byte[]> ourFrames(DicomFile file) throws DicomException {
        JpegFrameDecoder decoder = new JpegFrameDecoder();
        ImagePixelDescription d = description(file);
        List<byte[]> frames = new ArrayList<>();
        for (byte[] codestream : codestreams(file)) {
            frames.add(decoder.decode(codestream, d));
        }
        return frames;
    }

    /** {@code dcmdjpeg in out}, then the native frames of {@code out}, interleaved per pixel. */
    static List<byte[]> dcmdjpegFrames(Path in, Path workDir) throws Exception {
        Path out = workDir.resolve("dcmdjpeg-" + in.getFileName());
        run("dcmdjpeg", in.toString(), out.toString());
        return nativeFrames(DicomReader.read(out));
    }

    /** The frames of native (uncompressed) Pixel Data in canonical form: samples interleaved per pixel. */
    static List<byte[]> nativeFrames(DicomFile file) {
        ImagePixelDescription d = description(file);
        byte[] pixels = file.dataset().getBytes(Tag.PixelData);
        int frameLength = (int) d.canonicalFrameLength();
        int bytes = d.canonicalBytesPerSample();
        int n = d.pixelsPerFrame();
        int spp = d.samplesPerPixel();
        List<byte[]> frames = new ArrayList<>();
        for (int f = 0; f < d.frames(); f++) {
            byte[] frame = Arrays.copyOfRange(pixels, f * frameLength, (f + 1) * frameLength);
            if (d.planarConfiguration() == 1 && spp > 1) {
                byte[] interleaved = new byte[frameLength];
                for (int c = 0; c < spp; c++) {
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(frame, (c * n + i) * bytes, interleaved, (i * spp + c) * bytes, bytes);
                    }
                }
                frame = interleaved;
            }
            frames.add(frame);
        }
        return frames;
    }

    /** Asserts equal samples, each masked to Bits Stored, naming the first difference. */
    static void assertSameSamples(String what, List<byte[]> expected, List<byte[]> actual, ImagePixelDescription d) {
        assertEquals(expected.size(), actual.size(), what + ": frame count");
        int bytes = d.canonicalBytesPerSample();
        long mask = (1L << d.bitsStored()) - 1;
        for (int f = 0; f < expected.size(); f++) {
            byte[] e = expected.get(f);
            byte[] a = actual.get(f);
            assertEquals(e.length, a.length, what + ": length of frame " + (f + 1));
            long differing = 0;
            String first = null;
            for (int i = 0; i < e.length; i += bytes) {
                long ev = sample(e, i, bytes) & mask;
                long av = sample(a, i, bytes) & mask;
                if (ev != av) {
                    if (first == null) {
                        int index = i / bytes;
                        first = "pixel " + index / d.samplesPerPixel() + " sample " + index % d.samplesPerPixel()
                                + ": expected " + ev + ", got " + av;
                    }
                    differing++;
                }
            }
            if (first != null) {
                fail(what + ": frame " + (f + 1) + " has " + differing + " differing samples; first at " + first);
            }
        }
    }

    private static long sample(byte[] b, int offset, int bytes) {
        long v = 0;
        for (int k = bytes - 1; k >= 0; k--) {
            v = (v << 8) | (b[offset + k] & 0xFF);
        }
        return v;
    }

    static boolean isFile(Path p) {
        return Files.isRegularFile(p);
    }
}
