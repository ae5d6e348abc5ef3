package io.secondlook.inference.segment;

import java.util.List;

/**
 * What a segmentation card adds to the common {@link io.secondlook.inference.model.ModelCard} fields, read from
 * the same {@code model-card.json}:
 * <ul>
 * <li>{@code input.orientation}: the voxel axis code the network was trained on, e.g. "LIA" (FreeSurfer
 * conformed); volumes are reoriented to it losslessly;</li>
 * <li>{@code input.spacingMm}: the voxel size it expects along i, j, k (optional);</li>
 * <li>{@code preprocessing.intensity}: "minMax", {@code (v - min) * (1 / (max - min))} over the whole volume in
 * double precision rounded to float32 (as the brainchop and niivue web demos do), or "none";</li>
 * <li>{@code labelColors}: one [r, g, b] per label.</li>
 * </ul>
 * The input tensor is [1, 1, depth, height, width] (NCDHW: width along voxel axis i, the fastest); the first output
 * holds per-class logits [1, C, depth, height, width].
 */
public record SegmentationSpec(String orientation, List<Double> spacingMm, String intensity, List<int[]> labelColors) {

    public static final String MIN_MAX = "minMax";
    public static final String NONE = "none";

    public SegmentationSpec {
        spacingMm = spacingMm == null ? null : List.copyOf(spacingMm);
        labelColors = List.copyOf(labelColors);
    }

    /** Label {@code index}'s colour as 0xAARRGGBB, opaque; background (index 0) transparent. */
    public int argb(int index) {
        int[] c = labelColors.get(index);
        int alpha = index == 0 ? 0 : 0xFF;
        return alpha << 24 | (c[0] & 0xFF) << 16 | (c[1] & 0xFF) << 8 | (c[2] & 0xFF);
    }
}
