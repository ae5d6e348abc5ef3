package io.secondlook.inference.segment;

import io.secondlook.inference.volume.Affine;
import java.util.List;

/**
 * Per-voxel labels and uncertainty on the input volume's own grid (index {@code i + width * (j + height * k)},
 * like {@link io.secondlook.inference.volume.Volume}), with per-label voxel counts and volumes.
 *
 * @param labels the argmax class index per voxel (unsigned byte)
 * @param entropy per-voxel softmax entropy divided by log(C): 0 certain, 1 all classes equally likely
 * @param classes one entry per label, in label order
 * @param device where the network ran ("cpu")
 */
public record SegmentationResult(int width, int height, int depth, Affine affine, byte[] labels, float[] entropy,
                                 List<SegmentClass> classes, String modelId, String modelVersion, String device,
                                 double inferenceSeconds) {

    public SegmentationResult {
        int n = width * height * depth;
        if (labels.length != n || entropy.length != n) {
            throw new IllegalArgumentException("labels/entropy do not match " + width + "x" + height + "x" + depth);
        }
        classes = List.copyOf(classes);
    }

    public double[] spacing() {
        return affine.spacing();
    }

    public int label(int i, int j, int k) {
        return labels[i + width * (j + height * k)] & 0xFF;
    }

    /** Slice {@code k}'s labels, row-major (width × height), ready to colour with {@link #argb}. */
    public byte[] labelSlice(int k) {
        byte[] out = new byte[width * height];
        System.arraycopy(labels, k * out.length, out, 0, out.length);
        return out;
    }

    /** Slice {@code k}'s normalised entropy, row-major. */
    public float[] entropySlice(int k) {
        float[] out = new float[width * height];
        System.arraycopy(entropy, k * out.length, out, 0, out.length);
        return out;
    }

    /** The display colour of a label (0xAARRGGBB). */
    public int argb(int label) {
        return classes.get(label).argb();
    }

    public SegmentClass segmentClass(String name) {
        return classes.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No label '" + name + "' in " + classes));
    }
}
