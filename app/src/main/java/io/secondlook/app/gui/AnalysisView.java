package io.secondlook.app.gui;

import io.secondlook.viewer.Heatmap;

import java.util.Objects;

/**
 * One model run as the window shows it.
 *
 * @param findingId the recorded finding, for {@link ReadingService#decide}
 * @param studyInstanceUid the study the analysed image belongs to
 * @param label what the model looks for ("Pneumonia")
 * @param probability the model's probability for the label, 0..1
 * @param threshold the operating point: {@code positive} is {@code probability >= threshold}
 * @param device where it ran ("CPU", "CUDA:0")
 * @param heatmap the saliency map over the whole image (values 0..1, method such as "CAM"), or null
 * @param colormap 256 ARGB entries the model's card recommends for the heatmap
 * @param modelCard the model card as readable text
 */
public record AnalysisView(long findingId, String studyInstanceUid, String label, double probability,
                           double threshold, boolean positive, String modelName, String modelVersion,
                           String device, Heatmap heatmap, int[] colormap, String modelCard) {

    public AnalysisView {
        Objects.requireNonNull(label, "label");
        if (colormap != null && colormap.length != 256) {
            throw new IllegalArgumentException("A colour table has 256 entries, not " + colormap.length);
        }
    }
}
