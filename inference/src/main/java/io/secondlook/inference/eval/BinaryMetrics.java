package io.secondlook.inference.eval;

import java.util.Arrays;
import java.util.Comparator;

/** Metrics for binary scores. */
public final class BinaryMetrics {

    private BinaryMetrics() {
    }

    /** ROC AUC as the Mann-Whitney U statistic, tied scores sharing their average rank. */
    public static double auc(double[] scores, boolean[] positive) {
        int n = scores.length;
        if (positive.length != n) {
            throw new IllegalArgumentException(n + " scores but " + positive.length + " labels");
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPositive = 0;
        long nPos = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositive += rank;
                    nPos++;
                }
            }
            i = j + 1;
        }
        long nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) {
            throw new IllegalArgumentException("AUC needs both classes; got " + nPos + " positive, " + nNeg
                    + " negative");
        }
        return (rankSumPositive - nPos * (nPos + 1) / 2.0) / ((double) nPos * nNeg);
    }

    /** Fraction of cases where {@code score >= threshold} agrees with the label. */
    public static double accuracy(double[] scores, boolean[] positive, double threshold) {
        int correct = 0;
        for (int i = 0; i < scores.length; i++) {
            if ((scores[i] >= threshold) == positive[i]) {
                correct++;
            }
        }
        return (double) correct / scores.length;
    }
}
