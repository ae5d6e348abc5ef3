package io.secondlook.bench;

import io.secondlook.dicom.Dataset;
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
import io.secondlook.dicom.codec.jpegls.JpegLsDecoder;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JPEG-LS lossless decode of 512×512 signed 16-bit CT-like frames (encoded by dcmcjpls) with {@link JpegLsDecoder}:
 * frames/s, × 0.524 MB per frame for MB/s. JMH: {@code java -jar bench/target/benchmarks.jar JpegLsDecodeBenchmark}.
 * Beside dcmdjpls (CharLS) on the same file in the same run:
 * {@code java -cp bench/target/benchmarks.jar io.secondlook.bench.JpegLsDecodeBenchmark [RUNS]} (target ratio ≥ 0.5).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class JpegLsDecodeBenchmark {
    static final int SIZE = 512;
    static final int FRAMES = 40;
    static final double FRAME_MB = SIZE * SIZE * 2 / 1e6;

    private List<byte[]> codestreams;
    private ImagePixelDescription image;
    private int frame;

    @Setup
    public void setUp() throws IOException, InterruptedException, DicomException {
        Path dir = Files.createTempDirectory("sl-jls-bench");
        load(encode(dir, FRAMES));
    }

    @Benchmark
    public byte[] decodeFrame() throws DicomException {
        frame = (frame + 1) % codestreams.size();
        return new JpegLsDecoder().decode(codestreams.get(frame), image);
    }

    private void load(Path encoded) throws DicomException {
        DicomFile dicom = DicomReader.read(encoded);
        image = ImagePixelDescription.from(dicom.dataset());
        codestreams = EncapsulatedFrames.split((EncapsulatedPixelData) dicom.dataset().get(Tag.PixelData).value(),
                image.frames(), null);
    }

    /** Soft tissue ellipse with lungs, a bone ring and Gaussian noise, in noisy air: a CT slice's statistics. */
    static short[] ctSlice(long seed) {
        Random random = new Random(seed);
        short[] hu = new short[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            double ey = (y - SIZE / 2.0) / (SIZE * 0.34);
            for (int x = 0; x < SIZE; x++) {
                double ex = (x - SIZE / 2.0) / (SIZE * 0.44);
                double radius = Math.hypot(ex, ey);
                double lung = Math.hypot((Math.abs(ex) - 0.45) / 0.3, ey / 0.65);
                double value;
                if (radius > 1) {
                    value = -1000 + random.nextGaussian() * 6;
                } else if (radius > 0.9) {
                    value = 650 + 150 * Math.cos(seed + x * 0.03) + random.nextGaussian() * 15;
                } else if (lung < 1) {
                    value = -830 + 25 * Math.sin(y * 0.09 + seed) + random.nextGaussian() * 15;
                } else {
                    value = 40 + 12 * Math.sin(x * 0.02) + random.nextGaussian() * 10;
                }
                hu[y * SIZE + x] = (short) Math.round(value);
            }
        }
        return hu;
    }

    /** A {@code frames}-frame signed 16-bit file, encoded with dcmcjpls (lossless). */
    static Path encode(Path dir, int frames) throws IOException, InterruptedException {
        byte[] pixels = new byte[frames * SIZE * SIZE * 2];
        for (int f = 0; f < frames; f++) {
            short[] hu = ctSlice(f);
            for (int i = 0; i < hu.length; i++) {
                pixels[2 * (f * hu.length + i)] = (byte) hu[i];
                pixels[2 * (f * hu.length + i) + 1] = (byte) (hu[i] >> 8);
            }
        }
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, SIZE);
        ds.setInt(Tag.Columns, VR.US, SIZE);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 16);
        ds.setInt(Tag.HighBit, VR.US, 15);
        ds.setInt(Tag.PixelRepresentation, VR.US, 1);
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        Path raw = dir.resolve("ct-" + frames + ".dcm");
        DicomWriter.write(raw, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return tool(dir, "dcmcjpls", raw, dir.resolve("ct-" + frames + ".jls.dcm"));
    }

    private static Path tool(Path dir, String name, Path in, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(name, in.toString(), out.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(name + " failed (is dcmtk installed?): " + output);
        }
        return out;
    }

    /**
     * Prints our frames/s and MB/s and dcmdjpls's on the same {@link #FRAMES}-frame file, best of the runs;
     * dcmdjpls's time on a one-frame file (start-up, parsing, writing) is subtracted from its time.
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("sl-jls-bench");
        Path many = encode(dir, FRAMES);
        Path one = encode(dir, 1);
        JpegLsDecodeBenchmark bench = new JpegLsDecodeBenchmark();
        bench.load(many);
        for (int i = 0; i < 10 * FRAMES; i++) {
            bench.decodeFrame(); // warm-up
        }
        double ours = best(runs, () -> {
            for (int i = 0; i < FRAMES; i++) {
                bench.decodeFrame();
            }
        });
        long compressed = bench.codestreams.stream().mapToLong(c -> c.length).sum();
        System.out.printf(Locale.ROOT, "JPEG-LS lossless, %d frames 512x512x16 (ratio %.2f): ours %.2f ms/frame, %.0f frames/s, %.1f MB/s%n",
                FRAMES, FRAMES * FRAME_MB * 1e6 / compressed, ours * 1e3 / FRAMES, FRAMES / ours, FRAMES * FRAME_MB / ours);
        double whole = best(runs, () -> tool(dir, "dcmdjpls", many, dir.resolve("out-many.dcm")));
        double startup = best(runs, () -> tool(dir, "dcmdjpls", one, dir.resolve("out-one.dcm")));
        double theirs = Math.max(whole - startup, 1e-9) * FRAMES / (FRAMES - 1);
        System.out.printf(Locale.ROOT, "dcmdjpls (CharLS): %.2f ms/frame, %.0f frames/s, %.1f MB/s (%.0f ms start-up excluded); "
                + "ours/CharLS throughput %.2f%n", theirs * 1e3 / FRAMES, FRAMES / theirs, FRAMES * FRAME_MB / theirs,
                startup * 1e3, theirs / ours);
        if (Files.isExecutable(Path.of(TIME))) {
            // CPU time is steadier than wall time on a shared machine
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < FRAMES; i++) {
                bench.decodeFrame();
            }
            double oursCpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double theirsCpu = (cpuSeconds(many, dir) - cpuSeconds(one, dir)) * FRAMES / (FRAMES - 1);
            System.out.printf(Locale.ROOT, "CPU time: ours %.2f ms/frame, dcmdjpls %.2f ms/frame; ours/CharLS %.2f%n",
                    oursCpu * 1e3 / FRAMES, theirsCpu * 1e3 / FRAMES, theirsCpu / oursCpu);
        }
    }

    private static final String TIME = "/usr/bin/time";

    /** User + system seconds of one dcmdjpls run, as GNU time reports them. */
    private static double cpuSeconds(Path in, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(TIME, "-f", "CPU %U %S", "dcmdjpls", in.toString(), dir.resolve("out-cpu.dcm").toString())
                .redirectErrorStream(true).start();
        String[] lines = new String(p.getInputStream().readAllBytes()).strip().split("\\R");
        if (p.waitFor() != 0 || !lines[lines.length - 1].startsWith("CPU ")) {
            throw new IllegalStateException("dcmdjpls under " + TIME + " failed: " + String.join("\n", lines));
        }
        String[] fields = lines[lines.length - 1].split(" ");
        return Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]);
    }

    private interface Work {
        void run() throws Exception;
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
