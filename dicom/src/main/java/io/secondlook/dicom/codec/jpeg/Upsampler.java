package io.secondlook.dicom.codec.jpeg;

/**
 * Brings a subsampled component plane to full size as libjpeg 6b does by default: "fancy" triangular
 * interpolation for 2:1 horizontal (h2v1) and 2:1 both ways (h2v2) when the plane is wider than two samples,
 * plain replication otherwise; edges replicate the outermost samples.
 */
final class Upsampler {
    private Upsampler() {
    }

    /**
     * @param in plane with row stride {@code stride}, holding {@code w} by {@code h} valid samples
     * @return a plane of {@code outW} by {@code outH} samples (row stride {@code outW})
     */
    static int[] upsample(int[] in, int stride, int w, int h, int hFactor, int vFactor, int outW, int outH) {
        int[] out = new int[outW * outH];
        boolean fancy = w > 2;
        if (fancy && hFactor == 2 && vFactor == 1) {
            int[] row = new int[2 * w];
            for (int y = 0; y < outH; y++) {
                h2v1Row(in, y * stride, w, row);
                System.arraycopy(row, 0, out, y * outW, outW);
            }
        } else if (fancy && hFactor == 2 && vFactor == 2) {
            int[] colSum = new int[w];
            int[] row = new int[2 * w];
            for (int y = 0; y < outH; y++) {
                int iy = y >> 1;
                int ny = Math.max(0, Math.min(h - 1, (y & 1) == 0 ? iy - 1 : iy + 1));
                int a = iy * stride;
                int b = ny * stride;
                for (int x = 0; x < w; x++) {
                    colSum[x] = in[a + x] * 3 + in[b + x];
                }
                h2v2Row(colSum, w, row);
                System.arraycopy(row, 0, out, y * outW, outW);
            }
        } else {
            for (int y = 0; y < outH; y++) {
                int a = (y / vFactor) * stride;
                int o = y * outW;
                for (int x = 0; x < outW; x++) {
                    out[o + x] = in[a + x / hFactor];
                }
            }
        }
        return out;
    }

    private static void h2v1Row(int[] in, int a, int w, int[] out) {
        int v = in[a];
        out[0] = v;
        out[1] = (v * 3 + in[a + 1] + 2) >> 2;
        for (int x = 1; x < w - 1; x++) {
            v = in[a + x] * 3;
            out[2 * x] = (v + in[a + x - 1] + 1) >> 2;
            out[2 * x + 1] = (v + in[a + x + 1] + 2) >> 2;
        }
        v = in[a + w - 1];
        out[2 * w - 2] = (v * 3 + in[a + w - 2] + 1) >> 2;
        out[2 * w - 1] = v;
    }

    private static void h2v2Row(int[] sum, int w, int[] out) {
        out[0] = (sum[0] * 4 + 8) >> 4;
        out[1] = (sum[0] * 3 + sum[1] + 7) >> 4;
        for (int x = 1; x < w - 1; x++) {
            int v = sum[x] * 3;
            out[2 * x] = (v + sum[x - 1] + 8) >> 4;
            out[2 * x + 1] = (v + sum[x + 1] + 7) >> 4;
        }
        out[2 * w - 2] = (sum[w - 1] * 3 + sum[w - 2] + 8) >> 4;
        out[2 * w - 1] = (sum[w - 1] * 4 + 7) >> 4;
    }
}
