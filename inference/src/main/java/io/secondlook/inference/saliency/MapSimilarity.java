package io.secondlook.inference.saliency;

import java.util.Arrays;

/**
 * Similarity of two saliency maps of the same size, as in Adebayo et al. 2018: Spearman's rank correlation
 * (average ranks for ties; 0 when either map is constant, which carries no ranking) and SSIM (Wang et al. 2004)
 * with scikit-image's defaults: a 7x7 uniform window over the fully covered pixels, sample covariances,
 * {@code K1=0.01, K2=0.03} and a data range of 1 (maps normalised to [0,1]).
 */
public final class MapSimilarity {

    private static final int WINDOW = 7;

    private MapSimilarity() {
    }

    public static double spearman(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Maps differ in size: " + a.length + " vs " + b.length);
        }
        return pearson(ranks(a), ranks(b));
    }

    static double[] ranks(float[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Float.compare(v[x], v[y]));
        double[] ranks = new double[v.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = r;
            }
            i = j + 1;
        }
        return ranks;
    }

    static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    public static double ssim(SaliencyMap a, SaliencyMap b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("Maps differ in size");
        }
        return ssim(a.values(), b.values(), a.width(), a.height());
    }

    public static double ssim(float[] a, float[] b, int width, int height) {
        if (width < WINDOW || height < WINDOW) {
            throw new IllegalArgumentException("SSIM needs maps of at least " + WINDOW + "x" + WINDOW);
        }
        double c1 = 0.01 * 0.01;
        double c2 = 0.03 * 0.03;
        int np = WINDOW * WINDOW;
        double cov = np / (np - 1.0);
        double total = 0;
        int count = 0;
        for (int y = 0; y + WINDOW <= height; y++) {
            for (int x = 0; x + WINDOW <= width; x++) {
                double sa = 0;
                double sb = 0;
                double saa = 0;
                double sbb = 0;
                double sab = 0;
                for (int dy = 0; dy < WINDOW; dy++) {
                    int row = (y + dy) * width + x;
                    for (int dx = 0; dx < WINDOW; dx++) {
                        double va = a[row + dx];
                        double vb = b[row + dx];
                        sa += va;
                        sb += vb;
                        saa += va * va;
                        sbb += vb * vb;
                        sab += va * vb;
                    }
                }
                double ma = sa / np;
                double mb = sb / np;
                double va = cov * (saa / np - ma * ma);
                double vb = cov * (sbb / np - mb * mb);
                double vab = cov * (sab / np - ma * mb);
                total += ((2 * ma * mb + c1) * (2 * vab + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                count++;
            }
        }
        return total / count;
    }
}
