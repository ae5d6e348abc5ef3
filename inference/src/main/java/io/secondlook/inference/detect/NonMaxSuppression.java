package io.secondlook.inference.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Score threshold then greedy non-maximum suppression per label: boxes are taken by descending score and a box is
 * dropped when its IoU with an already kept box of the same label exceeds {@code iouThreshold}.
 */
public final class NonMaxSuppression {

    private NonMaxSuppression() {
    }

    public static List<Detection> apply(List<Detection> candidates, double scoreThreshold, double iouThreshold) {
        List<Detection> sorted = candidates.stream().filter(d -> d.score() >= scoreThreshold)
                .sorted(Comparator.comparingDouble(Detection::score).reversed()).toList();
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            boolean suppressed = kept.stream().anyMatch(k -> k.label().equals(d.label()) && k.iou(d) > iouThreshold);
            if (!suppressed) {
                kept.add(d);
            }
        }
        return kept;
    }
}
