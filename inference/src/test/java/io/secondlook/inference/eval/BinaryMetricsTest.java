package io.secondlook.inference.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @Test
    void aucCountsTiesAsHalf() {
        // Pairs (pos, neg): 0.8>0.3, 0.8>0.5, 0.5=0.5 (half), 0.5>0.3 -> 3.5 of 4.
        double[] scores = {0.8, 0.5, 0.5, 0.3};
        boolean[] positive = {true, true, false, false};
        assertEquals(3.5 / 4, BinaryMetrics.auc(scores, positive), 1e-12);
    }

    @Test
    void aucIsOneForPerfectAndZeroForReversedRanking() {
        boolean[] positive = {false, false, true, true};
        assertEquals(1.0, BinaryMetrics.auc(new double[] {0.1, 0.2, 0.3, 0.4}, positive));
        assertEquals(0.0, BinaryMetrics.auc(new double[] {0.4, 0.3, 0.2, 0.1}, positive));
        assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.auc(new double[] {0.1, 0.2}, new boolean[] {true, true}));
    }

    @Test
    void accuracyUsesGreaterOrEqualThreshold() {
        double[] scores = {0.5, 0.49, 0.9, 0.1};
        boolean[] positive = {true, false, false, false};
        assertEquals(0.75, BinaryMetrics.accuracy(scores, positive, 0.5));
    }

    @Test
    void formatHasThreeDecimals() {
        assertEquals("AUC=0.961 ACC=0.875", new EvaluationResult(0.96149, 0.875, 624).format());
    }
}
