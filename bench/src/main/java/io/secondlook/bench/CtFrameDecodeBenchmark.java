package io.secondlook.bench;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.pixel.PixelPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
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
 * Decodes the frames of a {@link CtLikeFrames#FRAMES}-frame 512×512 16-bit CT-like file, one frame per call,
 * through the pixel pipeline (frames/s; × 0.524 MB per frame gives MB/s). Subclasses name the encoder; they
 * inherit the JMH settings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public abstract class CtFrameDecodeBenchmark {
    private DicomFile file;
    private int frame;

    /** The tool that writes the benchmarked transfer syntax from the native file; empty for native. */
    protected abstract List<String> encoder();

    @Setup
    public void setUp() throws IOException, DicomException {
        file = DicomReader.read(CtLikeFrames.encoded(Files.createTempDirectory("sl-bench"), CtLikeFrames.FRAMES, encoder()));
    }

    @Benchmark
    public byte[] decodeFrame() throws DicomException {
        frame = (frame + 1) % CtLikeFrames.FRAMES;
        return PixelPipeline.canonicalFrameBytes(file, frame);
    }
}
