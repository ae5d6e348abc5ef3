package io.secondlook.inference.image;

/**
 * Resizes by area averaging: each target pixel is the mean of the source area it covers, with fractional
 * weights at the borders (like OpenCV's INTER_AREA and PIL's BOX filter). Equal sizes are an exact copy.
 */
public final class AreaResize {

    private AreaResize() {
    }

    public static float[] resize(GrayImage src, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Target size must be positive, got " + width + "x" + height);
        }
        if (src.width() == width && src.height() == height) {
            return src.pixels().clone();
        }
        double[][] wx = weights(src.width(), width);
        double[][] wy = weights(src.height(), height);
        // Separable: rows first into a height x target-width buffer, then columns.
        double[] rows = new double[src.height() * width];
        for (int y = 0; y < src.height(); y++) {
            for (int tx = 0; tx < width; tx++) {
                double s = 0;
                int start = (int) wx[tx][0];
                for (int k = 1; k < wx[tx].length; k++) {
                    s += wx[tx][k] * src.pixels()[y * src.width() + start + k - 1];
                }
                rows[y * width + tx] = s;
            }
        }
        float[] out = new float[width * height];
        for (int ty = 0; ty < height; ty++) {
            int start = (int) wy[ty][0];
            for (int tx = 0; tx < width; tx++) {
                double s = 0;
                for (int k = 1; k < wy[ty].length; k++) {
                    s += wy[ty][k] * rows[(start + k - 1) * width + tx];
                }
                out[ty * width + tx] = (float) s;
            }
        }
        return out;
    }

    /** For each target index: {first source index, weight...}, weights summing to 1. */
    private static double[][] weights(int srcSize, int dstSize) {
        double scale = (double) srcSize / dstSize;
        double[][] w = new double[dstSize][];
        for (int t = 0; t < dstSize; t++) {
            double a = t * scale;
            double b = Math.min(srcSize, (t + 1) * scale);
            int first = (int) Math.floor(a);
            int last = Math.min(srcSize - 1, (int) Math.ceil(b) - 1);
            double[] row = new double[last - first + 2];
            row[0] = first;
            for (int s = first; s <= last; s++) {
                double overlap = Math.min(b, s + 1) - Math.max(a, s);
                row[s - first + 1] = Math.max(0, overlap) / (b - a);
            }
            w[t] = row;
        }
        return w;
    }
}
