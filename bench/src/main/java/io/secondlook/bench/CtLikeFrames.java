package io.secondlook.bench;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.UidGenerator;
import io.secondlook.dicom.VR;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import io.secondlook.dicom.pixel.PixelPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * 512×512 signed 16-bit CT-like frames (air, body, lungs, bone ring, noise) written by our DicomWriter, encoded by
 * the native tools, and the comparison the decode benchmarks print: our frames/s and MB/s beside the native
 * decoder's on the same multi-frame file (its process start-up measured on a one-frame file and subtracted).
 */
final class CtLikeFrames {
    static final int SIZE = 512;
    static final int FRAMES = 40;
    static final double FRAME_MB = SIZE * SIZE * 2 / 1e6;

    private CtLikeFrames() {
    }

    static short[] frame(long seed) {
        Random random = new Random(seed);
        short[] hu = new short[SIZE * SIZE];
        double c = SIZE / 2.0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double dx = (x - c) / (SIZE * 0.42);
                double dy = (y - c) / (SIZE * 0.32);
                double r = Math.sqrt(dx * dx + dy * dy);
                double v;
                if (r > 1) {
                    v = -1000;
                } else if (r > 0.93) {
                    v = 40 + 20 * Math.sin(x * 0.05);
                } else if (r > 0.86) {
                    v = 700 + 200 * Math.sin((x + y) * 0.02);
                } else if (Math.abs(dx) > 0.18 && Math.abs(dx) < 0.7 && Math.abs(dy) < 0.7) {
                    v = -820 + 30 * Math.sin(x * 0.1) * Math.cos(y * 0.1);
                } else {
                    v = 45 + 15 * Math.cos(y * 0.03);
                }
                hu[y * SIZE + x] = (short) Math.round(v + (r > 1 ? 0 : random.nextGaussian() * 12));
            }
        }
        return hu;
    }

    /** A native multi-frame CT-like file. */
    static Path writeNative(Path file, int frames) throws IOException {
        byte[] pixels = new byte[frames * SIZE * SIZE * 2];
        for (int f = 0; f < frames; f++) {
            short[] hu = frame(f);
            for (int i = 0; i < hu.length; i++) {
                int p = (f * hu.length + i) * 2;
                pixels[p] = (byte) hu[i];
                pixels[p + 1] = (byte) (hu[i] >> 8);
            }
        }
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7.3"); // multi-frame grayscale word SC
        ds.setString(Tag.SOPInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        ds.setInt(Tag.Rows, VR.US, SIZE);
        ds.setInt(Tag.Columns, VR.US, SIZE);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 16);
        ds.setInt(Tag.HighBit, VR.US, 15);
        ds.setInt(Tag.PixelRepresentation, VR.US, 1);
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        DicomWriter.write(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return file;
    }

    /** {@code tool... in out}; fails loudly when the tool is missing or refuses. */
    static Path convert(List<String> tool, Path in, Path out) {
        List<String> command = new ArrayList<>(tool);
        command.add(in.toString());
        command.add(out.toString());
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + tool.get(0) + " (install dcmtk and gdcm)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A native file of {@code frames} frames encoded with {@code encoder} in {@code dir}. */
    static Path encoded(Path dir, int frames, List<String> encoder) throws IOException {
        Path nativeFile = writeNative(dir.resolve("native-" + frames + ".dcm"), frames);
        return encoder.isEmpty() ? nativeFile : convert(encoder, nativeFile, dir.resolve("encoded-" + frames + ".dcm"));
    }

    /** Reads the file and decodes every frame through the pixel pipeline; returns a checksum to keep the work. */
    static long decodeAll(Path file) throws DicomException {
        return decodeAll(DicomReader.read(file));
    }

    static long decodeAll(DicomFile dicom) throws DicomException {
        int frames = ImagePixelDescription.from(dicom.dataset()).frames();
        long sum = 0;
        for (int f = 0; f < frames; f++) {
            sum += PixelPipeline.canonicalFrameBytes(dicom, f)[f];
        }
        return sum;
    }

    /**
     * Prints our throughput and the native decoder's on the same {@link #FRAMES}-frame file, best of
     * {@code runs}; the native tool's time on a one-frame file (start-up, header, I/O) is subtracted.
     */
    static void compare(String codec, List<String> encoder, List<String> nativeDecoder, int runs) throws Exception {
        Path dir = Files.createTempDirectory("sl-bench");
        Path many = encoded(dir, FRAMES, encoder);
        Path one = encoded(dir, 1, encoder);
        for (int i = 0; i < 3; i++) {
            decodeAll(many); // warm-up
        }
        double ours = best(runs, () -> decodeAll(many));
        DicomFile inMemory = DicomReader.read(many);
        double decodeOnly = best(runs, () -> decodeAll(inMemory));
        System.out.printf(Locale.ROOT, "%s, %d frames 512x512x16: ours (file read + decode) %.2f ms/frame, %.0f frames/s,"
                        + " %.1f MB/s; decode only %.2f ms/frame, %.0f frames/s, %.1f MB/s%n", codec, FRAMES,
                ours * 1e3 / FRAMES, FRAMES / ours, FRAMES * FRAME_MB / ours,
                decodeOnly * 1e3 / FRAMES, FRAMES / decodeOnly, FRAMES * FRAME_MB / decodeOnly);
        if (nativeDecoder.isEmpty()) {
            return;
        }
        double whole = best(runs, () -> convert(nativeDecoder, many, dir.resolve("out-many.dcm")));
        double startup = best(runs, () -> convert(nativeDecoder, one, dir.resolve("out-one.dcm")));
        double theirs = Math.max(whole - startup, 1e-9) * FRAMES / (FRAMES - 1);
        System.out.printf(Locale.ROOT, "%s: %s %.1f ms/frame, %.0f frames/s, %.1f MB/s (%.0f ms start-up excluded); "
                        + "ours/native throughput ratio %.2f%n", codec, String.join(" ", nativeDecoder),
                theirs * 1e3 / FRAMES, FRAMES / theirs, FRAMES * FRAME_MB / theirs, startup * 1e3, theirs / ours);
    }

    interface Work {
        Object run() throws Exception;
    }

    private static double best(int runs, Work work) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
