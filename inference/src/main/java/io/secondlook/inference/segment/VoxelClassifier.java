package io.secondlook.inference.segment;

/** Per-voxel argmax and normalised softmax entropy from channel-first logits. */
final class VoxelClassifier {

    private VoxelClassifier() {
    }

    /**
     * For voxels {@code [from, to)} of logits laid out [C][n]: the first class with the largest logit (ties go to the
     * lower index, as the reference implementation's strict comparison does), the softmax entropy divided by log(C),
     * and the count per class.
     */
    static void classify(float[] logits, int n, int classes, int from, int to, byte[] labels, float[] entropy,
            long[] counts) {
        double logC = Math.log(classes);
        for (int v = from; v < to; v++) {
            float max = logits[v];
            int best = 0;
            for (int c = 1; c < classes; c++) {
                float l = logits[c * n + v];
                if (l > max) {
                    max = l;
                    best = c;
                }
            }
            double sum = 0;
            double weighted = 0;
            for (int c = 0; c < classes; c++) {
                double d = logits[c * n + v] - (double) max;
                double e = Math.exp(d);
                sum += e;
                weighted += e * d;
            }
            // H = -sum p log p with p = e / sum and log p = d - log(sum)
            double h = Math.log(sum) - weighted / sum;
            entropy[v] = (float) Math.min(1.0, Math.max(0.0, h / logC));
            labels[v] = (byte) best;
            counts[best]++;
        }
    }
}
