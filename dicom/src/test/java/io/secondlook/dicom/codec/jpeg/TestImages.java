package io.secondlook.dicom.codec.jpeg;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.UidGenerator;
import io.secondlook.dicom.VR;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Uncompressed Secondary Capture images made at test time: a smooth field with edges plus noise (so the lossy
 * paths meet clamping), written as Explicit VR Little Endian for dcmcjpeg and gdcmconv to encode.
 */
record TestImages(String name, int rows, int columns, int samples, int bitsAllocated, int bitsStored, boolean signed,
                  int frames, long seed) {
    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

    static TestImages gray8(int rows, int columns, long seed) {
        return new TestImages("gray8", rows, columns, 1, 8, 8, false, 1, seed);
    }

    static TestImages rgb8(int rows, int columns, long seed) {
        return new TestImages("rgb8", rows, columns, 3, 8, 8, false, 1, seed);
    }

    static TestImages gray(int bitsStored, int rows, int columns, int frames, long seed) {
        return new TestImages("gray" + bitsStored, rows, columns, 1, 16, bitsStored, false, frames, seed);
    }

    static TestImages signed16(int rows, int columns, long seed) {
        return new TestImages("signed16", rows, columns, 1, 16, 16, true, 1, seed);
    }

    /** Raw samples as stored: interleaved, little-endian, frames one after another. */
    byte[] pixels() {
        Random random = new Random(seed);
        int bytes = bitsAllocated / 8;
        int max = (1 << bitsStored) - 1;
        byte[] out = new byte[rows * columns * samples * bytes * frames];
        int i = 0;
        for (int f = 0; f < frames; f++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    for (int c = 0; c < samples; c++) {
                        int v = sample(random, f, y, x, c, max);
                        if (signed) {
                            v -= 1 << (bitsStored - 1);
                        }
                        out[i++] = (byte) v;
                        if (bytes == 2) {
                            out[i++] = (byte) (v >> 8);
                        }
                    }
                }
            }
        }
        return out;
    }

    private int sample(Random random, int frame, int y, int x, int c, int max) {
        double smooth = 0.5 + 0.3 * Math.sin((x + 7.0 * c + 3 * frame) / (columns / 6.0 + 1))
                * Math.cos((y - 5.0 * c) / (rows / 5.0 + 1));
        if (((x / 9) + (y / 7)) % 5 == 0) {
            smooth = (x + y + c) % 2 == 0 ? 1.0 : 0.0; // hard checker edges: extreme IDCT overshoot, 16-bit jumps
        }
        double noise = (random.nextDouble() - 0.5) * 0.12;
        long v = Math.round((smooth + noise) * max);
        return (int) Math.max(0, Math.min(max, v));
    }

    Path write(Path dir) throws IOException {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, SECONDARY_CAPTURE);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.StudyInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.SeriesInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.Modality, VR.CS, "OT");
        ds.setInt(Tag.SamplesPerPixel, VR.US, samples);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, samples == 3 ? "RGB" : "MONOCHROME2");
        if (samples == 3) {
            ds.setInt(Tag.PlanarConfiguration, VR.US, 0);
        }
        if (frames > 1) {
            ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        }
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, columns);
        ds.setInt(Tag.BitsAllocated, VR.US, bitsAllocated);
        ds.setInt(Tag.BitsStored, VR.US, bitsStored);
        ds.setInt(Tag.HighBit, VR.US, bitsStored - 1);
        ds.setInt(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
        ds.setBytes(Tag.PixelData, bitsAllocated == 8 ? VR.OB : VR.OW, pixels());
        Path file = dir.resolve(name + "_" + rows + "x" + columns + ".dcm");
        DicomWriter.write(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return file;
    }
}
