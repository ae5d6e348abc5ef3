package io.secondlook.inference.classify;

import io.secondlook.inference.saliency.SaliencyMap;
import java.util.List;

/**
 * One image's result. {@code probabilities} follow {@code labels}; {@code positive} is
 * {@code positiveProbability >= threshold}; {@code label} is the decision at that threshold.
 */
public record Classification(
        String label,
        double positiveProbability,
        List<String> labels,
        double[] probabilities,
        double threshold,
        boolean positive,
        String modelId,
        String modelVersion,
        String device,
        SaliencyMap saliency) {
}
