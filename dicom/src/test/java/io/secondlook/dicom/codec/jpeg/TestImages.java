package io.secondlook.dicom.codec.jpeg;

import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.VR;
import io.secondlook.dicom.codec.GeneratedImages;
import io.secondlook.dicom.codec.GeneratedImages.Layout;
import java.nio.file.Path;
import java.util.Random;

/**
 * Images for the JPEG tests: a {@link GeneratedImages} file whose pixels are replaced by a smooth field with hard
 * checker edges plus noise, so the DCT paths meet long zero runs as well as clamping.
 */
record TestImages(String name, Layout layout, long seed) {

    static TestImages gray8(int rows, int columns, long seed) {
        return new TestImages("gray8", new Layout(8, 8, false, 1, 1, rows, columns), seed);
    }

    static TestImages rgb8(int rows, int columns, long seed) {
        return new TestImages("rgb8", new Layout(8, 8, false, 3, 1, rows, columns), seed);
    }

    static TestImages gray(int bitsStored, int rows, int columns, int frames, long seed) {
        return new TestImages("gray" + bitsStored, new Layout(16, bitsStored, false, 1, frames, rows, columns), seed);
    }

    static TestImages signed16(int rows, int columns, long seed) {
        return new TestImages("signed16", new Layout(16, 16, true, 1, 1, rows, columns), seed);
    }

    @Override
    public String toString() {
        return name + " " + layout;
    }

    /** Raw samples as stored: interleaved, little-endian, frames one after another. */
    byte[] pixels() {
        Layout l = layout;
        Random random = new Random(seed);
        int bytes = l.bitsAllocated() / 8;
        int max = (1 << l.bitsStored()) - 1;
        byte[] out = new byte[l.rows() * l.columns() * l.samples() * bytes * l.frames()];
        int i = 0;
        for (int f = 0; f < l.frames(); f++) {
            for (int y = 0; y < l.rows(); y++) {
                for (int x = 0; x < l.columns(); x++) {
                    for (int c = 0; c < l.samples(); c++) {
                        int v = sample(random, f, y, x, c, max);
                        if (l.signed()) {
                            v -= 1 << (l.bitsStored() - 1);
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
        double smooth = 0.5 + 0.3 * Math.sin((x + 7.0 * c + 3 * frame) / (layout.columns() / 6.0 + 1))
                * Math.cos((y - 5.0 * c) / (layout.rows() / 5.0 + 1));
        if (((x / 9) + (y / 7)) % 5 == 0) {
            smooth = (x + y + c) % 2 == 0 ? 1.0 : 0.0; // hard checker edges: extreme IDCT overshoot, 16-bit jumps
        }
        double noise = (random.nextDouble() - 0.5) * 0.12;
        long v = Math.round((smooth + noise) * max);
        return (int) Math.max(0, Math.min(max, v));
    }

    /** Writes the image uncompressed (Explicit VR Little Endian) into {@code dir}. */
    Path write(Path dir) throws Exception {
        Path file = dir.resolve(name + "_" + layout.rows() + "x" + layout.columns() + ".dcm");
        DicomFile generated = DicomReader.read(GeneratedImages.write(layout, seed, file));
        generated.dataset().setBytes(Tag.PixelData, layout.bitsAllocated() == 8 ? VR.OB : VR.OW, pixels());
        DicomWriter.write(file, generated.fileMeta(), generated.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return file;
    }
}
