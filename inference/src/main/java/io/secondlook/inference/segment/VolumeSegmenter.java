package io.secondlook.inference.segment;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.secondlook.inference.model.ModelPackageException;
import io.secondlook.inference.runtime.OfflineRuntime;
import io.secondlook.inference.segment.SegmentationProgress.Stage;
import io.secondlook.inference.volume.Orientation;
import io.secondlook.inference.volume.Reorientation;
import io.secondlook.inference.volume.Volume;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Segments whole volumes with one 3D segmentation model through DJL's ONNX Runtime engine on the CPU. The session
 * is loaded once; {@link #segment} calls are serialised.
 *
 * <p>Per call: the volume is reoriented losslessly to the card's voxel orientation (axis permutation and flips,
 * no resampling), its size and spacing are checked against the card, intensities are scaled as the card says, the
 * network runs once on the whole volume ([1, 1, D, H, W] in, [1, C, D, H, W] logits out), and each voxel gets the
 * first class with the largest logit, its softmax entropy over log(C), and counts per label. Labels and entropy are
 * mapped back onto the input volume's grid.
 */
public final class VolumeSegmenter implements AutoCloseable {

    /** Share of the expected time spent in the network, for the progress fraction. */
    private static final double MODEL_SHARE = 0.8;
    private static final int POST_CHUNKS = 32;

    private final SegmentationModel model;
    private final SegmentationCard card;
    private final ZooModel<float[], float[]> zoo;
    private final Predictor<float[], float[]> predictor;
    private final int threads;
    private volatile double networkNanosPerVoxel = Double.NaN;

    private VolumeSegmenter(SegmentationModel model, ZooModel<float[], float[]> zoo, int threads) {
        this.model = model;
        this.card = model.card();
        this.zoo = zoo;
        this.predictor = zoo.newPredictor();
        this.threads = threads;
    }

    /** Loads the model with one intra-op thread per available processor. */
    public static VolumeSegmenter open(SegmentationModel model) {
        return open(model, Runtime.getRuntime().availableProcessors());
    }

