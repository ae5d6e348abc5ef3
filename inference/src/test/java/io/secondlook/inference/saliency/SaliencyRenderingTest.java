package io.secondlook.inference.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
}
