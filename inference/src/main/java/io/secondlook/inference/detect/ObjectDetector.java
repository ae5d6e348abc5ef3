package io.secondlook.inference.detect;

import ai.onnxruntime.OrtException;
import io.secondlook.inference.image.AreaResize;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelPackageException;
import io.secondlook.inference.runtime.OnnxSession;
import io.secondlook.inference.runtime.RuntimeOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a detection model package (card task {@code detection}): the image is resized to the input size (area
 * average) and normalised with the card's mean/std when given; the outputs the card's {@code detection} block names
 * are read as boxes {@code [1,K,4]} (x1,y1,x2,y2 in input pixels), scores {@code [1,K]} and optional label indices
 * {@code [1,K]}; then the score threshold, non-maximum suppression, and boxes scaled to image coordinates.
 */
public final class ObjectDetector implements AutoCloseable {

    private final ModelPackage pkg;
    private final ModelCard card;
    private final OnnxSession session;

    private ObjectDetector(ModelPackage pkg, OnnxSession session) {
        this.pkg = pkg;
        this.card = pkg.card();
        this.session = session;
    }

    public static ObjectDetector open(ModelPackage pkg, RuntimeOptions options) {
        if (!"detection".equals(pkg.card().task())) {
            throw new ModelPackageException(pkg.modelFile(), "model '" + pkg.id() + "' is a " + pkg.card().task()
                    + " model, not a detector");
        }
        try {
            return new ObjectDetector(pkg, OnnxSession.open(pkg.modelFile(), options));
        } catch (OrtException e) {
            throw new ModelPackageException(pkg.modelFile(), "cannot load model '" + pkg.id() + "': " + e.getMessage(), e);
        }
    }

    public String device() {
        return session.device();
    }

    public DetectionResult detect(GrayImage image) {
        ModelCard.Input in = card.input();
        ModelCard.DetectionSpec spec = card.detection();
        float[] x = AreaResize.resize(image, in.width(), in.height());
        ModelCard.Preprocessing pre = card.preprocessing();
        if (pre != null && pre.mean() != null && pre.std() != null) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) ((x[i] - pre.mean()) / pre.std());
            }
        }
        Set<String> outputs = new HashSet<>(List.of(spec.boxesOutput(), spec.scoresOutput()));
        if (spec.labelsOutput() != null) {
            outputs.add(spec.labelsOutput());
        }
        OnnxSession.Outputs out;
        try {
            out = session.run(in.name(), x, new long[] {1, 1, in.height(), in.width()}, outputs);
        } catch (OrtException e) {
            throw new IllegalStateException("Inference failed for model '" + card.id() + "': " + e.getMessage(), e);
        }
        float[] boxes = out.values(spec.boxesOutput());
        float[] scores = out.values(spec.scoresOutput());
        float[] labels = spec.labelsOutput() == null ? null : out.values(spec.labelsOutput());
        if (boxes.length != scores.length * 4) {
            throw new IllegalStateException("Output '" + spec.boxesOutput() + "' has " + boxes.length
                    + " values for " + scores.length + " scores; expected 4 per box");
        }
        double sx = (double) image.width() / in.width();
        double sy = (double) image.height() / in.height();
        List<Detection> candidates = new ArrayList<>(scores.length);
        for (int k = 0; k < scores.length; k++) {
            int labelIndex = labels == null ? 0 : Math.round(labels[k]);
            if (labelIndex < 0 || labelIndex >= card.labels().size()) {
                throw new IllegalStateException("Box " + k + " has label index " + labelIndex + "; the card lists "
                        + card.labels().size() + " labels");
            }
            candidates.add(new Detection(boxes[4 * k], boxes[4 * k + 1], boxes[4 * k + 2], boxes[4 * k + 3],
                    card.labels().get(labelIndex), scores[k]).scaled(sx, sy));
        }
        List<Detection> kept = NonMaxSuppression.apply(candidates, spec.scoreThreshold(), spec.iouThreshold());
        return new DetectionResult(kept, image.width(), image.height(), spec.scoreThreshold(), spec.iouThreshold(),
                card.id(), card.version(), session.device());
    }

    public ModelPackage modelPackage() {
        return pkg;
    }

    @Override
    public void close() {
        session.close();
    }
}
