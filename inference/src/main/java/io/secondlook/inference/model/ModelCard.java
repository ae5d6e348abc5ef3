package io.secondlook.inference.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A model's card ({@code model-card.json}): what the model does, how to feed it, how to read its outputs,
 * its data, metrics and licence. Parse and validate with {@link ModelCards#read}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCard(
        String id,
        String version,
        String name,
        String task,
        List<String> modality,
        String bodyPart,
        Input input,
        Preprocessing preprocessing,
        List<Output> outputs,
        List<String> labels,
        String positiveLabel,
        Double operatingThreshold,
        Saliency saliency,
        String intendedUse,
        List<String> limitations,
        TrainingData trainingData,
        Metrics metrics,
        String sha256,
        String licence) {

    /** Index of {@link #positiveLabel} in {@link #labels}. */
    public int positiveIndex() {
        return labels.indexOf(positiveLabel);
    }

    /** The output described as {@code name}, if any. */
    public Output output(String outputName) {
        return outputs.stream().filter(o -> o.name().equals(outputName)).findFirst().orElse(null);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(String name, List<Long> shape, String dtype, String layout, int width, int height,
                        int channels) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Preprocessing(List<Step> steps, Double mean, Double std) {
    }

    /** One documented preprocessing step; {@code op} is voiWindow, resize or normalize. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(String op, String method, Integer width, Integer height, Double mean, Double std,
                       String description) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Output(String name, List<Long> shape, String meaning) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Saliency(List<String> methods, Cam cam) {
    }

    /** Class activation map inputs: the feature-map output and the linear head that follows pooling. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cam(String featureOutput, double[][] classifierWeights, double[] classifierBias) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrainingData(String name, Map<String, Integer> splits, String licence, String citation,
                               String source) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metrics(Double threshold, Score validation, Score test) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Score(double auc, double accuracy, int n) {
    }
}
