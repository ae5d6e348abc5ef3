package io.secondlook.dicom.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.codec.DecodedFrames;
import io.secondlook.dicom.codec.EncapsulatedFrames;
import io.secondlook.dicom.codec.ExternalCodecs;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Our JPEG decoder against dcmtk's dcmdjpeg (and the tools that make test files), frame by frame. */
final class JpegOracle {
    private JpegOracle() {
    }

    /** Runs {@code tool... in out}; fails the test with the tool's output when it does not succeed. */
    static Path convert(List<String> tool, Path in, Path out) {
        ExternalCodecs.Result result = ExternalCodecs.convert(tool, in, out);
        if (!result.ok()) {
            fail(result.describe());
        }
        return out;
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

    /** {@code dcmdjpeg in out}, then the canonical frames of {@code out} (native Pixel Data). */
    static List<byte[]> dcmdjpegFrames(Path in, Path workDir) throws DicomException {
        Path out = convert(List.of("dcmdjpeg"), in, workDir.resolve("dcmdjpeg-" + in.getFileName()));
        return DecodedFrames.all(DicomReader.read(out));
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
}
