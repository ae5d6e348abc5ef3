package io.secondlook.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelOverlayTest {
    private static final int GREEN = 0xFF00C800;
    private static final int RED = 0xFFC80000;

    /** 2x2x2: slice 0 background and label 1; slice 1 label 2 and background. */
    private static LabelVolume volume() {
        return new LabelVolume(2, 2, 2, new byte[] {0, 1, 1, 0, 2, 0, 0, 0},
                new float[] {0, 0.5f, 1, 0, 0.25f, 0, 0, 0},
                List.of(new LabelVolume.LabelClass(0, "background", 0, 3.0),
                        new LabelVolume.LabelClass(1, "lung", GREEN, 2.0),
                        new LabelVolume.LabelClass(2, "bone", RED, 1.0)), "Entropy");
    }

    @Test
    void eachSliceIsColouredWithItsOwnLabelsAndBackgroundStaysTransparent() {
        assertEquals(List.of(0, GREEN, GREEN, 0), boxed(LabelOverlay.sliceArgb(volume(), 0, false, null, 0)));
        assertEquals(List.of(RED, 0, 0, 0), boxed(LabelOverlay.sliceArgb(volume(), 1, false, null, 0)));
    }

    @Test
    void uncertaintyIsColouredThroughTheTableAndZeroOrBelowTheThresholdIsTransparent() {
        int[] lut = Colormap.HOT.lut();
        assertEquals(List.of(0, lut[128], lut[255], 0), boxed(LabelOverlay.sliceArgb(volume(), 0, true, lut, 0)));
        assertEquals(List.of(lut[64], 0, 0, 0), boxed(LabelOverlay.sliceArgb(volume(), 1, true, lut, 0)));
        assertEquals(List.of(0, lut[128], lut[255], 0), boxed(LabelOverlay.sliceArgb(volume(), 0, true, lut, 0.5)));
        assertEquals(List.of(0, 0, 0, 0), boxed(LabelOverlay.sliceArgb(volume(), 1, true, lut, 0.5)));
    }

    @Test
    void aVolumeWhoseArraysDoNotMatchItsSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabelVolume(2, 2, 2, new byte[7], new float[8], List.of(), null));
        assertEquals("A 2x2x2 label volume needs 8 labels and uncertainties, got 7 and 8", e.getMessage());
    }

    private static List<Integer> boxed(int[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
