package io.secondlook.app.gui;

import io.secondlook.viewer.DetectionOverlay;
import java.util.List;

/**
 * A detection model's run on one frame.
 *
 * @param findingId the recorded finding (its label counts the boxes per label)
 * @param boxes the boxes in image pixels, highest score first
 * @param device where it ran, with the reason when CUDA was allowed but not used
 */
public record DetectionView(long findingId, String findingLabel, String modelName, String modelVersion,
                            List<DetectionOverlay.Box> boxes, double scoreThreshold, String device) {

    public DetectionView {
        boxes = List.copyOf(boxes);
    }
}
