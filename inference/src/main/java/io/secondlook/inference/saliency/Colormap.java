package io.secondlook.inference.saliency;

/** Colour maps for heat maps; {@link #argb(double)} takes a value in [0,1] (clamped) and returns opaque ARGB. */
public enum Colormap {
    /** Classic blue-cyan-yellow-red rainbow, familiar from CAM figures. */
    JET(new double[][] {
        {0.0, 0, 0, 0.5}, {0.11, 0, 0, 1}, {0.125, 0, 0, 1}, {0.34, 0, 0.86, 1}, {0.35, 0, 0.9, 0.97},
        {0.64, 1, 1, 0}, {0.66, 1, 0.95, 0}, {0.89, 1, 0, 0}, {1.0, 0.5, 0, 0}}),
    /** Perceptually uniform black-purple-orange-yellow (matplotlib inferno, sampled every 1/8). */
    INFERNO(new double[][] {
        {0.0, 0.0015, 0.0005, 0.0139}, {0.125, 0.0878, 0.0446, 0.2247}, {0.25, 0.2582, 0.0386, 0.4065},
        {0.375, 0.4168, 0.0902, 0.4329}, {0.5, 0.5783, 0.1480, 0.4044}, {0.625, 0.7355, 0.2154, 0.3301},
        {0.75, 0.8650, 0.3168, 0.2261}, {0.875, 0.9541, 0.4679, 0.0998}, {1.0, 0.9884, 0.9984, 0.6449}}),
    /** Plain black to white. */
    GRAY(new double[][] {{0.0, 0, 0, 0}, {1.0, 1, 1, 1}});

    private final double[][] stops;
    private final int[] lut;

    Colormap(double[][] stops) {
        this.stops = stops;
        this.lut = new int[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = interpolate(i / 255.0);
        }
    }

    /** Opaque ARGB for {@code v} in [0,1]; NaN maps to 0. */
    public int argb(double v) {
        return lut[(int) Math.round(clamp(v) * 255)];
    }

    /** The 256-entry lookup table, index = round(v * 255). */
    public int[] lut256() {
        return lut.clone();
    }

    private int interpolate(double v) {
        int i = 1;
        while (i < stops.length - 1 && stops[i][0] < v) {
            i++;
        }
        double[] a = stops[i - 1];
        double[] b = stops[i];
        double t = b[0] == a[0] ? 0 : (v - a[0]) / (b[0] - a[0]);
        int r = channel(a[1] + (b[1] - a[1]) * t);
        int g = channel(a[2] + (b[2] - a[2]) * t);
        int bl = channel(a[3] + (b[3] - a[3]) * t);
        return 0xFF000000 | r << 16 | g << 8 | bl;
    }

    private static int channel(double c) {
        return (int) Math.round(clamp(c) * 255);
    }

    static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
