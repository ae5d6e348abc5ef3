package io.secondlook.dicom.codec.jpegls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomElement;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.UidGenerator;
import io.secondlook.dicom.VR;
import io.secondlook.dicom.codec.EncapsulatedFrames;
import io.secondlook.dicom.codec.ExternalCodecs;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import io.secondlook.dicom.pixel.PixelPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test images, the dcmtk/gdcm tools, and sample-by-sample comparison of our frames with their native output. */
final class JpegLsTestSupport {
    private JpegLsTestSupport() {
    }

    /** Runs {@code tool... in out} (dcmtk or gdcm), failing the test with the tool's output if it fails. */
    static Path convert(Path in, Path out, String... tool) {
        assumeTrue(ExternalCodecs.installed(tool[0]), tool[0] + " is not installed; CI installs dcmtk and gdcm");
        ExternalCodecs.Result result = ExternalCodecs.convert(List.of(tool), in, out);
        assertTrue(result.ok(), result::describe);
        return out;
    }

    /** Writes an uncompressed Secondary Capture image of canonical samples (8-bit container up to 8 bits). */
    static Path writeImage(Path file, int rows, int columns, int samples, int bitsStored, boolean signed, byte[] pixels)
            throws IOException {
        int bitsAllocated = bitsStored <= 8 ? 8 : 16;
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.StudyInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.SeriesInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.Modality, VR.CS, "OT");
        ds.setInt(Tag.SamplesPerPixel, VR.US, samples);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, samples == 3 ? "RGB" : "MONOCHROME2");
        if (samples == 3) {
            ds.setInt(Tag.PlanarConfiguration, VR.US, 0);
        }
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, columns);
        ds.setInt(Tag.BitsAllocated, VR.US, bitsAllocated);
        ds.setInt(Tag.BitsStored, VR.US, bitsStored);
        ds.setInt(Tag.HighBit, VR.US, bitsStored - 1);
        ds.setInt(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
        ds.setBytes(Tag.PixelData, bitsAllocated == 8 ? VR.OB : VR.OW, pixels);
        DicomWriter.write(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return file;
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
