package io.secondlook.viewer;

/** Colour lookup tables for heatmaps: 256 opaque ARGB entries from value 0 to value 1. */
public enum Colormap {
    JET("Jet", new float[][] {{0, 0, 0, 0.5f}, {0.11f, 0, 0, 1}, {0.36f, 0, 1, 1}, {0.61f, 1, 1, 0}, {0.86f, 1, 0, 0},
            {1, 0.5f, 0, 0}}),
    HOT("Hot", new float[][] {{0, 0.04f, 0, 0}, {0.38f, 1, 0, 0}, {0.75f, 1, 1, 0}, {1, 1, 1, 1}}),
    VIRIDIS("Viridis", new float[][] {{0, 0.267f, 0.005f, 0.329f}, {0.25f, 0.229f, 0.322f, 0.546f},
            {0.5f, 0.128f, 0.567f, 0.551f}, {0.75f, 0.369f, 0.789f, 0.383f}, {1, 0.993f, 0.906f, 0.144f}});

    private final String label;
    private final int[] lut;

    Colormap(String label, float[][] stops) {
        this.label = label;
        this.lut = interpolate(stops);
    }

    public String label() {
        return label;
    }

    /** A copy of the 256-entry ARGB table. */
    public int[] lut() {
        return lut.clone();
    }

    /** Piecewise-linear table through stops given as {position, red, green, blue}, all in [0, 1]. */
    static int[] interpolate(float[][] stops) {
        int[] out = new int[256];
        for (int i = 0; i < 256; i++) {
            float t = i / 255f;
            int k = 0;
            while (k < stops.length - 2 && t > stops[k + 1][0]) {
                k++;
            }
            float[] a = stops[k];
            float[] b = stops[k + 1];
            float f = b[0] == a[0] ? 0 : Math.max(0, Math.min(1, (t - a[0]) / (b[0] - a[0])));
            int r = Math.round(255 * (a[1] + f * (b[1] - a[1])));
            int g = Math.round(255 * (a[2] + f * (b[2] - a[2])));
            int bl = Math.round(255 * (a[3] + f * (b[3] - a[3])));
            out[i] = 0xFF000000 | r << 16 | g << 8 | bl;
        }
        return out;
    }

    @Override
    public String toString() {
        return label;
    }
}
