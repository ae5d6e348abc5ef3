package io.secondlook.inference.segment;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.secondlook.inference.model.ModelPackageException;
import io.secondlook.inference.runtime.OnnxSession;
import io.secondlook.inference.runtime.RuntimeOptions;
import io.secondlook.inference.segment.SegmentationProgress.Stage;
import io.secondlook.inference.volume.Orientation;
import io.secondlook.inference.volume.Reorientation;
import io.secondlook.inference.volume.Volume;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Segments whole volumes with one 3D segmentation model through ONNX Runtime ({@link OnnxSession}: CUDA when
 * allowed and present, else CPU). The session is loaded once; {@link #segment} calls are serialised.
 *
 * <p>Per call: the volume is reoriented losslessly to the card's voxel orientation (axis permutation and flips,
 * no resampling), its size and spacing are checked against the card, intensities are scaled as the card says, the
 * network runs once on the whole volume ([1, 1, D, H, W] in, [1, C, D, H, W] logits out), and each voxel gets the
 * first class with the largest logit, its softmax entropy over log(C), and counts per label. Labels and entropy are
 * mapped back onto the input volume's grid. The whole-volume pass is the reference behaviour of the model (its
 * padding sees the volume border only), so results match other runtimes voxel for voxel.
 */
public final class VolumeSegmenter implements AutoCloseable {

    /** Share of the expected time spent in the network, for the progress fraction. */
    private static final double MODEL_SHARE = 0.85;
    private static final double MODEL_START = 0.05;
    private static final int POST_CHUNKS = 32;
    private static final long WATCH_MILLIS = 100;

    private final SegmentationModel model;
    private final SegmentationSpec spec;
    private final OnnxSession session;
    private volatile double networkNanosPerVoxel = Double.NaN;

    private VolumeSegmenter(SegmentationModel model, OnnxSession session) {
        this.model = model;
        this.spec = model.spec();
        this.session = session;
    }

