package io.secondlook.inference.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
