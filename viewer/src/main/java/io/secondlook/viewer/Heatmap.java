package io.secondlook.viewer;

/**
 * A saliency or uncertainty map: row-major values in [0, 1] on a grid that spans the whole image (its
 * resolution may differ from the image's), and the method that made it ("CAM", "Grad-CAM", "Uncertainty").
 */
public record Heatmap(float[] values, int width, int height, String method) {

    public Heatmap {
        if (width <= 0 || height <= 0 || values.length != width * height) {
            throw new IllegalArgumentException("Heatmap " + width + "x" + height + " holds " + values.length + " values");
        }
        method = method == null ? "" : method;
    }
}
