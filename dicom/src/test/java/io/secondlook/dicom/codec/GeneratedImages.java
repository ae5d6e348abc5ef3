package io.secondlook.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.UidGenerator;
import io.secondlook.dicom.VR;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Random images written uncompressed by our {@link DicomWriter}, encoded by dcmtk or gdcm, decoded by us and
 * compared bit-exactly with the original; a layout the encoder refuses is skipped with its message. Rows mix noise with constant runs so run-length and wavelet coders
 * both see easy and hard content; odd sizes give odd-length RLE segments.
 */
public final class GeneratedImages {
    private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    private static final String MULTI_FRAME_BYTE_SC = "1.2.840.10008.5.1.4.1.1.7.2";
    private static final String MULTI_FRAME_WORD_SC = "1.2.840.10008.5.1.4.1.1.7.3";
    private static final String MULTI_FRAME_TRUE_COLOR_SC = "1.2.840.10008.5.1.4.1.1.7.4";

    /** One image layout. */
    public record Layout(int bitsAllocated, int bitsStored, boolean signed, int samples, int frames, int rows, int columns) {
        @Override
        public String toString() {
            return bitsAllocated + "/" + bitsStored + (signed ? " signed" : " unsigned") + ", " + samples + " sample(s), "
                    + frames + " frame(s), " + columns + "x" + rows;
        }
    }

    public static final List<Layout> LAYOUTS = List.of(
            new Layout(8, 8, false, 1, 1, 23, 37),
            new Layout(8, 8, true, 1, 2, 16, 16),
            new Layout(8, 8, false, 3, 2, 19, 31),
            new Layout(16, 16, false, 1, 3, 32, 48),
            new Layout(16, 12, true, 1, 1, 21, 33),
            new Layout(16, 12, false, 1, 2, 64, 64),
            new Layout(16, 16, true, 3, 1, 17, 25));

    private GeneratedImages() {
    }

    public static Stream<Layout> layouts() {
        return LAYOUTS.stream();
    }

    /** Writes a random Explicit VR Little Endian image with this layout. */
    public static Path write(Layout l, long seed, Path file) throws Exception {
        Random random = new Random(seed);
        int bytes = l.bitsAllocated() / 8;
        int count = l.rows() * l.columns() * l.samples() * l.frames();
        byte[] pixels = new byte[count * bytes];
        long min = l.signed() ? -(1L << (l.bitsStored() - 1)) : 0;
        long range = 1L << l.bitsStored();
        long constant = min + random.nextInt((int) range);
        for (int i = 0; i < count; i++) {
            int row = i / (l.columns() * l.samples()) % l.rows();
            long v = row % 3 == 0 ? constant : min + (long) (random.nextDouble() * range);
            for (int b = 0; b < bytes; b++) {
                pixels[i * bytes + b] = (byte) (v >>> (8 * b));
            }
        }
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, sopClass(l));
        ds.setString(Tag.SOPInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.StudyInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.SeriesInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.Modality, VR.CS, "OT");
        ds.setInt(Tag.SamplesPerPixel, VR.US, l.samples());
        ds.setString(Tag.PhotometricInterpretation, VR.CS, l.samples() == 3 ? "RGB" : "MONOCHROME2");
        if (l.samples() == 3) {
            ds.setInt(Tag.PlanarConfiguration, VR.US, 0);
        }
        if (l.frames() > 1) {
            ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(l.frames()));
        }
        ds.setInt(Tag.Rows, VR.US, l.rows());
        ds.setInt(Tag.Columns, VR.US, l.columns());
        ds.setInt(Tag.BitsAllocated, VR.US, l.bitsAllocated());
        ds.setInt(Tag.BitsStored, VR.US, l.bitsStored());
        ds.setInt(Tag.HighBit, VR.US, l.bitsStored() - 1);
        ds.setInt(Tag.PixelRepresentation, VR.US, l.signed() ? 1 : 0);
        ds.setBytes(Tag.PixelData, l.bitsAllocated() == 8 ? VR.OB : VR.OW, pixels);
        DicomWriter.write(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return file;
    }

    /** gdcm refuses to write several frames into the single-frame Secondary Capture class. */
    private static String sopClass(Layout l) {
        if (l.frames() == 1) {
            return SECONDARY_CAPTURE;
        }
        if (l.samples() == 3) {
            return MULTI_FRAME_TRUE_COLOR_SC;
        }
        return l.bitsAllocated() == 8 ? MULTI_FRAME_BYTE_SC : MULTI_FRAME_WORD_SC;
    }

    /**
     * Encodes a random image of this layout with {@code encoder} (e.g. dcmcrle, gdcmconv --j2k), checks the tool
     * wrote {@code expected}, and asserts our canonical frames of the result equal the original's.
     */
    public static void roundTrip(Layout l, List<String> encoder, TransferSyntax expected, Path dir) throws Exception {
        assumeTrue(ExternalCodecs.installed(encoder.get(0)), encoder.get(0) + " is not installed; CI installs dcmtk and gdcm");
        Path original = write(l, l.hashCode() ^ encoder.hashCode(), dir.resolve("original.dcm"));
        ExternalCodecs.Result encoded = ExternalCodecs.convert(encoder, original, dir.resolve("encoded.dcm"));
        // gdcm 3.0 refuses some layouts (signed RGB for J2K, some odd sizes for RLE): not our failure
        assumeTrue(encoded.ok(), () -> "the encoder refuses this layout: " + encoded.describe());
        DicomFile ours = DicomReader.read(encoded.written());
        assertEquals(expected.uid(), ours.transferSyntaxUid(), "transfer syntax written by " + encoder);
        DicomFile source = DicomReader.read(original);
        FrameComparison c = FrameComparison.of(DecodedFrames.all(source), DecodedFrames.all(ours),
                ImagePixelDescription.from(source.dataset()));
        assertTrue(c.identical(), l + " through " + String.join(" ", encoder) + ": " + c);
    }
}
