package io.secondlook.bench;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
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
 * JPEG-LS lossless decode of 512×512 signed 16-bit CT-like frames (encoded by dcmcjpls) with {@link JpegLsDecoder}
 * alone, without the pixel pipeline: frames/s, × 0.524 MB per frame for MB/s.
 * JMH: {@code java -jar bench/target/benchmarks.jar JpegLsDecodeBenchmark}. Beside dcmdjpls (CharLS) on the same
 * file in the same run, through the pipeline, and in CPU time:
 * {@code java -cp bench/target/benchmarks.jar io.secondlook.bench.JpegLsDecodeBenchmark [RUNS]} (target ≥ 0.5).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class JpegLsDecodeBenchmark {
    static final List<String> ENCODER = List.of("dcmcjpls");
    static final List<String> NATIVE_DECODER = List.of("dcmdjpls");
    private static final String TIME = "/usr/bin/time";

    private List<byte[]> codestreams;
    private ImagePixelDescription image;
    private int frame;

    @Setup
    public void setUp() throws IOException, DicomException {
        load(CtLikeFrames.encoded(Files.createTempDirectory("sl-bench"), CtLikeFrames.FRAMES, ENCODER));
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

    public static void main(String[] args) throws Exception {
        CtLikeFrames.compare("JPEG-LS lossless", ENCODER, NATIVE_DECODER, args.length > 0 ? Integer.parseInt(args[0]) : 5);
        if (Files.isExecutable(Path.of(TIME))) {
            compareCpuTime();
        }
    }

    /** CPU time, steadier than wall time on a shared machine: our decoder alone against dcmdjpls's user + system time. */
    private static void compareCpuTime() throws Exception {
        Path dir = Files.createTempDirectory("sl-bench");
        Path many = CtLikeFrames.encoded(dir, CtLikeFrames.FRAMES, ENCODER);
        Path one = CtLikeFrames.encoded(dir, 1, ENCODER);
        JpegLsDecodeBenchmark bench = new JpegLsDecodeBenchmark();
        bench.load(many);
        for (int i = 0; i < 10 * CtLikeFrames.FRAMES; i++) {
            bench.decodeFrame(); // warm-up
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < CtLikeFrames.FRAMES; i++) {
            bench.decodeFrame();
        }
        double ours = (threads.getCurrentThreadCpuTime() - start) / 1e9 / CtLikeFrames.FRAMES;
        double theirs = (cpuSeconds(many, dir) - cpuSeconds(one, dir)) / (CtLikeFrames.FRAMES - 1);
        System.out.printf(Locale.ROOT, "JPEG-LS CPU time per frame: JpegLsDecoder %.2f ms (%.1f MB/s), dcmdjpls %.2f ms "
                + "(%.1f MB/s); ours/CharLS %.2f%n", ours * 1e3, CtLikeFrames.FRAME_MB / ours, theirs * 1e3,
                CtLikeFrames.FRAME_MB / theirs, theirs / ours);
    }

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
}
