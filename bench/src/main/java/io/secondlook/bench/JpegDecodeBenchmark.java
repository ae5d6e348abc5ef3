package io.secondlook.bench;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.VR;
import io.secondlook.dicom.codec.EncapsulatedFrames;
import io.secondlook.dicom.codec.jpeg.JpegFrameDecoder;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import io.secondlook.testdata.DemoStudy;
import io.secondlook.testdata.DemoStudyGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JPEG decode of 512×512 CT frames (the synthetic demo chest CT, 64 slices in one multi-frame file) encoded by
 * dcmcjpeg: lossless SV1 at 16 bits, extended DCT at 12 bits, baseline at 8 bits. JMH measures frames/s of
 * {@link JpegFrameDecoder} ({@code java -jar bench/target/benchmarks.jar JpegDecodeBenchmark}); the main method
 * prints MB/s of decoded pixels beside dcmdjpeg on the same file (its start-up, timed on a one-frame file,
 * subtracted) and beside TwelveMonkeys' ImageIO reader where that reads the process:
 * {@code java -cp bench/target/benchmarks.jar io.secondlook.bench.JpegDecodeBenchmark [RUNS]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class JpegDecodeBenchmark {

    /** A dcmcjpeg encoding and the Bits Stored it is applied to. */
    public enum Variant {
        LOSSLESS_SV1_16(16, "+e1"),
        EXTENDED_12(12, "+ee"),
        BASELINE_8(12, "+eb");

        final int bitsStored;
        final String option;

        Variant(int bitsStored, String option) {
            this.bitsStored = bitsStored;
            this.option = option;
        }
    }

    @Param({"LOSSLESS_SV1_16", "EXTENDED_12", "BASELINE_8"})
    public Variant variant;

    private Encoded encoded;
    private int frame;
    private final JpegFrameDecoder decoder = new JpegFrameDecoder();

    record Encoded(Path file, ImagePixelDescription image, List<byte[]> frames) {
        double frameMegabytes() {
            return image.canonicalFrameLength() / 1e6;
        }
    }

    @Setup
    public void setUp() throws IOException, DicomException, InterruptedException {
        encoded = encode(ctSeries(Files.createTempDirectory("sl-jpeg-bench")), variant, FRAMES);
    }

    @Benchmark
    public byte[] decodeFrame() throws DicomException {
        frame = (frame + 1) % encoded.frames().size();
        return decoder.decode(encoded.frames().get(frame), encoded.image());
    }

    static final int FRAMES = 64;

    static List<Path> ctSeries(Path dir) throws IOException {
        DemoStudy study = new DemoStudyGenerator().writeTo(dir.resolve("study"));
        return study.ct().files();
    }

    /** The first {@code frames} CT slices as one multi-frame file, encoded by dcmcjpeg. */
    static Encoded encode(List<Path> slices, Variant variant, int frames)
            throws IOException, DicomException, InterruptedException {
        Path dir = slices.get(0).getParent();
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        Dataset ds = null;
        for (Path slice : slices.subList(0, frames)) {
            Dataset d = DicomReader.read(slice).dataset();
            pixels.writeBytes(d.getBytes(Tag.PixelData));
            if (ds == null) {
                ds = d.copy();
            }
        }
        ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        ds.setInt(Tag.BitsStored, VR.US, variant.bitsStored);
        ds.setInt(Tag.HighBit, VR.US, variant.bitsStored - 1);
        ds.setBytes(Tag.PixelData, VR.OW, pixels.toByteArray());
        Path nativeFile = dir.resolve("native-" + variant + "-" + frames + ".dcm");
        DicomWriter.write(nativeFile, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path out = dir.resolve("jpeg-" + variant + "-" + frames + ".dcm");
        run("dcmcjpeg", variant.option, nativeFile.toString(), out.toString());
        DicomFile file = DicomReader.read(out);
        ImagePixelDescription image = ImagePixelDescription.from(file.dataset());
        EncapsulatedPixelData data = (EncapsulatedPixelData) file.dataset().get(Tag.PixelData).value();
        return new Encoded(out, image, EncapsulatedFrames.split(data, image.frames(), null));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    interface Work {
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

    private static String rate(String who, double seconds, Encoded e) {
        int n = e.frames().size();
        return String.format(Locale.ROOT, "%s %.2f ms/frame, %.0f frames/s, %.1f MB/s", who, seconds * 1e3 / n,
                n / seconds, n * e.frameMegabytes() / seconds);
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Path> slices = ctSeries(Files.createTempDirectory("sl-jpeg-bench"));
        JpegFrameDecoder decoder = new JpegFrameDecoder();
        for (Variant variant : Variant.values()) {
            Encoded many = encode(slices, variant, FRAMES);
            Encoded one = encode(slices, variant, 1);
            Work ours = () -> {
                for (byte[] f : many.frames()) {
                    decoder.decode(f, many.image());
                }
            };
            best(3, ours);
            double oursSeconds = best(runs, ours);
            Path out = many.file().resolveSibling("dcmdjpeg-out.dcm");
            double whole = best(runs, () -> run("dcmdjpeg", many.file().toString(), out.toString()));
            double startup = best(runs, () -> run("dcmdjpeg", one.file().toString(), out.toString()));
            double theirs = Math.max(whole - startup, 1e-9) * FRAMES / (FRAMES - 1);
            List<String> line = new ArrayList<>(List.of(rate("ours", oursSeconds, many),
                    rate("dcmdjpeg", theirs, many), String.format(Locale.ROOT, "ratio %.2f", theirs / oursSeconds)));
            double imageIo = twelveMonkeys(many, runs);
            if (imageIo > 0) {
                line.add(rate("TwelveMonkeys ImageIO", imageIo, many));
            }
            System.out.printf(Locale.ROOT, "%s (%d frames 512x512, %.0f ms dcmdjpeg start-up excluded): %s%n",
                    variant, FRAMES, startup * 1e3, String.join("; ", line));
        }
    }

    /** Seconds for TwelveMonkeys' JPEGImageReader to read every frame's raster, or -1 where it cannot. */
    private static double twelveMonkeys(Encoded e, int runs) throws Exception {
        Work work = () -> {
            for (byte[] f : e.frames()) {
                ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
                reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(f)));
                reader.readRaster(0, null);
                reader.dispose();
            }
        };
        try {
            best(3, work);
        } catch (IOException unsupported) {
            return -1;
        }
        return best(runs, work);
    }
}
