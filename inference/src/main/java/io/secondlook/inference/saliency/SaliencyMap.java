package io.secondlook.inference.saliency;

import java.util.Map;

/**
 * A saliency heat map over the image that was classified: a {@code width * height} grid, row-major, normalised to
 * [0,1] for display, covering the whole {@code imageWidth x imageHeight} image (cell {@code (x, y)} is centred on
 * image point {@code ((x + 0.5) * imageWidth / width, (y + 0.5) * imageHeight / height)}). A map may be coarser
 * than the image (CAM stays at the model's input resolution); {@link #resampled} and {@link #atImageResolution}
 * interpolate it for display. {@code rawMin}/{@code rawMax} are the range before normalisation (equal when the
 * map is flat; its values are then all 0).
 */
public record SaliencyMap(int width, int height, float[] values, String method, Map<String, String> parameters,
                          double rawMin, double rawMax, int imageWidth, int imageHeight) {

    public SaliencyMap {
        if (values == null || values.length != (long) width * height) {
            throw new IllegalArgumentException("Expected " + (long) width * height + " values for " + width + "x"
                    + height);
        }
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + imageWidth + "x" + imageHeight);
        }
        parameters = Map.copyOf(parameters);
    }

    /** A map at the image's own resolution. */
    public SaliencyMap(int width, int height, float[] values, String method, Map<String, String> parameters,
                       double rawMin, double rawMax) {
        this(width, height, values, method, parameters, rawMin, rawMax, width, height);
    }

    public float at(int x, int y) {
        return values[y * width + x];
    }

    /** Whether the grid has one value per image pixel. */
    public boolean isAtImageResolution() {
        return width == imageWidth && height == imageHeight;
    }

    /**
     * The same map sampled on a {@code gridWidth x gridHeight} grid over the same image, bilinearly (half-pixel
     * centres, edges clamped); values stay in [0,1] and the raw range is kept.
     */
    public SaliencyMap resampled(int gridWidth, int gridHeight) {
        if (gridWidth == width && gridHeight == height) {
            return this;
        }
        double[] src = new double[values.length];
        for (int i = 0; i < src.length; i++) {
            src[i] = values[i];
        }
        return new SaliencyMap(gridWidth, gridHeight,
                ClassActivationMap.bilinear(src, width, height, gridWidth, gridHeight), method, parameters,
                rawMin, rawMax, imageWidth, imageHeight);
    }

    /** {@link #resampled} to one value per image pixel: what overlays and saved heat-map images show. */
    public SaliencyMap atImageResolution() {
        return resampled(imageWidth, imageHeight);
    }
}
