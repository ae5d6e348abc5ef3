package io.secondlook.inference.image;

/**
 * Resizes by area averaging: each target pixel is the mean of the source area it covers, with fractional
 * weights at the borders (like OpenCV's INTER_AREA and PIL's BOX filter). Equal sizes are an exact copy.
 * Float arithmetic: within a few float ulps of the exact box average (see {@code AreaResizeTest}).
 */
public final class AreaResize {

    private AreaResize() {
    }

    public static float[] resize(GrayImage src, int width, int height) {
        float[] out = new float[width > 0 && height > 0 ? width * height : 0];
        resizeInto(src, width, height, out, 0);
        return out;
    }

    /** {@link #resize} written into {@code dst} from {@code offset} ({@code width * height} values). */
    public static void resizeInto(GrayImage src, int width, int height, float[] dst, int offset) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Target size must be positive, got " + width + "x" + height);
        }
        int sw = src.width();
        float[] px = src.pixels();
        if (sw == width && src.height() == height) {
            System.arraycopy(px, 0, dst, offset, px.length);
            return;
        }
        Weights wx = Weights.of(sw, width);
        Weights wy = Weights.of(src.height(), height);
        // Separable, columns first: every source row is read contiguously into a line buffer and added, weighted,
        // to its target row's accumulator; the row pass then works on those height x source-width sums. Line and
        // accumulator both start at index 0, the form the JIT vectorises (with offsets into the image it does
        // not, not knowing that the two arrays differ).
        float[][] rows = new float[height][sw];
        float[] line = new float[sw];
        for (int ty = 0; ty < height; ty++) {
            float[] acc = rows[ty];
            float[] w = wy.weights[ty];
            for (int k = 0; k < w.length; k++) {
                System.arraycopy(px, (wy.first[ty] + k) * sw, line, 0, sw);
                float wk = w[k];
                for (int x = 0; x < sw; x++) {
                    acc[x] += wk * line[x];
                }
            }
        }
        for (int ty = 0; ty < height; ty++) {
            float[] acc = rows[ty];
            int o = offset + ty * width;
            for (int tx = 0; tx < width; tx++) {
                float[] w = wx.weights[tx];
                int s = wx.first[tx];
                float sum = 0;
                for (int k = 0; k < w.length; k++) {
                    sum += w[k] * acc[s + k];
                }
                dst[o + tx] = sum;
            }
        }
    }

    /** For each target index its first source index and the weights of its source run, summing to 1. */
    private record Weights(int[] first, float[][] weights) {

        static Weights of(int srcSize, int dstSize) {
            double scale = (double) srcSize / dstSize;
            int[] first = new int[dstSize];
            float[][] weights = new float[dstSize][];
            for (int t = 0; t < dstSize; t++) {
                double a = t * scale;
                double b = Math.min(srcSize, (t + 1) * scale);
                int lo = (int) Math.floor(a);
                int hi = Math.min(srcSize - 1, (int) Math.ceil(b) - 1);
                float[] w = new float[hi - lo + 1];
                for (int s = lo; s <= hi; s++) {
                    double overlap = Math.min(b, s + 1) - Math.max(a, s);
                    w[s - lo] = (float) (Math.max(0, overlap) / (b - a));
                }
                first[t] = lo;
                weights[t] = w;
            }
            return new Weights(first, weights);
        }
    }
}
