package io.secondlook.inference.classify;

import ai.onnxruntime.OrtException;
import io.secondlook.inference.image.AreaResize;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelPackageException;
import io.secondlook.inference.onnx.OnnxModel;
import io.secondlook.inference.runtime.OnnxSession;
import io.secondlook.inference.runtime.RuntimeOptions;
import io.secondlook.inference.saliency.ClassActivationMap;
import io.secondlook.inference.saliency.SaliencyMap;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Classifies grayscale images with one model package on ONNX Runtime (CUDA when allowed and present, else CPU).
 * The session is created once and reused; every method is thread-safe. One forward pass yields both the
 * probabilities and, when the card describes CAM, the feature map for the saliency map. Batches of images run as
 * one tensor of up to {@link #MAX_BATCH} images.
 */
public final class ImageClassifier implements AutoCloseable {

    public static final int MAX_BATCH = 64;
    private static final String PROBABILITIES = "probabilities";

    private final ModelPackage pkg;
    private final ModelCard card;
    private final OnnxSession session;
    private final String featureOutput;
    private final double[][] camWeights;
    private final String camSource;

    private ImageClassifier(ModelPackage pkg, OnnxSession session, double[][] camWeights, String camSource) {
        this.pkg = pkg;
        this.card = pkg.card();
        this.session = session;
        this.featureOutput = card.saliency() == null || card.saliency().cam() == null ? null
                : card.saliency().cam().featureOutput();
        this.camWeights = camWeights;
        this.camSource = camSource;
    }

    /** Opens the model with {@link RuntimeOptions#defaults()}. */
    public static ImageClassifier open(ModelPackage pkg) {
        return open(pkg, RuntimeOptions.defaults());
    }

    /** Loads the package's ONNX model; a model ONNX Runtime cannot load is reported against its file. */
    public static ImageClassifier open(ModelPackage pkg, RuntimeOptions options) {
        ModelCard card = pkg.card();
        if (!"classification".equals(card.task())) {
            throw new ModelPackageException(pkg.modelFile(), "model '" + card.id() + "' is a " + card.task()
                    + " model, not a classifier");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(pkg.modelFile());
        } catch (IOException e) {
            throw new ModelPackageException(pkg.modelFile(), "cannot read model '" + card.id() + "': "
                    + e.getMessage(), e);
        }
        double[][] weights = null;
        String source = null;
        if (card.saliency() != null && card.saliency().cam() != null) {
            ModelCard.Cam cam = card.saliency().cam();
            weights = headFromGraph(pkg, bytes, cam);
            source = weights == null ? "card" : "graph:" + cam.classifierInitializer();
            if (weights == null) {
                weights = cam.classifierWeights();
            }
        }
        try {
            // The session is made from the bytes the head was read from, so both come from one version of the file.
            return new ImageClassifier(pkg, OnnxSession.open(bytes, options), weights, source);
        } catch (OrtException | RuntimeException e) {
            throw new ModelPackageException(pkg.modelFile(), "cannot load model '" + card.id() + "': "
                    + e.getMessage(), e);
        }
    }

    /** The CAM head {@code [labels][channels]} from the initializer the card names, or null when it names none. */
    private static double[][] headFromGraph(ModelPackage pkg, byte[] modelBytes, ModelCard.Cam cam) {
        if (cam.classifierInitializer() == null) {
            return null;
        }
        OnnxModel model;
        try {
            model = OnnxModel.parse(modelBytes);
        } catch (IllegalArgumentException e) {
            throw new ModelPackageException(pkg.modelFile(), "not a readable ONNX model: " + e.getMessage(), e);
        }
        OnnxModel.Tensor t = model.initializer(cam.classifierInitializer()).orElseThrow(() ->
                new ModelPackageException(pkg.modelFile(), "field 'saliency.cam.classifierInitializer' names '"
                        + cam.classifierInitializer() + "', which is not an initializer of the model"));
        int labels = pkg.card().labels().size();
        if (t.dims().length != 2 || t.dims()[0] != labels) {
            throw new ModelPackageException(pkg.modelFile(), "CAM head '" + t.name() + "' has shape "
                    + java.util.Arrays.toString(t.dims()) + ", expected [" + labels + ", channels]");
        }
        float[] v = t.floats();
        int channels = (int) t.dims()[1];
        double[][] w = new double[labels][channels];
        for (int c = 0; c < labels; c++) {
            for (int k = 0; k < channels; k++) {
                w[c][k] = v[c * channels + k];
            }
        }
        return w;
    }

    public ModelPackage modelPackage() {
        return pkg;
    }

    /** The device the session runs on: {@code cpu} or {@code cuda:0}. */
    public String device() {
        return session.device();
    }

    /** Why CUDA was not used although allowed, or null. */
    public String deviceFallbackReason() {
        return session.fallbackReason();
    }

    public OnnxSession session() {
        return session;
    }

    public int inputWidth() {
        return card.input().width();
    }

    public int inputHeight() {
        return card.input().height();
    }

    /** Whether the card describes a feature map and head for CAM. */
    public boolean supportsCam() {
        return camWeights != null;
    }

    /** Resizes to the card's input size (area average) and normalises: the model's input for one image. */
    public float[] preprocess(GrayImage image) {
        float[] out = new float[inputWidth() * inputHeight()];
        preprocessInto(image, out, 0);
        return out;
    }

    /** {@link #preprocess} written straight into a batch tensor at {@code offset}. */
    public void preprocessInto(GrayImage image, float[] tensor, int offset) {
        int size = inputWidth() * inputHeight();
        AreaResize.resizeInto(image, inputWidth(), inputHeight(), tensor, offset);
        normalise(tensor, offset, size);
    }

    /** Normalises display values in [0,1] at the model's input size in place ({@code (x - mean) / std}). */
    public float[] normalise(float[] pixels) {
        normalise(pixels, 0, pixels.length);
        return pixels;
    }

    private void normalise(float[] pixels, int offset, int length) {
        float mean = card.preprocessing().mean().floatValue();
        float std = card.preprocessing().std().floatValue();
        for (int i = offset; i < offset + length; i++) {
            pixels[i] = (pixels[i] - mean) / std;
        }
    }

    /** One forward pass's outputs: probabilities {@code [count][classes]} and, if asked for, the feature maps. */
    public record Forward(int count, int classes, float[] probabilities, float[] features, long[] featureShape) {
        public float probability(int image, int classIndex) {
            return probabilities[image * classes + classIndex];
        }
    }

    /**
     * Runs {@code count} preprocessed images ({@code count * H * W} values) as one batch; the outputs are copied
     * to the heap (the CAM paths of {@link #classify(InputBatch)} and {@link #cam(float[], int, int, int)} read
     * them in place instead).
     */
    public Forward forward(float[] inputs, int count, boolean withFeatures) {
        return pass(inputs, count, withFeatures, p -> {
            float[] probs = new float[p.probabilities().remaining()];
            p.probabilities().get(0, probs);
            float[] features = null;
            if (p.features() != null) {
                features = new float[p.features().remaining()];
                p.features().get(0, features);
            }
            return new Forward(count, p.classes(), probs, features, p.featureShape());
        });
    }

    /** One pass's outputs in ONNX Runtime's pinned buffers, valid only inside the {@link #pass} that lends them. */
    private record Pass(int count, int classes, FloatBuffer probabilities, FloatBuffer features, long[] featureShape) {
        float probability(int image, int classIndex) {
            return probabilities.get(image * classes + classIndex);
        }
    }

    /** One forward pass; {@code use} reads its outputs in place and must not keep them. */
    private <T> T pass(float[] inputs, int count, boolean withFeatures, Function<Pass, T> use) {
        ModelCard.Input in = card.input();
        boolean features = withFeatures && featureOutput != null;
        Set<String> outputs = features ? Set.of(PROBABILITIES, featureOutput) : Set.of(PROBABILITIES);
        try {
            return session.runPinned(in.name(), inputs, new long[] {count, 1, in.height(), in.width()}, outputs,
                    (values, shapes) -> {
                        FloatBuffer probs = values.get(PROBABILITIES);
                        int classes = probs.remaining() / count;
                        if (classes != card.labels().size()) {
                            throw new ModelPackageException(pkg.modelFile(), "output '" + PROBABILITIES + "' has "
                                    + classes + " classes but the card lists " + card.labels().size() + " labels");
                        }
                        long[] shape = features ? shapes.get(featureOutput) : null;
                        if (features && shape.length != 4) {
                            throw new IllegalStateException("Output '" + featureOutput + "' has rank "
                                    + shape.length + ", expected [N,C,H,W]");
                        }
                        return use.apply(new Pass(count, classes, probs,
                                features ? values.get(featureOutput) : null, shape));
                    });
        } catch (OrtException e) {
            throw new IllegalStateException("Inference failed for model '" + card.id() + "': " + e.getMessage(), e);
        }
    }

    /** The probability of {@code classIndex} for each of {@code count} preprocessed images, in batches. */
    public float[] scores(float[] inputs, int count, int classIndex) {
        return scores(inputs, count, classIndex, MAX_BATCH);
    }

    /** {@link #scores(float[], int, int)} in batches of at most {@code batchSize} images. */
    public float[] scores(float[] inputs, int count, int classIndex, int batchSize) {
        int size = inputWidth() * inputHeight();
        float[] scores = new float[count];
        for (int start = 0; start < count; start += batchSize) {
            int n = Math.min(batchSize, count - start);
            float[] chunk = new float[n * size];
            System.arraycopy(inputs, start * size, chunk, 0, chunk.length);
            Forward f = forward(chunk, n, false);
            for (int i = 0; i < n; i++) {
                scores[start + i] = f.probability(i, classIndex);
            }
        }
        return scores;
    }

    /** Resizes to the card's input size (area average), normalises, runs one forward pass. */
    public Classification classify(GrayImage image) {
        return classifyBatch(List.of(image)).get(0);
    }

    /** Classifies images in batches of up to {@link #MAX_BATCH}; each result carries its CAM when supported. */
    public List<Classification> classifyBatch(List<GrayImage> images) {
        List<Classification> results = new ArrayList<>(images.size());
        for (int start = 0; start < images.size(); start += MAX_BATCH) {
            results.addAll(classify(prepare(images.subList(start, Math.min(images.size(), start + MAX_BATCH)))));
        }
        return results;
    }

    /**
     * Preprocessed images, ready for one forward pass: the input tensor and each image's size (the extent of its
     * saliency map). Preparing is independent of the session, so it may run on another thread.
     */
    public record InputBatch(float[] tensor, int count, int[] imageWidths, int[] imageHeights) {
    }

    /** Preprocesses up to {@link #MAX_BATCH} images into one input tensor. */
    public InputBatch prepare(List<GrayImage> images) {
        int n = images.size();
        if (n < 1 || n > MAX_BATCH) {
            throw new IllegalArgumentException("A batch holds 1 to " + MAX_BATCH + " images, got " + n);
        }
        int size = inputWidth() * inputHeight();
        float[] tensor = new float[n * size];
        int[] widths = new int[n];
        int[] heights = new int[n];
        for (int i = 0; i < n; i++) {
            GrayImage image = images.get(i);
            preprocessInto(image, tensor, i * size);
            widths[i] = image.width();
            heights[i] = image.height();
        }
        return new InputBatch(tensor, n, widths, heights);
    }

    /** One forward pass over a prepared batch; each result carries its CAM when supported. */
    public List<Classification> classify(InputBatch batch) {
        return classifyTimed(batch).results();
    }

    /**
     * A batch's results with where the time went: {@code networkNanos} from the call until the outputs are back
     * (input copy, ONNX Runtime's run, output checks), {@code postNanos} turning them into decisions and CAMs.
     */
    public record TimedResults(List<Classification> results, long networkNanos, long postNanos) {
    }

    /** {@link #classify(InputBatch)}, timed. */
    public TimedResults classifyTimed(InputBatch batch) {
        long start = System.nanoTime();
        return pass(batch.tensor(), batch.count(), true, p -> {
            long outputs = System.nanoTime();
            List<Classification> results = new ArrayList<>(batch.count());
            for (int i = 0; i < batch.count(); i++) {
                results.add(decide(p, i, batch.imageWidths()[i], batch.imageHeights()[i]));
            }
            return new TimedResults(results, outputs - start, System.nanoTime() - outputs);
        });
    }

    private Classification decide(Pass p, int i, int imageWidth, int imageHeight) {
        double[] probs = new double[p.classes()];
        for (int c = 0; c < probs.length; c++) {
            probs[c] = p.probability(i, c);
        }
        List<String> labels = card.labels();
        int pos = card.positiveIndex();
        double threshold = card.operatingThreshold();
        boolean positive = probs[pos] >= threshold;
        String label = positive ? card.positiveLabel() : mostProbableOther(labels, probs, pos);
        SaliencyMap saliency = camWeights == null || p.features() == null ? null
                : cam(p, i, labels.indexOf(label), imageWidth, imageHeight);
        return new Classification(label, probs[pos], labels, probs, threshold, positive, card.id(),
                card.version(), session.device(), saliency);
    }

    /**
     * The class activation map of image {@code i} of a forward pass run with features, for {@code classIndex},
     * at the model's input resolution over an image of {@code imageWidth x imageHeight}
     * ({@link SaliencyMap#atImageResolution()} upsamples it for display).
     */
    public SaliencyMap cam(Forward f, int i, int classIndex, int imageWidth, int imageHeight) {
        return cam(FloatBuffer.wrap(f.features()), f.featureShape(), i, classIndex, imageWidth, imageHeight);
    }

    /**
     * The class activation map of one preprocessed image ({@code H * W} values) for {@code classIndex}: one pass
     * fetching the feature map, read in place from ONNX Runtime's output buffer.
     */
    public SaliencyMap cam(float[] input, int classIndex, int imageWidth, int imageHeight) {
        if (!supportsCam()) {
            throw new IllegalStateException("Model '" + card.id() + "' does not describe CAM");
        }
        return pass(input, 1, true, p -> cam(p, 0, classIndex, imageWidth, imageHeight));
    }

    private SaliencyMap cam(Pass p, int i, int classIndex, int imageWidth, int imageHeight) {
        return cam(p.features(), p.featureShape(), i, classIndex, imageWidth, imageHeight);
    }

    /** Image {@code i}'s CAM from a batch's feature map {@code [N, C, H, W]}, read in place. */
    private SaliencyMap cam(FloatBuffer features, long[] s, int i, int classIndex, int imageWidth, int imageHeight) {
        int per = (int) (s[1] * s[2] * s[3]);
        return ClassActivationMap.compute(features, i * per, (int) s[1], (int) s[2], (int) s[3],
                camWeights[classIndex], inputWidth(), inputHeight(), imageWidth, imageHeight,
                camParameters(classIndex));
    }

    private Map<String, String> camParameters(int classIndex) {
        return Map.of("targetLabel", card.labels().get(classIndex), "featureOutput", featureOutput, "head", camSource);
    }

    private static String mostProbableOther(List<String> labels, double[] probs, int exclude) {
        int best = -1;
        for (int i = 0; i < probs.length; i++) {
            if (i != exclude && (best < 0 || probs[i] > probs[best])) {
                best = i;
            }
        }
        return labels.get(best);
    }

    @Override
    public void close() {
        session.close();
    }
}
