package io.secondlook.app.workflow;

import io.secondlook.core.domain.Finding;
import io.secondlook.inference.classify.Classification;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelCard;

/**
 * One analysed image: the recorded finding, the model's full result (probabilities and saliency map), the
 * display image the model saw (full resolution, windowed to [0, 1]) and the card of the model that ran.
 */
public record AnalysisResult(Finding finding, Classification classification, GrayImage image, ModelCard card) {
}
