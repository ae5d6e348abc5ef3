package io.secondlook.inference.saliency;

import java.util.Map;

/**
 * A saliency heat map in the coordinates of the image that was classified: {@code width * height} values,
 * row-major, normalised to [0,1] for display. {@code rawMin}/{@code rawMax} are the range before normalisation
 * (equal when the map is flat; its values are then all 0).
 */
public record SaliencyMap(int width, int height, float[] values, String method, Map<String, String> parameters,
                          double rawMin, double rawMax) {

    public SaliencyMap {
        if (values == null || values.length != (long) width * height) {
            throw new IllegalArgumentException("Expected " + (long) width * height + " values for " + width + "x"
                    + height);
        }
        parameters = Map.copyOf(parameters);
    }

    public float at(int x, int y) {
        return values[y * width + x];
    }
}
