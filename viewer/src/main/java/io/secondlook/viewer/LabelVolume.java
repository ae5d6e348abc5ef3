package io.secondlook.viewer;

import java.util.List;
import java.util.Objects;

/**
 * A per-voxel labelling of a stack, slice {@code k} matching the viewer's slice {@code k}: label indices
 * (index {@code x + width * (y + height * k)}, 0 = background), a per-voxel uncertainty in [0, 1] and the labels'
 * names, colours and volumes.
 */
public record LabelVolume(int width, int height, int depth, byte[] labels, float[] uncertainty,
                          List<LabelClass> classes, String uncertaintyName) {

    /** One label: its display colour 0xAARRGGBB (alpha 0 is not drawn) and its volume in millilitres. */
    public record LabelClass(int index, String name, int argb, double volumeMl) {
        public LabelClass {
            Objects.requireNonNull(name, "name");
        }
    }

    public LabelVolume {
        long n = (long) width * height * depth;
        if (width <= 0 || height <= 0 || depth <= 0 || labels.length != n || uncertainty.length != n) {
            throw new IllegalArgumentException("A " + width + "x" + height + "x" + depth + " label volume needs "
                    + n + " labels and uncertainties, got " + labels.length + " and " + uncertainty.length);
        }
        classes = List.copyOf(classes);
        uncertaintyName = uncertaintyName == null ? "Uncertainty" : uncertaintyName;
    }

    /** The colour of label {@code index}, transparent for an index without a class. */
    public int argb(int index) {
        return index < classes.size() ? classes.get(index).argb() : 0;
    }
}
