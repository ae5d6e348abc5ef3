package io.secondlook.inference.eval;

import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.runtime.OfflineRuntime;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Scores a classifier on a MedMNIST-style {@code .npz} ({@code <split>_images} uint8 [N,H,W],
 * {@code <split>_labels} [N] or [N,1] class indices): ROC AUC of the positive-class probability and accuracy
 * at the card's operating threshold, through the same path as {@link ImageClassifier#classify}.
 */
public final class ClassifierEvaluation {

    public static final String DEFAULT_SPLIT = "test";

    private ClassifierEvaluation() {
    }

    /** Evaluates the package on the npz's {@code test} split. */
    public static EvaluationResult evaluate(ModelPackage pkg, Path npz) throws IOException {
        return evaluate(pkg, npz, DEFAULT_SPLIT);
    }

    public static EvaluationResult evaluate(ModelPackage pkg, Path npz, String split) throws IOException {
        OfflineRuntime.ensureConfigured();
        try (ImageClassifier classifier = ImageClassifier.open(pkg)) {
            return evaluate(classifier, npz, split);
        }
    }

    public static EvaluationResult evaluate(ImageClassifier classifier, Path npz, String split) throws IOException {
        NpyArray images;
        NpyArray labels;
        try (NpzReader reader = NpzReader.open(npz)) {
            images = reader.array(split + "_images");
            labels = reader.array(split + "_labels");
        }
        int[] shape = images.shape();
        if (shape.length != 3 || !images.dtype().equals("u1")) {
            throw new IOException(npz + ": '" + split + "_images' must be uint8 [N,H,W], got " + images.dtype()
                    + java.util.Arrays.toString(shape));
        }
        int n = shape[0];
        if (labels.size() != n) {
            throw new IOException(npz + ": " + n + " images but " + labels.size() + " labels in '" + split + "'");
        }
        ModelCard card = classifier.modelPackage().card();
        int positiveIndex = card.positiveIndex();
        int h = shape[1];
        int w = shape[2];
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            GrayImage image = GrayImage.fromUnsignedBytes(w, h, images.unsignedBytes(i * w * h, w * h), 0);
            scores[i] = classifier.classify(image).positiveProbability();
            positive[i] = labels.getLong(i) == positiveIndex;
        }
        return new EvaluationResult(BinaryMetrics.auc(scores, positive),
                BinaryMetrics.accuracy(scores, positive, card.operatingThreshold()), n);
    }
}
