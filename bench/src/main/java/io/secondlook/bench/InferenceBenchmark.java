package io.secondlook.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.pixel.PixelPipeline;
import io.secondlook.dicom.pixel.VoiLut;
import io.secondlook.inference.classify.Classification;
import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.classify.SeriesClassification;
import io.secondlook.inference.classify.SeriesClassifier;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelRegistry;
import io.secondlook.inference.runtime.OnnxSession;
import io.secondlook.inference.runtime.RuntimeOptions;
import io.secondlook.inference.saliency.OcclusionSensitivity;
import io.secondlook.inference.saliency.SaliencyMap;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * The bundled classifier (pneumonia-demo, 28x28) on the CPU, each of our paths against raw ONNX Runtime on the
 * same {@link OrtSession} and the same input:
 * <ul>
 * <li>{@code forward*}: {@link ImageClassifier#forward} vs {@code rawForward*} (tensor, run, copy out the same
 *     outputs), a batch of 16: Java-side overhead (target at most 5%).</li>
 * <li>{@code occlusion} (MONAI-style defaults: 36 occluded copies + the original, one batch) vs
 *     {@code occlusionBareBatch} (the same 37 inputs as one raw batch): target at most 1.2x.</li>
 * <li>{@code cam} vs {@code plainForward}: target at most 1.05x. Both are one pass of the same preprocessed 28x28
 *     image through {@code OnnxSession.runPinned} (input copied into a pooled direct buffer, ONNX Runtime writing
 *     the fetched outputs into pooled pre-allocated direct buffers). {@code cam}
 *     ({@link ImageClassifier#cam(float[], int, int, int)}, what {@code CamMethod} runs) fetches the probabilities
 *     and the 128x7x7 feature map and computes the CAM on the 28x28 input grid reading the feature map in place;
 *     {@code plainForward} ({@link ImageClassifier#forward} without features) fetches the probabilities only and
 *     copies them to a {@code float[]}. Its parts, each against {@code plainForward}: {@code camFetch} (the pass
 *     fetching the feature map too, nothing computed) and {@code camStep} (the work after the pass; its ratio is
 *     its share of a pass).</li>
 * <li>Series, pre/post-processing share = (end-to-end − network only) / end-to-end = 1 − 1/ratio, target at most
 *     20%. End-to-end starts from decoded display images ({@link GrayImage}, 512x512 floats in [0,1]) and ends
 *     with every image's {@link Classification} and CAM (on the model's 28x28 input grid; upsampling to the
 *     image is left to whoever displays it). Network only = raw ONNX Runtime on the same preprocessed tensors,
 *     on a session of the model file as shipped, copying out both its outputs (probabilities, feature map).
 *     {@code series512}: {@link ImageClassifier#classifyBatch} of 16 images vs {@code seriesNetwork16};
 *     {@code seriesSequential64} / {@code seriesOverlapped64}: {@link SeriesClassifier} over 64 images in batches
 *     of 16, preprocessing in line or on one worker overlapping the network, vs {@code seriesNetwork64}.
 *     Reading and decoding the DICOM frames is not in these figures: {@code load16} reads 16 single-frame 512x512
 *     CT files and decodes them to display images (as {@code secondlook infer} does), against
 *     {@code seriesNetwork16}.</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar InferenceBenchmark -f 1 -wi 3 -i 5}. On a shared, loaded
 * machine JMH's separate measurement windows see different loads; {@link #main} instead alternates each pair in
 * one JVM (A B B A …) and prints the median times and the median of the per-round ratios:
 * {@code java -cp bench/target/benchmarks.jar io.secondlook.bench.InferenceBenchmark [ROUNDS] [THREADS]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InferenceBenchmark {

    private static final int BATCH = 16;

    @Param({"2"})
    public int threads;

    private ImageClassifier classifier;
    private OrtSession session;
    private OrtEnvironment env;
    private float[] batch16;
    private float[] one;
    private float[] occlusionInputs;
    private GrayImage image28;
    private List<GrayImage> series512;
    private List<GrayImage> series64;
    private List<float[]> seriesTensors;
    private List<Path> ctFiles;
    private int occlusionCount;
    private OnnxSession shipped;
    private ImageClassifier.Forward oneWithFeatures;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        classifier = ImageClassifier.open(ModelRegistry.bundled(Files.createTempDirectory("bench-models"))
                .require("pneumonia-demo"), RuntimeOptions.cpu(threads));
        // The baselines that stand for "the network" run the package's model file in a session of their own.
        shipped = OnnxSession.open(classifier.modelPackage().modelFile(), RuntimeOptions.cpu(threads));
        session = shipped.ortSession();
        env = shipped.environment();
        SplittableRandom r = new SplittableRandom(42);
        batch16 = new float[BATCH * 784];
        for (int i = 0; i < batch16.length; i++) {
            batch16[i] = (float) r.nextGaussian();
        }
        float[] px = new float[784];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextDouble();
        }
        image28 = new GrayImage(28, 28, px);
        one = classifier.preprocess(image28);
        oneWithFeatures = classifier.forward(one, 1, true);
        OcclusionSensitivity occ = OcclusionSensitivity.defaults();
        int mask = occ.maskFor(28, 28);
        int per = (28 - mask + occ.strideFor(mask) - 1) / occ.strideFor(mask) + 1;
        occlusionCount = per * per + 1;
        occlusionInputs = new float[occlusionCount * 784];
        for (int k = 0; k < occlusionCount; k++) {
            System.arraycopy(one, 0, occlusionInputs, k * 784, 784);
        }
        series512 = new ArrayList<>();
        for (int k = 0; k < BATCH; k++) {
            float[] big = new float[512 * 512];
            for (int i = 0; i < big.length; i++) {
                big[i] = (float) r.nextDouble();
            }
            series512.add(new GrayImage(512, 512, big));
        }
        series64 = new ArrayList<>();
        for (int k = 0; k < 4 * BATCH; k++) {
            float[] big = new float[512 * 512];
            for (int i = 0; i < big.length; i++) {
                big[i] = (float) r.nextDouble();
            }
            series64.add(new GrayImage(512, 512, big));
        }
        seriesTensors = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            seriesTensors.add(classifier.prepare(series64.subList(b * BATCH, (b + 1) * BATCH)).tensor());
        }
        Path dir = Files.createTempDirectory("bench-ct");
        ctFiles = new ArrayList<>();
        for (int k = 0; k < BATCH; k++) {
            ctFiles.add(CtLikeFrames.writeNative(dir.resolve("ct-" + k + ".dcm"), 1));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        classifier.close();
        shipped.close();
    }

    private float checksum(float[] probs, float[] features) {
        return probs[0] + (features == null ? 0 : features[features.length - 1]);
    }

    private float raw(float[] input, int n, Set<String> outputs) throws OrtException {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {n, 1, 28, 28});
             OrtSession.Result result = session.run(Map.of("image", t), outputs)) {
            float sum = 0;
            for (Map.Entry<String, OnnxValue> e : result) {
                FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                float[] copy = new float[fb.remaining()];
                fb.get(copy);
                sum += copy[0];
            }
            return sum;
        }
    }

    @Benchmark
    public float forwardBatch16() {
        ImageClassifier.Forward f = classifier.forward(batch16, BATCH, true);
        return checksum(f.probabilities(), f.features());
    }

    @Benchmark
    public float rawForwardBatch16() throws OrtException {
        return raw(batch16, BATCH, Set.of("probabilities", "features"));
    }

    @Benchmark
    public float occlusion() {
        SaliencyMap m = OcclusionSensitivity.defaults().explain(classifier, image28, 1);
        return m.values()[0];
    }

    @Benchmark
    public float occlusionBareBatch() throws OrtException {
        return raw(occlusionInputs, occlusionCount, Set.of("probabilities"));
    }

    @Benchmark
    public float cam() {
        return classifier.cam(one, 1, 28, 28).values()[0];
    }

    /** The CAM's work after its pass: the weighted sum of the 128x7x7 feature map to the normalised 28x28 map. */
    @Benchmark
    public float camStep() {
        return classifier.cam(oneWithFeatures, 0, 1, 28, 28).values()[0];
    }

    /** The CAM's pass without its step: probabilities and the feature map fetched, nothing computed. */
    @Benchmark
    public float camFetch() throws OrtException {
        return classifier.session().runPinned("image", one, new long[] {1, 1, 28, 28},
                Set.of("probabilities", "features"), (values, shapes) ->
                        values.get("probabilities").get(0) + values.get("features").get(0));
    }

    @Benchmark
    public float plainForward() {
        return classifier.forward(one, 1, false).probabilities()[0];
    }

    @Benchmark
    public float series512() {
        List<Classification> out = classifier.classifyBatch(series512);
        return (float) out.get(0).positiveProbability();
    }

    @Benchmark
    public float seriesNetwork16() throws OrtException {
        return raw(seriesTensors.get(0), BATCH, Set.of("probabilities", "features"));
    }

    @Benchmark
    public float seriesSequential64() {
        return (float) new SeriesClassifier(classifier, BATCH, false).run(series64, p -> { }, () -> false)
                .meanProbability();
    }

    @Benchmark
    public float seriesOverlapped64() {
        return (float) new SeriesClassifier(classifier, BATCH, true).run(series64, p -> { }, () -> false)
                .meanProbability();
    }

    @Benchmark
    public float seriesNetwork64() throws OrtException {
        float sum = 0;
        for (float[] tensor : seriesTensors) {
            sum += raw(tensor, BATCH, Set.of("probabilities", "features"));
        }
        return sum;
    }

    private static GrayImage load(Path file) throws Exception {
        GrayscaleFrame frame = PixelPipeline.grayscale(DicomReader.read(file), 0);
        return new GrayImage(frame.width(), frame.height(), VoiLut.toUnitRange(frame, frame.defaultWindow()));
    }

    @Benchmark
    public float load16() throws Exception {
        float sum = 0;
        for (Path file : ctFiles) {
            sum += load(file).pixels()[0];
        }
        return sum;
    }

    /** A benchmark method as a task for the paired runner. */
    @FunctionalInterface
    private interface Task {
        float run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        InferenceBenchmark b = new InferenceBenchmark();
        b.threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        b.setUp();
        try {
            paired("forwardBatch16 / rawForwardBatch16", b::forwardBatch16, b::rawForwardBatch16, rounds);
            paired("occlusion / occlusionBareBatch", b::occlusion, b::occlusionBareBatch, rounds);
            // One pass is ~1 ms and the CAM's extra work a few percent of it: each round times 20 calls of each.
            paired("cam / plainForward (x20)", repeated(b::cam, 20), repeated(b::plainForward, 20), rounds);
            paired("camFetch / plainForward (x20)", repeated(b::camFetch, 20), repeated(b::plainForward, 20), rounds);
            paired("camStep / plainForward (x20)", repeated(b::camStep, 20), repeated(b::plainForward, 20), rounds);

            int seriesRounds = Math.max(20, rounds / 4);
            share(paired("series512 / seriesNetwork16", b::series512, b::seriesNetwork16, seriesRounds));
            share(paired("seriesSequential64 / seriesNetwork64", b::seriesSequential64, b::seriesNetwork64,
                    seriesRounds));
            share(paired("seriesOverlapped64 / seriesNetwork64", b::seriesOverlapped64, b::seriesNetwork64,
                    seriesRounds));
            paired("load16 / seriesNetwork16", b::load16, b::seriesNetwork16, seriesRounds);
            b.stages(false, seriesRounds);
            b.stages(true, seriesRounds);
        } finally {
            b.tearDown();
        }
    }

    /**
     * Series analysis as the app runs it, from 64 CT files: each image read, decoded and windowed by the loader
     * and resized into the batch tensor at once (streaming); prints the medians of the run's own stage times
     * ({@link SeriesClassification.StageTimes}) and of the pre/post share of the model's work.
     */
    private void stages(boolean overlap, int rounds) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            files.addAll(ctFiles);
        }
        SeriesClassifier series = new SeriesClassifier(classifier, BATCH, overlap);
        double[][] ms = new double[6][rounds];
        for (int i = -Math.max(3, rounds / 10); i < rounds; i++) {
            SeriesClassification r = series.run(files.size(), k -> load(files.get(k)), p -> { }, () -> false);
            if (i >= 0) {
                SeriesClassification.StageTimes t = r.stages();
                ms[0][i] = t.loading().toNanos() / 1e6;
                ms[1][i] = t.preprocessing().toNanos() / 1e6;
                ms[2][i] = t.network().toNanos() / 1e6;
                ms[3][i] = t.postprocessing().toNanos() / 1e6;
                ms[4][i] = r.elapsed().toNanos() / 1e6;
                ms[5][i] = 100 * t.prePostShare();
            }
        }
        System.out.printf(java.util.Locale.ROOT, "%-40s median ms: loading %.1f, preprocessing %.2f, network %.2f, "
                + "post-processing %.2f, elapsed %.1f; pre/post share %.1f%% (IQR %.1f-%.1f%%)%n",
                "series from 64 CT files" + (overlap ? ", overlapped" : ", sequential"), median(ms[0]),
                median(ms[1]), median(ms[2]), median(ms[3]), median(ms[4]), median(ms[5]), quantile(ms[5], 0.25),
                quantile(ms[5], 0.75));
    }

    private static Task repeated(Task task, int times) {
        return () -> {
            float sum = 0;
            for (int i = 0; i < times; i++) {
                sum += task.run();
            }
            return sum;
        };
    }

    private static void share(double ratio) {
        System.out.printf(java.util.Locale.ROOT, "%-40s pre/post share %.1f%%%n", "", 100 * (1 - 1 / ratio));
    }

    /** Runs the pair alternately and returns the median per-round ratio a/b. */
    private static double paired(String name, Task a, Task b, int rounds) throws Exception {
        float sink = 0;
        for (int i = 0; i < Math.max(10, rounds / 10); i++) {
            sink += a.run() + b.run();
        }
        double[] ta = new double[rounds];
        double[] tb = new double[rounds];
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            boolean aFirst = i % 2 == 0;
            long t0 = System.nanoTime();
            sink += aFirst ? a.run() : b.run();
            long t1 = System.nanoTime();
            sink += aFirst ? b.run() : a.run();
            long t2 = System.nanoTime();
            ta[i] = (aFirst ? t1 - t0 : t2 - t1) / 1e3;
            tb[i] = (aFirst ? t2 - t1 : t1 - t0) / 1e3;
            ratio[i] = ta[i] / tb[i];
        }
        System.out.printf(java.util.Locale.ROOT, "%-40s median %10.1f us / %10.1f us, median ratio %.3f (IQR %.3f-%.3f) [%s]%n",
                name, median(ta), median(tb), median(ratio), quantile(ratio, 0.25), quantile(ratio, 0.75),
                sink == 42 ? "" : "ok");
        return median(ratio);
    }

    private static double median(double[] v) {
        return quantile(v, 0.5);
    }

    private static double quantile(double[] v, double q) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
