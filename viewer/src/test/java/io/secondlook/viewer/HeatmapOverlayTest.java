package io.secondlook.viewer;

import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(ApplicationExtension.class)
class HeatmapOverlayTest {

    @Test
    void upsamplesBilinearlyAndLeavesValuesBelowTheThresholdTransparent() {
        int[] lut = Colormap.VIRIDIS.lut();
        Heatmap map = new Heatmap(new float[] {0, 1}, 2, 1, "CAM");
        WritableImage image = HeatmapOverlay.render(map, 4, 1, lut, 0.5);
        PixelReader px = image.getPixelReader();
        // Pixel centres fall at grid x = 0 (clamped), 0.25, 0.75 and 1 (clamped).
        assertEquals(0, px.getArgb(0, 0));
        assertEquals(0, px.getArgb(1, 0));
        assertEquals(lut[191], px.getArgb(2, 0));
        assertEquals(lut[255], px.getArgb(3, 0));
    }

    @Test
    void colormapsRunFromTheirFirstToTheirLastStop() {
        int[] jet = Colormap.JET.lut();
        assertEquals(256, jet.length);
        assertEquals(0xFF000080, jet[0]);
        assertEquals(0xFF800000, jet[255]);
        assertEquals(0xFFFFFFFF, Colormap.HOT.lut()[255]);
    }
}