    /** Opens the model on the CPU with {@code intraOpThreads} threads. */
    public static VolumeSegmenter open(SegmentationModel model, int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, got " + intraOpThreads);
        }
        return open(model, RuntimeOptions.cpu(intraOpThreads));
    }

    /** Opens the model (a verified package: its graph already matches its card) on the device the options ask. */
    public static VolumeSegmenter open(SegmentationModel model, RuntimeOptions options) {
        try {
            return new VolumeSegmenter(model, OnnxSession.open(model.modelFile(), options));
        } catch (OrtException | RuntimeException e) {
            throw new ModelPackageException(model.modelFile(), "cannot load model '" + model.id() + "': "
                    + e.getMessage(), e);
        }
    }

    public SegmentationModel model() {
        return model;
    }

    /** {@code cpu} or {@code cuda:0}. */
    public String device() {
        return session.device();
    }

    public SegmentationResult segment(Volume volume) {
        return segment(volume, SegmentationProgress.NONE, () -> false);
    }

    /**
     * Segments {@code volume}. {@code cancelled} is polled between steps and every 100 ms while the network runs
     * (ONNX Runtime is told to stop); a cancelled run throws {@link CancellationException}. Progress is reported
     * on this thread, and on a helper thread while the network runs.
     */
    public synchronized SegmentationResult segment(Volume volume, SegmentationProgress progress,
            BooleanSupplier cancelled) {
        progress.update(Stage.PREPARING, 0, estimate(volume.voxelCount(), 0));
        Reorientation reorientation = Orientation.between(volume, spec.orientation());
        Volume oriented = reorientation.apply(volume);
        checkGeometry(volume, oriented);
        float[] input = scaleIntensities(oriented);
        checkCancelled(cancelled);

        int n = input.length;
        long netStart = System.nanoTime();
        float[] logits = runNetwork(input, volume.source(), progress, cancelled);
        networkNanosPerVoxel = (System.nanoTime() - netStart) / (double) n;
        double networkSeconds = (System.nanoTime() - netStart) / 1e9;
        checkCancelled(cancelled);

        int classes = model.labels().size();
        if (logits.length != (long) classes * n) {
            throw new IllegalStateException("Model '" + model.id() + "' returned " + logits.length
                    + " values, expected " + classes + " classes x " + n + " voxels");
        }
        byte[] labels = new byte[n];
        float[] entropy = new float[n];
        long postStart = System.nanoTime();
        // Voxels are independent: chunks run on every core (the network is done), a wave at a time so that
        // progress and cancellation are seen between waves; counts are summed per chunk, then in chunk order.
        int chunk = (n + POST_CHUNKS - 1) / POST_CHUNKS;
        int chunks = (n + chunk - 1) / chunk;
        long[][] chunkCounts = new long[chunks][classes];
        int wave = Math.max(1, ForkJoinPool.getCommonPoolParallelism() + 1);
        for (int first = 0; first < chunks; first += wave) {
            IntStream.range(first, Math.min(chunks, first + wave)).parallel().forEach(k -> VoxelClassifier.classify(
                    logits, n, classes, k * chunk, Math.min(n, (k + 1) * chunk), labels, entropy, chunkCounts[k]));
            checkCancelled(cancelled);
            double done = (double) Math.min(chunks, first + wave) / chunks;
            long spent = System.nanoTime() - postStart;
            progress.update(Stage.POSTPROCESSING, MODEL_START + MODEL_SHARE + (1 - MODEL_START - MODEL_SHARE) * done,
                    Duration.ofNanos((long) (spent / done * (1 - done))));
        }
        long[] counts = new long[classes];
        for (long[] c : chunkCounts) {
            for (int k = 0; k < classes; k++) {
                counts[k] += c[k];
            }
        }
        SegmentationResult result = new SegmentationResult(volume.width(), volume.height(), volume.depth(),
                volume.affine(), reorientation.restore(labels), reorientation.restore(entropy),
                classes(counts, volume.voxelVolumeMm3()), model.id(), model.card().version(), session.device(),
                networkSeconds);
        progress.update(Stage.DONE, 1, Duration.ZERO);
        return result;
    }

    /** One forward pass; a watcher thread reports progress from earlier timings and relays cancellation. */
    private float[] runNetwork(float[] input, String source, SegmentationProgress progress,
            BooleanSupplier cancelled) {
        int[] dims = model.inputDims();
        long[] shape = {1, 1, dims[2], dims[1], dims[0]};
        long start = System.nanoTime();
        double expectedNanos = networkNanosPerVoxel * input.length;
        progress.update(Stage.RUNNING_MODEL, MODEL_START, estimate(input.length, MODEL_START));
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "segmentation-watch");
            t.setDaemon(true);
            return t;
        });
        try (OrtSession.RunOptions run = new OrtSession.RunOptions();
             OnnxTensor tensor = OnnxTensor.createTensor(session.environment(), FloatBuffer.wrap(input), shape)) {
            watcher.scheduleAtFixedRate(() -> {
                if (cancelled.getAsBoolean()) {
                    terminate(run);
                } else if (!Double.isNaN(expectedNanos)) {
                    double done = Math.min(0.99, (System.nanoTime() - start) / expectedNanos);
                    progress.update(Stage.RUNNING_MODEL, MODEL_START + MODEL_SHARE * done,
                            Duration.ofNanos((long) Math.max(0, expectedNanos - (System.nanoTime() - start))
                                    + (long) (expectedNanos * (1 - MODEL_START - MODEL_SHARE) / MODEL_SHARE)));
                }
            }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
            try (OrtSession.Result result = session.ortSession().run(Map.of(model.inputName(), tensor),
                    Set.of(model.logitsName()), run)) {
                return logits(result);
            }
        } catch (OrtException e) {
            checkCancelled(cancelled);
            throw new IllegalStateException("Model '" + model.id() + "' failed on " + source + ": "
                    + e.getMessage(), e);
        } finally {
            watcher.shutdownNow();
        }
    }

    private float[] logits(OrtSession.Result result) throws OrtException {
        OnnxValue value = result.get(model.logitsName())
                .orElseThrow(() -> new IllegalStateException("Model has no output '" + model.logitsName() + "'"));
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("Output '" + model.logitsName() + "' is not a tensor");
        }
        int[] dims = model.inputDims();
        long[] want = {1, model.labels().size(), dims[2], dims[1], dims[0]};
        long[] shape = tensor.getInfo().getShape();
        if (!Arrays.equals(shape, want)) {
            throw new IllegalStateException("Output '" + model.logitsName() + "' has shape " + Arrays.toString(shape)
                    + ", expected " + Arrays.toString(want));
        }
        FloatBuffer fb = tensor.getFloatBuffer();
        if (fb.hasArray() && fb.arrayOffset() == 0 && fb.array().length == fb.remaining()) {
            return fb.array();
        }
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    private static void terminate(OrtSession.RunOptions run) {
        try {
            run.setTerminate(true);
        } catch (OrtException e) {
            throw new IllegalStateException("Could not stop ONNX Runtime", e);
        }
    }

    /** Remaining time from the network throughput measured on earlier calls; null before the first one. */
    private Duration estimate(int voxels, double fractionDone) {
        double perVoxel = networkNanosPerVoxel;
        if (Double.isNaN(perVoxel)) {
            return null;
        }
        double total = perVoxel * voxels / MODEL_SHARE;
        return Duration.ofNanos((long) (total * (1 - fractionDone)));
    }

    private void checkGeometry(Volume source, Volume oriented) {
        int[] want = model.inputDims();
        if (!Arrays.equals(oriented.dims(), want)) {
            throw new IllegalArgumentException(source.source() + " is " + oriented.width() + "x" + oriented.height()
                    + "x" + oriented.depth() + " voxels in " + spec.orientation() + " orientation; model '"
                    + model.id() + "' needs " + want[0] + "x" + want[1] + "x" + want[2] + " (conform the volume first)");
        }
        if (spec.spacingMm() != null) {
            double[] spacing = oriented.spacing();
            for (int a = 0; a < 3; a++) {
                double expected = spec.spacingMm().get(a);
                if (Math.abs(spacing[a] - expected) > 1e-3 * expected) {
                    throw new IllegalArgumentException(source.source() + " has voxels of "
                            + Arrays.toString(spacing) + " mm; model '" + model.id() + "' needs "
                            + spec.spacingMm() + " mm (resample the volume first)");
                }
            }
        }
    }

    private float[] scaleIntensities(Volume volume) {
        float[] values = volume.values();
        float[] out = values.clone();
        if (!SegmentationSpec.MIN_MAX.equals(spec.intensity())) {
            return out;
        }
        float[] range = volume.range();
        float min = range[0];
        float max = range[1];
        if (!(max > min)) {
            Arrays.fill(out, 0f);
            return out;
        }
        double scale = 1.0 / ((double) max - min);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((values[i] - (double) min) * scale);
        }
        return out;
    }

    private List<SegmentClass> classes(long[] counts, double voxelMm3) {
        List<SegmentClass> out = new ArrayList<>(counts.length);
        for (int c = 0; c < counts.length; c++) {
            double ml = counts[c] * voxelMm3 / 1000.0;
            out.add(new SegmentClass(c, model.labels().get(c), spec.argb(c), counts[c], ml));
        }
        return out;
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("Segmentation cancelled");
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
