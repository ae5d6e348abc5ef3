package io.secondlook.inference.saliency;

import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.image.GrayImage;

/** {@link ClassActivationMap} as a {@link SaliencyMethod}: one forward pass, the feature map and the head. */
public record CamMethod() implements SaliencyMethod {

    public static final String NAME = "CAM";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SaliencyMap explain(ImageClassifier classifier, GrayImage image, int classIndex) {
        if (!classifier.supportsCam()) {
            throw new IllegalStateException("Model '" + classifier.modelPackage().id() + "' does not describe CAM");
        }
        return classifier.cam(classifier.preprocess(image), classIndex, image.width(), image.height());
    }
}
