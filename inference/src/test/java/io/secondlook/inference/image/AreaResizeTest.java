package io.secondlook.inference.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AreaResizeTest {

    @Test
    void averagesWholeBlocks() {
        GrayImage img = new GrayImage(4, 2, new float[] {0, 1, 0.2f, 0.4f, 1, 0, 0.6f, 0.8f});
        assertArrayEquals(new float[] {0.5f, 0.5f}, AreaResize.resize(img, 2, 1), 1e-6f);
    }

    @Test
    void weighsFractionalBorders() {
        // 3 -> 2: target 0 covers source [0, 1.5), target 1 covers [1.5, 3).
        GrayImage img = new GrayImage(3, 1, new float[] {0, 0.3f, 0.9f});
        assertArrayEquals(new float[] {0.1f, 0.7f}, AreaResize.resize(img, 2, 1), 1e-6f);
    }

    @Test
    void sameSizeIsACopyAndUpscalingReplicates() {
        float[] px = {0.1f, 0.2f, 0.3f, 0.4f};
        GrayImage img = new GrayImage(2, 2, px);
        assertArrayEquals(px, AreaResize.resize(img, 2, 2));
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.2f, 0.2f}, AreaResize.resize(new GrayImage(2, 1,
                new float[] {0.1f, 0.2f}), 4, 1), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> new GrayImage(2, 2, new float[3]));
    }

    private static GrayImage random(int width, int height, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextDouble();
        }
        return new GrayImage(width, height, px);
    }

    @Test
    void matchesTheExactBoxAverageWithinFloatRounding() {
        int[][] cases = {{512, 512, 28, 28}, {56, 84, 28, 28}, {300, 217, 28, 28}, {512, 512, 224, 224},
                {1000, 3, 7, 2}, {5, 9, 13, 4}};
        long seed = 1;
        for (int[] c : cases) {
            GrayImage src = random(c[0], c[1], seed++);
            float[] fast = AreaResize.resize(src, c[2], c[3]);
            double[] exact = BoxAverage.exact(src, c[2], c[3]);
            double worst = 0;
            for (int i = 0; i < exact.length; i++) {
                worst = Math.max(worst, Math.abs(fast[i] - exact[i]));
            }
            // Values in [0,1]: float accumulation of at most ~40 terms stays within a few ulps of 1.
            assertEquals(0, worst, 1e-6, c[0] + "x" + c[1] + " -> " + c[2] + "x" + c[3]);
        }
    }

    @Test
    void writesIntoABatchAtAnOffsetAndLeavesTheRest() {
        GrayImage src = random(512, 512, 7);
        float[] batch = new float[3 * 784];
        java.util.Arrays.fill(batch, -5f);
        AreaResize.resizeInto(src, 28, 28, batch, 784);
        float[] alone = AreaResize.resize(src, 28, 28);
        for (int i = 0; i < 784; i++) {
            assertEquals(-5f, batch[i]);
            assertEquals(alone[i], batch[784 + i]);
            assertEquals(-5f, batch[2 * 784 + i]);
        }
    }
}
