package io.secondlook.bench;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.codec.EncapsulatedFrames;
import io.secondlook.dicom.codec.jpeg.JpegFrameDecoder;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
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
 * JPEG decode of 512×512 signed 16-bit CT-like frames ({@link CtLikeFrames}) encoded by dcmcjpeg: lossless SV1 at 16
 * bits, extended DCT at 12 bits, baseline at 8 bits. JMH ({@code java -jar bench/target/benchmarks.jar
 * JpegDecodeBenchmark}) gives frames/s of our {@link JpegFrameDecoder} and, for the processes it reads, of
 * TwelveMonkeys' ImageIO JPEG reader on the same codestreams (× 0.524 MB per 16-bit frame, 0.262 MB per 8-bit
 * frame, for MB/s). Beside dcmdjpeg on the same file in the same run, through the pixel pipeline:
 * {@code java -cp bench/target/benchmarks.jar io.secondlook.bench.JpegDecodeBenchmark [RUNS] [ROUNDS]}: best of RUNS,
 * then the medians of ROUNDS alternating rounds by wall and CPU time ({@link PairedDecodeComparison}); target ratio
 * ≥ 0.7 for lossless and 12-bit extended.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class JpegDecodeBenchmark {
    static final List<String> NATIVE_DECODER = List.of("dcmdjpeg");

    /** dcmcjpeg processes: lossless at the data's 16 bits, DCT scaled to 12 and 8 bits. */
    public enum Encoding {
        LOSSLESS_SV1_16("+e1"), EXTENDED_12("+ee"), BASELINE_8("+eb");

        final String option;

        Encoding(String option) {
            this.option = option;
        }
    }

    /** The frames' codestreams, split once so that only decoding is timed. */
    public abstract static class Frames {
        List<byte[]> codestreams;
        ImagePixelDescription image;
        int frame;

        void load(Encoding encoding) throws IOException, DicomException {
            DicomFile dicom = DicomReader.read(CtLikeFrames.encoded(Files.createTempDirectory("sl-jpeg-bench"),
                    CtLikeFrames.FRAMES, List.of("dcmcjpeg", encoding.option)));
            image = ImagePixelDescription.from(dicom.dataset());
            codestreams = EncapsulatedFrames.split((EncapsulatedPixelData) dicom.dataset().get(Tag.PixelData).value(),
                    image.frames(), null);
        }

        byte[] next() {
            frame = (frame + 1) % codestreams.size();
            return codestreams.get(frame);
        }
    }

    @State(Scope.Benchmark)
    public static class OurFrames extends Frames {
        @Param({"LOSSLESS_SV1_16", "EXTENDED_12", "BASELINE_8"})
        public Encoding encoding;
        final JpegFrameDecoder decoder = new JpegFrameDecoder();

        @Setup
        public void setUp() throws IOException, DicomException {
            load(encoding);
        }
    }

    /** TwelveMonkeys (the JDK's libjpeg for DCT) cannot read 12-bit DCT, so it runs on the other two. */
    @State(Scope.Benchmark)
    public static class ImageIoFrames extends Frames {
        @Param({"LOSSLESS_SV1_16", "BASELINE_8"})
        public Encoding encoding;

        @Setup
        public void setUp() throws IOException, DicomException {
            load(encoding);
        }
    }

    @Benchmark
    public byte[] ours(OurFrames frames) throws DicomException {
        return frames.decoder.decode(frames.next(), frames.image);
    }

    @Benchmark
    public Raster twelveMonkeys(ImageIoFrames frames) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try {
            reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(frames.next())));
            return reader.readRaster(0, null);
        } finally {
            reader.dispose();
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        for (Encoding encoding : List.of(Encoding.LOSSLESS_SV1_16, Encoding.EXTENDED_12)) {
            CtLikeFrames.compare("JPEG " + encoding, List.of("dcmcjpeg", encoding.option), NATIVE_DECODER, runs);
            PairedDecodeComparison.run("JPEG " + encoding, List.of("dcmcjpeg", encoding.option), NATIVE_DECODER, rounds);
        }
    }
}
