package io.secondlook.inference.detect;

import java.util.List;

/** A detector's findings on one image, highest score first, with the model and the device that produced them. */
public record DetectionResult(List<Detection> detections, int imageWidth, int imageHeight, double scoreThreshold,
                              double iouThreshold, String modelId, String modelVersion, String device) {

    public DetectionResult {
        detections = List.copyOf(detections);
    }
}
