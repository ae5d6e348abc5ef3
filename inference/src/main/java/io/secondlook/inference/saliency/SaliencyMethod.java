package io.secondlook.inference.saliency;

import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.image.GrayImage;
import java.util.List;
import java.util.Locale;

/**
 * A way to explain a classifier's score for one class on one image as a {@link SaliencyMap} in the image's
 * coordinates. Implementations are immutable and thread-safe.
 */
public interface SaliencyMethod {

    /** {@code CAM}, {@code OCCLUSION} or {@code RISE}, as in model cards. */
    String name();

    SaliencyMap explain(ImageClassifier classifier, GrayImage image, int classIndex);

    /** The methods with their default parameters: CAM, occlusion sensitivity, RISE. */
    static List<SaliencyMethod> defaults() {
        return List.of(new CamMethod(), OcclusionSensitivity.defaults(), Rise.defaults());
    }

    /** A method by name (case-insensitive) with default parameters. */
    static SaliencyMethod named(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case CamMethod.NAME -> new CamMethod();
            case OcclusionSensitivity.NAME -> OcclusionSensitivity.defaults();
            case Rise.NAME -> Rise.defaults();
            default -> throw new IllegalArgumentException("Unknown saliency method '" + name
                    + "'; known: CAM, OCCLUSION, RISE");
        };
    }
}
