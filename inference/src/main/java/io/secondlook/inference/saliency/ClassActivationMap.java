package io.secondlook.inference.saliency;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Class activation mapping (Zhou et al., CVPR 2016) for networks ending in global average pooling and a linear
 * head: {@code CAM_c = ReLU(sum_k w_ck * F_k)}, upsampled bilinearly (half-pixel centres, edge clamped, as
 * PyTorch's {@code interpolate(align_corners=False)}) and min-max normalised.
 */
public final class ClassActivationMap {

    public static final String METHOD = "CAM";

    private ClassActivationMap() {
    }

    /**
     * The map at {@code outWidth x outHeight} over an image of the same size.
     *
     * @param features one image's feature map, {@code [channels][gridH][gridW]} flattened row-major
     * @param weights  the head's weights for the target class, one per channel
     */
    public static SaliencyMap compute(float[] features, int channels, int gridH, int gridW, double[] weights,
                                      int outWidth, int outHeight, Map<String, String> parameters) {
        if (features.length != channels * gridH * gridW) {
            throw new IllegalArgumentException("Feature map " + features.length + " values for " + channels + "x"
                    + gridH + "x" + gridW);
        }
        return compute(features, 0, channels, gridH, gridW, weights, outWidth, outHeight, outWidth, outHeight,
                parameters);
    }

    /**
     * The map on an {@code outWidth x outHeight} grid covering an {@code imageWidth x imageHeight} image, from
     * the feature map that starts at {@code offset} in {@code features} (one image of a batch, read in place).
     * Upsampling and normalisation happen on the output grid (MONAI's CAM does both at the network's input size).
     */
    public static SaliencyMap compute(float[] features, int offset, int channels, int gridH, int gridW,
                                      double[] weights, int outWidth, int outHeight, int imageWidth,
                                      int imageHeight, Map<String, String> parameters) {
        return compute(FloatBuffer.wrap(features), offset, channels, gridH, gridW, weights, outWidth, outHeight,
                imageWidth, imageHeight, parameters);
    }

    /** As above, reading the feature map in place from a buffer (ONNX Runtime's output buffer). */
    public static SaliencyMap compute(FloatBuffer features, int offset, int channels, int gridH, int gridW,
                                      double[] weights, int outWidth, int outHeight, int imageWidth,
                                      int imageHeight, Map<String, String> parameters) {
        int cells = gridH * gridW;
        if (weights.length != channels || offset < 0 || features.limit() - offset < channels * cells) {
            throw new IllegalArgumentException("Feature map of " + (features.limit() - offset) + " values for "
                    + channels + "x" + gridH + "x" + gridW + " with " + weights.length + " weights");
        }
        // Each channel is copied into a line buffer so that both arrays are read from index 0, the form the JIT
        // vectorises (element reads from a direct buffer, or reads at an offset, it does not).
        float[] sum = new float[cells];
        float[] line = new float[cells];
        for (int k = 0; k < channels; k++) {
            features.get(offset + k * cells, line, 0, cells);
            float w = (float) weights[k];
            // Float accumulation, as the network's own head computes.
            for (int i = 0; i < cells; i++) {
                sum[i] += w * line[i];
            }
        }
        return fromWeightedSum(sum, gridH, gridW, outWidth, outHeight, imageWidth, imageHeight, parameters);
    }

    private static SaliencyMap fromWeightedSum(float[] sum, int gridH, int gridW, int outWidth, int outHeight,
                                               int imageWidth, int imageHeight, Map<String, String> parameters) {
        int cells = sum.length;
        double[] grid = new double[cells];
        for (int i = 0; i < cells; i++) {
            grid[i] = Math.max(0, sum[i]);
        }
        Map<String, String> params = new LinkedHashMap<>(parameters);
        params.put("grid", gridW + "x" + gridH);
        params.put("upsampling", "bilinear");
        return normalisedMap(grid, gridW, gridH, outWidth, outHeight, imageWidth, imageHeight, METHOD, params);
    }

    /**
     * Upsamples a grid bilinearly to {@code outWidth x outHeight} and min-max normalises it into a
     * {@link SaliencyMap} at the image's resolution whose raw range is the upsampled grid's.
     */
    static SaliencyMap normalisedMap(double[] grid, int gridW, int gridH, int outWidth, int outHeight, String method,
                                     Map<String, String> params) {
        return normalisedMap(grid, gridW, gridH, outWidth, outHeight, outWidth, outHeight, method, params);
    }

    static SaliencyMap normalisedMap(double[] grid, int gridW, int gridH, int outWidth, int outHeight,
                                     int imageWidth, int imageHeight, String method, Map<String, String> params) {
        float[] values = bilinear(grid, gridW, gridH, outWidth, outHeight);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max > min) {
            float range = max - min;
            for (int i = 0; i < values.length; i++) {
                values[i] = (values[i] - min) / range;
            }
        } else {
            java.util.Arrays.fill(values, 0);
        }
        return new SaliencyMap(outWidth, outHeight, values, method, params, min, max, imageWidth, imageHeight);
    }

    static float[] bilinear(double[] src, int srcW, int srcH, int dstW, int dstH) {
        // Separable: each source row interpolated across once, then each output row mixes two of those rows.
        // Same arithmetic in the same order as interpolating every output pixel from its four neighbours.
        double[] across = new double[srcH * dstW];
        double sx = (double) srcW / dstW;
        for (int x = 0; x < dstW; x++) {
            double fx = Math.max(0, (x + 0.5) * sx - 0.5);
            int x0 = Math.min((int) fx, srcW - 1);
            int x1 = Math.min(x0 + 1, srcW - 1);
            double a = fx - x0;
            for (int y = 0, r = 0; y < srcH; y++, r += srcW) {
                across[y * dstW + x] = src[r + x0] + a * (src[r + x1] - src[r + x0]);
            }
        }
        float[] out = new float[dstW * dstH];
        double sy = (double) srcH / dstH;
        for (int y = 0; y < dstH; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, srcH - 1);
            int t = y0 * dstW;
            int b = Math.min(y0 + 1, srcH - 1) * dstW;
            double ay = fy - y0;
            int o = y * dstW;
            for (int x = 0; x < dstW; x++) {
                double top = across[t + x];
                out[o + x] = (float) (top + ay * (across[b + x] - top));
            }
        }
        return out;
    }
}
