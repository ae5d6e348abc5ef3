package io.secondlook.app.gui;

import java.util.List;

/**
 * A classification model's run over a whole series.
 *
 * @param findingId the recorded series finding
 * @param label the series decision's label (the most suspicious image's label)
 * @param maxSlice the slice (0-based, viewer order) with the highest probability
 * @param sliceProbabilities the positive-class probability per slice; NaN where the image could not be analysed
 * @param errors one line per image that could not be analysed
 * @param device where it ran, with the reason when CUDA was allowed but not used
 */
public record SeriesAnalysisView(long findingId, String modelName, String modelVersion, String label,
                                 String positiveLabel, double threshold, boolean positive, double maxProbability,
                                 int maxSlice, double meanProbability, int analysed, int total,
                                 List<Double> sliceProbabilities, List<String> errors, String device,
                                 double seconds) {

    public SeriesAnalysisView {
        sliceProbabilities = List.copyOf(sliceProbabilities);
        errors = List.copyOf(errors);
    }
}
