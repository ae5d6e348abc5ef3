package io.secondlook.inference.saliency;

import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.image.AreaResize;
import io.secondlook.inference.image.GrayImage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * RISE, randomised input sampling for explanation (Petsiuk, Das and Saenko, BMVC 2018): {@code masks} random
 * binary {@code grid x grid} masks, each cell kept with probability {@code keep}, upsampled bilinearly to
 * {@code (grid + 1) * cell} pixels ({@code cell = ceil(side / grid)}) and cropped at a random shift in
 * {@code [0, cell)}, multiply the image (display units, so hidden pixels are black); the map is
 * {@code sum_i score_i * M_i / (masks * keep)}. Masks come from a seeded generator: the same seed gives the same map.
 * Defaults: 1000 masks, a 7x7 grid, keep 0.5 (the paper's grid and probability), seed 0, batches of 64.
 */
public record Rise(int masks, int grid, double keep, long seed, int batchSize) implements SaliencyMethod {

    public static final String NAME = "RISE";

    public Rise {
        if (masks < 1 || grid < 1 || batchSize < 1) {
            throw new IllegalArgumentException("masks, grid and batchSize must be positive");
        }
        if (!(keep > 0 && keep < 1)) {
            throw new IllegalArgumentException("keep must be in (0,1), got " + keep);
        }
    }

    public static Rise defaults() {
        return new Rise(1000, 7, 0.5, 0, 64);
    }

    public Rise withMasks(int n) {
        return new Rise(n, grid, keep, seed, batchSize);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SaliencyMap explain(ImageClassifier classifier, GrayImage image, int classIndex) {
        int w = classifier.inputWidth();
        int h = classifier.inputHeight();
        int size = w * h;
        float[] unit = AreaResize.resize(image, w, h);
        SplittableRandom random = new SplittableRandom(seed);
        double[] saliency = new double[size];
        for (int start = 0; start < masks; start += batchSize) {
            int n = Math.min(batchSize, masks - start);
            float[][] batchMasks = new float[n][];
            float[] batch = new float[n * size];
            for (int m = 0; m < n; m++) {
                float[] mask = mask(random, w, h);
                batchMasks[m] = mask;
                for (int i = 0; i < size; i++) {
                    batch[m * size + i] = unit[i] * mask[i];
                }
            }
            classifier.normalise(batch);
            float[] scores = classifier.scores(batch, n, classIndex, batchSize);
            for (int m = 0; m < n; m++) {
                float[] mask = batchMasks[m];
                for (int i = 0; i < size; i++) {
                    saliency[i] += scores[m] * mask[i];
                }
            }
        }
        for (int i = 0; i < size; i++) {
            saliency[i] /= masks * keep;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("targetLabel", classifier.modelPackage().card().labels().get(classIndex));
        params.put("masks", Integer.toString(masks));
        params.put("grid", grid + "x" + grid);
        params.put("keep", Double.toString(keep));
        params.put("seed", Long.toString(seed));
        params.put("map", String.format(Locale.ROOT, "expected target probability when the pixel is visible"));
        return ClassActivationMap.normalisedMap(saliency, w, h, image.width(), image.height(), NAME, params);
    }

    /** One smooth mask at {@code w x h}: a random binary grid upsampled bilinearly to (grid+1) cells, shifted, cropped. */
    private float[] mask(SplittableRandom random, int w, int h) {
        int cellW = (w + grid - 1) / grid;
        int cellH = (h + grid - 1) / grid;
        double[] cells = new double[grid * grid];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = random.nextDouble() < keep ? 1 : 0;
        }
        int upW = (grid + 1) * cellW;
        int upH = (grid + 1) * cellH;
        float[] up = ClassActivationMap.bilinear(cells, grid, grid, upW, upH);
        int sx = random.nextInt(cellW);
        int sy = random.nextInt(cellH);
        float[] mask = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mask[y * w + x] = up[(y + sy) * upW + x + sx];
            }
        }
        return mask;
    }
}