    /** Loads the model; a model ONNX Runtime cannot load, or whose input disagrees with its card, is refused. */
    public static VolumeSegmenter open(SegmentationModel model, int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, got " + intraOpThreads);
        }
        OfflineRuntime.ensureConfigured();
        SegmentationCard card = model.card();
        Criteria<float[], float[]> criteria = Criteria.builder()
                .setTypes(float[].class, float[].class)
                .optModelPath(model.modelFile())
                .optEngine("OnnxRuntime")
                .optOption("intraOpNumThreads", Integer.toString(intraOpThreads))
                .optOption("interOpNumThreads", "1")
                .optTranslator(new LogitsTranslator(card))
                .build();
        ZooModel<float[], float[]> zoo;
        try {
            zoo = criteria.loadModel();
            OfflineRuntime.disableOrtTelemetry();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new ModelPackageException(model.modelFile(), "cannot load model '" + card.id() + "': "
                    + e.getMessage(), e);
        }
        try {
            checkInputAgainstCard(zoo, model);
        } catch (RuntimeException e) {
            zoo.close();
            throw e;
        }
        return new VolumeSegmenter(model, zoo, intraOpThreads);
    }

    private static void checkInputAgainstCard(ZooModel<?, ?> zoo, SegmentationModel model) {
        var described = zoo.getBlock().describeInput();
        SegmentationCard.Input in = model.card().input();
        if (described == null || described.isEmpty()) {
            return;
        }
        Shape shape = null;
        boolean found = false;
        for (int i = 0; i < described.size(); i++) {
            if (in.name().equals(described.keyAt(i))) {
                shape = described.valueAt(i);
                found = true;
            }
        }
        if (!found) {
            throw new ModelPackageException(model.modelFile(), "the ONNX model has no input '" + in.name()
                    + "' named by the card (inputs: " + described.keys() + ")");
        }
        if (shape == null) {
            return;
        }
        long[] dims = shape.getShape();
        if (dims.length != in.shape().size()) {
            throw new ModelPackageException(model.modelFile(), "ONNX input '" + in.name() + "' has shape " + shape
                    + " but the card says " + in.shape());
        }
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] > 0 && dims[d] != in.shape().get(d)) {
                throw new ModelPackageException(model.modelFile(), "ONNX input '" + in.name() + "' has shape "
                        + shape + " but the card says " + in.shape());
            }
        }
    }

    public SegmentationModel model() {
        return model;
    }

    public int threads() {
        return threads;
    }

    public SegmentationResult segment(Volume volume) {
        return segment(volume, SegmentationProgress.NONE, () -> false);
    }

    /**
     * Segments {@code volume}. {@code cancelled} is polled between steps (the network pass itself runs to its
     * end); a cancelled run throws {@link CancellationException}.
     */
    public synchronized SegmentationResult segment(Volume volume, SegmentationProgress progress,
            BooleanSupplier cancelled) {
        long start = System.nanoTime();
        SegmentationCard.Input in = card.input();
        progress.update(Stage.PREPARING, 0, estimate(volume.voxelCount(), 0));
        Reorientation reorientation = Orientation.between(volume, in.orientation());
        Volume oriented = reorientation.apply(volume);
        checkGeometry(volume, oriented);
        float[] input = scaleIntensities(oriented.values());
        oriented = null;
        checkCancelled(cancelled);

        int n = input.length;
        progress.update(Stage.RUNNING_MODEL, 0.05, estimate(n, 0.05));
        long netStart = System.nanoTime();
        float[] logits;
        try {
            logits = predictor.predict(input);
        } catch (TranslateException e) {
            throw new IllegalStateException("Model '" + card.id() + "' failed on " + volume.source() + ": "
                    + e.getMessage(), e);
        }
        input = null;
        networkNanosPerVoxel = (System.nanoTime() - netStart) / (double) n;
        double networkSeconds = (System.nanoTime() - netStart) / 1e9;
        checkCancelled(cancelled);

        int classes = card.labels().size();
        if (logits.length != (long) classes * n) {
            throw new IllegalStateException("Model '" + card.id() + "' returned " + logits.length
                    + " values, expected " + classes + " classes x " + n + " voxels");
        }
        byte[] labels = new byte[n];
        float[] entropy = new float[n];
        long[] counts = new long[classes];
        long postStart = System.nanoTime();
        int chunk = (n + POST_CHUNKS - 1) / POST_CHUNKS;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            VoxelClassifier.classify(logits, n, classes, from, to, labels, entropy, counts);
            checkCancelled(cancelled);
            double done = (double) to / n;
            long spent = System.nanoTime() - postStart;
            progress.update(Stage.POSTPROCESSING, MODEL_SHARE + (1 - MODEL_SHARE) * done,
                    Duration.ofNanos((long) (spent / done * (1 - done))));
        }
        logits = null;
        SegmentationResult result = new SegmentationResult(volume.width(), volume.height(), volume.depth(),
                volume.affine(), reorientation.restore(labels), reorientation.restore(entropy),
                classes(counts, volume.voxelVolumeMm3()), card.id(), card.version(), "cpu", networkSeconds);
        progress.update(Stage.DONE, 1, Duration.ZERO);
        assert System.nanoTime() >= start;
        return result;
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
        SegmentationCard.Input in = card.input();
        if (oriented.width() != in.width() || oriented.height() != in.height() || oriented.depth() != in.depth()) {
            throw new IllegalArgumentException(source.source() + " is " + oriented.width() + "x" + oriented.height()
                    + "x" + oriented.depth() + " voxels in " + in.orientation() + " orientation; model '" + card.id()
                    + "' needs " + in.width() + "x" + in.height() + "x" + in.depth()
                    + " (conform the volume first)");
        }
        if (in.spacingMm() != null) {
            double[] spacing = oriented.spacing();
            for (int a = 0; a < 3; a++) {
                double want = in.spacingMm().get(a);
                if (Math.abs(spacing[a] - want) > 1e-3 * want) {
                    throw new IllegalArgumentException(source.source() + " has voxels of "
                            + Arrays.toString(spacing) + " mm; model '" + card.id() + "' needs "
                            + in.spacingMm() + " mm (resample the volume first)");
                }
            }
        }
    }

    private float[] scaleIntensities(float[] values) {
        float[] out = values.clone();
        if (!"minMax".equals(card.preprocessing().intensity())) {
            return out;
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) {
            java.util.Arrays.fill(out, 0f);
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
            out.add(new SegmentClass(c, card.labels().get(c), card.argb(c), counts[c], counts[c] * voxelMm3 / 1000.0));
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
        predictor.close();
        zoo.close();
    }

    /** Feeds one [1, 1, D, H, W] tensor and copies the logits out of native memory. */
    private static final class LogitsTranslator implements NoBatchifyTranslator<float[], float[]> {
        private final SegmentationCard card;

        LogitsTranslator(SegmentationCard card) {
            this.card = card;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, float[] input) {
            SegmentationCard.Input in = card.input();
            NDArray array = ctx.getNDManager().create(input, new Shape(1, 1, in.depth(), in.height(), in.width()));
            array.setName(in.name());
            return new NDList(array);
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            String name = card.logits().name();
            NDArray out = list.get(name) != null ? list.get(name) : list.get(0);
            long[] shape = out.getShape().getShape();
            SegmentationCard.Input in = card.input();
            long[] want = {1, card.labels().size(), in.depth(), in.height(), in.width()};
            if (!Arrays.equals(shape, want)) {
                throw new IllegalStateException("Output '" + name + "' has shape " + out.getShape() + ", expected "
                        + Arrays.toString(want));
            }
            return out.toFloatArray();
        }
    }
}
