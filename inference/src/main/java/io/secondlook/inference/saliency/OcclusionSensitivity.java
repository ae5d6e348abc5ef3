package io.secondlook.inference.saliency;

import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.image.GrayImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Occlusion sensitivity (Zeiler and Fergus 2014) as MONAI's {@code OcclusionSensitivity} computes it: a mask
 * slides over the model's input with {@code stride = max(1, floor(maskSize * (1 - overlap)))}, every occluded copy
 * runs through the model in batches, and each pixel gets the mean drop of the target class probability over the
 * masks that cover it (weighted by the Gaussian in {@code GAUSSIAN} mode). High values: occluding here lowers the
 * score. MONAI's defaults are {@code mask_size=16, overlap=0.25, mode="gaussian", n_batch=16}; for our 28x28 input
 * a 16-pixel mask would hide more than half of each side, so the default mask is a quarter of the shorter side
 * (7 px on 28x28, stride 5, 36 occluded passes), with MONAI's overlap and mode, and batches of 64.
 *
 * <p>Modes as in MONAI: {@code GAUSSIAN} multiplies the (normalised) input by {@code 1 - G}, G a Gaussian of
 * sigma {@code maskSize/4} peaking at 1 in the mask's centre, which moves it towards the training mean;
 * {@code MEAN_PATCH} and {@code MEAN_IMAGE} replace the patch by the mean of the patch or of the image;
 * {@code CONSTANT} by {@code value} (display units, 0 black to 1 white).
 */
public record OcclusionSensitivity(int maskSize, double overlap, Mode mode, double value, int batchSize)
        implements SaliencyMethod {

    public static final String NAME = "OCCLUSION";

    public enum Mode { GAUSSIAN, MEAN_PATCH, MEAN_IMAGE, CONSTANT }

    public OcclusionSensitivity {
        if (maskSize < 1 && maskSize != 0) {
            throw new IllegalArgumentException("maskSize must be positive (0: a quarter of the input), got " + maskSize);
        }
        if (!(overlap >= 0 && overlap < 1)) {
            throw new IllegalArgumentException("overlap must be in [0,1), got " + overlap);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
    }

    /** Mask a quarter of the input's shorter side, overlap 0.25, Gaussian occlusion, batches of 64. */
    public static OcclusionSensitivity defaults() {
        return new OcclusionSensitivity(0, 0.25, Mode.GAUSSIAN, 0, 64);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The mask size used on a {@code width x height} input. */
    public int maskFor(int width, int height) {
        return maskSize > 0 ? Math.min(maskSize, Math.min(width, height)) : Math.max(1, Math.round(Math.min(width, height) / 4f));
    }

    public int strideFor(int mask) {
        return Math.max(1, (int) Math.floor(mask * (1 - overlap)));
    }

    /** Top-left positions along one axis: every stride, plus one flush with the far edge. */
    static int[] positions(int side, int mask, int stride) {
        List<Integer> p = new ArrayList<>();
        for (int x = 0; x + mask <= side; x += stride) {
            p.add(x);
        }
        if (p.isEmpty() || p.get(p.size() - 1) + mask < side) {
            p.add(Math.max(0, side - mask));
        }
        return p.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public SaliencyMap explain(ImageClassifier classifier, GrayImage image, int classIndex) {
        int w = classifier.inputWidth();
        int h = classifier.inputHeight();
        int mask = maskFor(w, h);
        int stride = strideFor(mask);
        int[] xs = positions(w, mask, stride);
        int[] ys = positions(h, mask, stride);
        float[] x = classifier.preprocess(image);
        float[] weights = kernel(mask);
        float fill = constantFill(classifier);
        double imageMean = mean(x, 0, 0, w, w, h);
        int n = xs.length * ys.length;
        int size = w * h;
        float[] batch = new float[(n + 1) * size];
        System.arraycopy(x, 0, batch, 0, size);
        int k = 1;
        for (int py : ys) {
            for (int px : xs) {
                int off = k++ * size;
                System.arraycopy(x, 0, batch, off, size);
                double patchMean = mode == Mode.MEAN_PATCH ? mean(x, px, py, mask, w, mask) : 0;
                for (int dy = 0; dy < mask; dy++) {
                    for (int dx = 0; dx < mask; dx++) {
                        int i = (py + dy) * w + px + dx;
                        batch[off + i] = switch (mode) {
                            case GAUSSIAN -> x[i] * (1 - weights[dy * mask + dx]);
                            case MEAN_PATCH -> (float) patchMean;
                            case MEAN_IMAGE -> (float) imageMean;
                            case CONSTANT -> fill;
                        };
                    }
                }
            }
        }
        float[] scores = classifier.scores(batch, n + 1, classIndex, batchSize);
        double[] sum = new double[size];
        double[] weightSum = new double[size];
        k = 1;
        for (int py : ys) {
            for (int px : xs) {
                double drop = scores[0] - scores[k++];
                for (int dy = 0; dy < mask; dy++) {
                    for (int dx = 0; dx < mask; dx++) {
                        int i = (py + dy) * w + px + dx;
                        double wt = mode == Mode.GAUSSIAN ? weights[dy * mask + dx] : 1;
                        sum[i] += wt * drop;
                        weightSum[i] += wt;
                    }
                }
            }
        }
        for (int i = 0; i < size; i++) {
            sum[i] = weightSum[i] > 0 ? sum[i] / weightSum[i] : 0;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("targetLabel", classifier.modelPackage().card().labels().get(classIndex));
        params.put("maskSize", Integer.toString(mask));
        params.put("stride", Integer.toString(stride));
        params.put("overlap", Double.toString(overlap));
        params.put("mode", mode.name().toLowerCase(Locale.ROOT));
        if (mode == Mode.CONSTANT) {
            params.put("value", Double.toString(value));
        }
        params.put("occludedPasses", Integer.toString(n));
        params.put("map", "drop in target probability (baseline " + String.format(Locale.ROOT, "%.4f", scores[0]) + ")");
        return ClassActivationMap.normalisedMap(sum, w, h, image.width(), image.height(), NAME, params);
    }

    private float constantFill(ImageClassifier classifier) {
        var pre = classifier.modelPackage().card().preprocessing();
        return (float) ((value - pre.mean()) / pre.std());
    }

    private static float[] kernel(int mask) {
        double sigma = mask / 4.0;
        double c = (mask - 1) / 2.0;
        float[] k = new float[mask * mask];
        for (int y = 0; y < mask; y++) {
            for (int x = 0; x < mask; x++) {
                k[y * mask + x] = (float) Math.exp(-((x - c) * (x - c) + (y - c) * (y - c)) / (2 * sigma * sigma));
            }
        }
        return k;
    }

    private static double mean(float[] x, int px, int py, int cw, int stride, int ch) {
        double s = 0;
        for (int y = py; y < py + ch; y++) {
            for (int xx = px; xx < px + cw; xx++) {
                s += x[y * stride + xx];
            }
        }
        return s / (cw * ch);
    }
}
