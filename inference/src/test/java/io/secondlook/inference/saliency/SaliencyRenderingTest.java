package io.secondlook.inference.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.inference.image.GrayImage;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaliencyRenderingTest {

    @Test
    void colormapEndsAndLut() {
        assertEquals(0xFF000080, Colormap.JET.argb(0));
        assertEquals(0xFF800000, Colormap.JET.argb(1));
        assertEquals(0xFF000000, Colormap.GRAY.argb(-3));
        assertEquals(0xFFFFFFFF, Colormap.GRAY.argb(7));
        int[] lut = Colormap.INFERNO.lut256();
        assertEquals(256, lut.length);
        assertEquals(Colormap.INFERNO.argb(0.5), lut[128]);
    }

    @Test
    void camUpsamplesLikeHalfPixelBilinear() {
        // 2x2 grid -> 4x4: corners keep the grid values, inner pixels interpolate at quarter steps.
        float[] features = {0, 1, 2, 3};
        SaliencyMap map = ClassActivationMap.compute(features, 1, 2, 2, new double[] {1}, 4, 4, Map.of());
        assertEquals(0, map.rawMin());
        assertEquals(3, map.rawMax());
        assertEquals(0f, map.at(0, 0));
        assertEquals(1f, map.at(3, 3));
        assertEquals((0.25 * 1 + 0.75 * 0) / 3, map.at(1, 0), 1e-6);
        assertEquals("2x2", map.parameters().get("grid"));
    }

    @Test
    void camAppliesReluAndFlatMapsAreZero() {
        float[] features = {-1, -2, -3, -4};
        SaliencyMap map = ClassActivationMap.compute(features, 1, 2, 2, new double[] {1}, 3, 3, Map.of());
        assertEquals(0, map.rawMax());
        assertArrayEquals(new float[9], map.values());
    }

    @Test
    void overlayBlendsByOpacityAndValue() {
        GrayImage gray = new GrayImage(2, 1, new float[] {0.5f, 0.5f});
        SaliencyMap map = new SaliencyMap(2, 1, new float[] {0, 1}, "CAM", Map.of(), 0, 1);
        int[] none = SaliencyOverlay.blend(gray, map, Colormap.JET, 0);
        assertEquals(0xFF808080, none[0]);
        assertEquals(0xFF808080, none[1]);
        int[] full = SaliencyOverlay.blend(gray, map, Colormap.JET, 1);
        assertEquals(0xFF808080, full[0]);
        assertEquals(Colormap.JET.argb(1), full[1]);
        BufferedImage img = SaliencyOverlay.render(gray, map, Colormap.JET, 0.5);
        assertNotEquals(img.getRGB(0, 0), img.getRGB(1, 0));
    }

    @Test
    void camOnAModelInputGridCoversTheWholeImage() {
        // Two images of a batch, 2 channels on a 2x2 grid each; the second read in place at its offset.
        float[] batch = {9, 9, 9, 9, 9, 9, 9, 9, 0, 1, 2, 3, 1, 1, 1, 1};
        double[] weights = {1, -0.5};
        SaliencyMap inPlace = ClassActivationMap.compute(batch, 8, 2, 2, 2, weights, 4, 4, 512, 384, Map.of());
        float[] second = java.util.Arrays.copyOfRange(batch, 8, 16);
        SaliencyMap copied = ClassActivationMap.compute(second, 2, 2, 2, weights, 4, 4, Map.of());
        assertArrayEquals(copied.values(), inPlace.values());
        assertEquals(copied.rawMax(), inPlace.rawMax());
        assertEquals(2.5, inPlace.rawMax());
        assertEquals(4, inPlace.width());
        assertEquals(512, inPlace.imageWidth());
        assertEquals(384, inPlace.imageHeight());
        assertFalse(inPlace.isAtImageResolution());
        assertTrue(copied.isAtImageResolution());
    }

    @Test
    void resamplingInterpolatesBilinearlyAndKeepsTheRange() {
        SaliencyMap grid = new SaliencyMap(2, 1, new float[] {0, 1}, "CAM", Map.of("grid", "2x1"), -2, 6, 8, 3);
        SaliencyMap full = grid.atImageResolution();
        assertEquals(8, full.width());
        assertEquals(3, full.height());
        assertEquals(-2, full.rawMin());
        assertEquals(6, full.rawMax());
        assertEquals("2x1", full.parameters().get("grid"));
        // Half-pixel centres: image x = 0..7 sit at grid x = (x + 0.5) / 4 - 0.5, clamped to [0, 1].
        float[] expectedRow = {0, 0, 0.125f, 0.375f, 0.625f, 0.875f, 1, 1};
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 8; x++) {
                assertEquals(expectedRow[x], full.at(x, y), 1e-6, "pixel " + x + "," + y);
            }
        }
        assertSame(full, full.atImageResolution());
    }

    @Test
    void overlayUpsamplesACoarseMapToTheImageAndRefusesAnotherImage() {
        GrayImage gray = new GrayImage(8, 3, new float[24]);
        SaliencyMap grid = new SaliencyMap(2, 1, new float[] {0, 1}, "CAM", Map.of(), 0, 1, 8, 3);
        assertArrayEquals(SaliencyOverlay.blend(gray, grid.atImageResolution(), Colormap.JET, 0.7),
                SaliencyOverlay.blend(gray, grid, Colormap.JET, 0.7));
        GrayImage other = new GrayImage(2, 1, new float[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SaliencyOverlay.blend(other, grid, Colormap.JET, 0.7));
        assertTrue(e.getMessage().contains("8x3"), e.getMessage());
    }
}
