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
        DetectionSpec detection,
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
    /** Tasks a card may declare. */
    public static final List<String> TASKS = List.of("classification", "segmentation", "detection");

    /** Whether the model applies to images of this DICOM modality (case-insensitive). */
    public boolean appliesTo(String dicomModality) {
        return dicomModality != null && modality != null
                && modality.stream().anyMatch(m -> m.equalsIgnoreCase(dicomModality.strip()));
    }

    /**
     * The input tensor. {@code spatial} is {@code 2d-slice} (one image or slice at a time, the default) or
     * {@code 3d-volume} (a whole volume of {@code depth} slices); {@code shape} uses -1 for a free dimension.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(String name, List<Long> shape, String dtype, String layout, int width, int height,
                        int channels, String spatial, Integer depth) {

        public static final String SLICE_2D = "2d-slice";
        public static final String VOLUME_3D = "3d-volume";

        public String spatialOrDefault() {
            return spatial == null ? SLICE_2D : spatial;
        }
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
    public record Output(String name, List<Long> shape, String meaning, String dtype) {
        public String dtypeOrDefault() {
            return dtype == null ? "float32" : dtype;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Saliency(List<String> methods, Cam cam) {
    }

    /**
     * Class activation map inputs: the feature-map output and the linear head that follows pooling.
     * {@code classifierInitializer} names the ONNX initializer holding the head's weights {@code [labels][channels]}
     * (preferred, so randomised or fine-tuned weights are always those of the graph); {@code classifierWeights} is
     * the fallback copy in the card.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cam(String featureOutput, double[][] classifierWeights, double[] classifierBias,
                      String classifierInitializer) {
    }

    /**
     * How to read a detection model: {@code boxesOutput} {@code [N,K,4]} as {@code x1,y1,x2,y2} in model input
     * pixels, {@code scoresOutput} {@code [N,K]}, optional {@code labelsOutput} {@code [N,K]} (label indices,
     * float); boxes below {@code scoreThreshold} are dropped, then non-maximum suppression at {@code iouThreshold}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DetectionSpec(String boxesOutput, String scoresOutput, String labelsOutput, Double scoreThreshold,
                                Double iouThreshold) {
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
