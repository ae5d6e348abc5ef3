package io.secondlook.bench;

import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.nifti.NiftiReader;
import io.secondlook.inference.segment.SegmentationModel;
import io.secondlook.inference.segment.SegmentationResult;
import io.secondlook.inference.segment.VolumeSegmenter;
import io.secondlook.inference.volume.Volume;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The brainchop MeshNet grey/white-matter model on its 256³ T1 (shared corpus), CPU, whole volume: end-to-end
 * {@link VolumeSegmenter#segment} (reorientation, scaling, network, argmax, entropy, counts).
 *
 * <p>JMH: {@code java -Dsecondlook.shared=../shared -jar bench/target/benchmarks.jar SegmentationBenchmark}.
 * Seconds and peak memory in one JVM: {@code java -cp bench/target/benchmarks.jar
 * io.secondlook.bench.SegmentationBenchmark [SHARED_DIR] [RUNS] [THREADS]}, which prints per run the total and
 * network seconds and the process CPU seconds (less sensitive to a busy machine), then the peak Java heap in use
 * (sampled every 20 ms) and the process's peak resident memory (VmHWM: Java heap plus ONNX Runtime's buffers).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class SegmentationBenchmark {

    @Param({"2"})
    public int threads;

    private Path packageDir;
    private VolumeSegmenter segmenter;
    private Volume t1;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path shared = Path.of(System.getProperty("secondlook.shared", "../shared"));
        packageDir = Files.createTempDirectory("brainchop-bench");
        segmenter = VolumeSegmenter.open(brainchop(shared, packageDir), threads);
        t1 = NiftiReader.read(corpus(shared).resolve("t1_crop.nii.gz"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        segmenter.close();
        deletePackage(packageDir);
    }

    @Benchmark
    public SegmentationResult segment256() {
        return segmenter.segment(t1);
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : System.getProperty("secondlook.shared", "../shared"));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Path dir = Files.createTempDirectory("brainchop-bench");
        Volume t1 = NiftiReader.read(corpus(shared).resolve("t1_crop.nii.gz"));
        try (VolumeSegmenter segmenter = VolumeSegmenter.open(brainchop(shared, dir), threads)) {
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                long cpuStart = os.getProcessCpuTime();
                SegmentationResult r = segmenter.segment(t1);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
                System.out.printf(Locale.ROOT, "run %d: %.2f s total, %.2f s network, %.2f s process CPU, %d threads;"
                        + " WM %d GM %d voxels%n", run, seconds, r.inferenceSeconds(), cpu, threads,
                        r.classes().get(1).voxels(), r.classes().get(2).voxels());
            }
        } finally {
            deletePackage(dir);
        }
        sampler.interrupt();
        System.out.printf(Locale.ROOT, "peak Java heap used %.0f MiB (max %d MiB); peak resident %s%n",
                peakHeap.get() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576, vmHwm());
    }

    private static Path corpus(Path shared) {
        return shared.resolve("corpus/model/brainchop_meshnet_gwm_onnx");
    }

    /** The corpus model with a card written here: the model is a test asset, not a shipped package. */
    private static SegmentationModel brainchop(Path shared, Path dir) throws IOException {
        Path model = Files.copy(corpus(shared).resolve("model.onnx"), dir.resolve(ModelPackage.MODEL_FILE));
        Files.writeString(dir.resolve(ModelPackage.CARD_FILE), CARD.replace("SHA256", ModelPackage.sha256(model)));
        return SegmentationModel.load(dir, dir);
    }

    private static void deletePackage(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(ModelPackage.MODEL_FILE));
        Files.deleteIfExists(dir.resolve(ModelPackage.CARD_FILE));
        Files.deleteIfExists(dir);
    }

    private static final String CARD = """
            {"id": "brainchop-meshnet-gwm", "version": "1.0.0", "name": "brainchop MeshNet GWM (benchmark)",
             "task": "segmentation", "modality": ["MR"], "bodyPart": "BRAIN",
             "input": {"name": "input", "shape": [1, 1, 256, 256, 256], "dtype": "float32", "layout": "NCDHW",
                       "spatial": "3d-volume", "width": 256, "height": 256, "depth": 256, "channels": 1,
                       "orientation": "LIA", "spacingMm": [1, 1, 1]},
             "preprocessing": {"intensity": "minMax"},
             "outputs": [{"name": "output", "shape": [1, 3, 256, 256, 256], "meaning": "logits"}],
             "labels": ["background", "white matter", "grey matter"],
             "labelColors": [[0, 0, 0], [255, 255, 255], [205, 62, 78]],
             "intendedUse": "benchmark", "trainingData": {"name": "not published"}, "metrics": {},
             "licence": "MIT", "sha256": "SHA256"}
            """;

    private static String vmHwm() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).map(l -> l.replaceAll("\\s+", " ").substring(7))
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
