package io.secondlook.inference.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Reads and validates {@link ModelCard}s; every failure names the card file and the field. */
public final class ModelCards {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]+)?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Saliency methods a card may declare. */
    public static final List<String> SALIENCY_METHODS = List.of("CAM", "OCCLUSION", "RISE");

    private ModelCards() {
    }

    public static ModelCard read(Path cardFile) {
        ModelCard card;
        try (InputStream in = Files.newInputStream(cardFile)) {
            card = JSON.readValue(in, ModelCard.class);
        } catch (JacksonException e) {
            throw new ModelPackageException(cardFile, "not a valid model card: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelPackageException(cardFile, "cannot read model card: " + e.getMessage(), e);
        }
        validate(card, cardFile);
        return card;
    }

    /**
     * Checks required fields and their consistency; {@code source} only labels the error messages. Fields every
     * card needs: id, version, name, task, modality, bodyPart, input, outputs, labels, intendedUse, trainingData,
     * metrics, sha256, licence; classification also needs preprocessing mean/std, positiveLabel,
     * operatingThreshold and a 'probabilities' output; detection needs a 'detection' block naming its outputs.
     */
    public static void validate(ModelCard card, Path source) {
        if (card == null) {
            throw new ModelPackageException(source, "empty model card");
        }
        require(card.id(), "id", source);
        require(card.version(), "version", source);
        if (!SEMVER.matcher(card.version()).matches()) {
            fail(source, "version", "must be semantic (MAJOR.MINOR.PATCH), got '" + card.version() + "'");
        }
        require(card.name(), "name", source);
        require(card.task(), "task", source);
        if (!ModelCard.TASKS.contains(card.task())) {
            fail(source, "task", "must be one of " + ModelCard.TASKS + ", got '" + card.task() + "'");
        }
        if (card.modality() == null || card.modality().isEmpty() || card.modality().stream().anyMatch(ModelCards::blank)) {
            fail(source, "modality", "must list the DICOM modalities the model applies to (e.g. [\"DX\", \"CR\"])");
        }
        require(card.bodyPart(), "bodyPart", source);
        require(card.intendedUse(), "intendedUse", source);
        require(card.licence(), "licence", source);
        if (card.trainingData() == null || blank(card.trainingData().name())) {
            fail(source, "trainingData", "needs at least the data set's name");
        }
        if (card.metrics() == null) {
            fail(source, "metrics", "is required");
        }
        require(card.sha256(), "sha256", source);
        if (!SHA256.matcher(card.sha256()).matches()) {
            fail(source, "sha256", "must be 64 lower-case hex digits");
        }
        validateInput(card.input(), source);
        List<String> labels = card.labels();
        if (labels == null || labels.isEmpty() || labels.stream().anyMatch(ModelCards::blank)) {
            fail(source, "labels", "needs at least one non-empty label");
        }
        if (card.outputs() == null || card.outputs().isEmpty()
                || card.outputs().stream().anyMatch(o -> o == null || blank(o.name()))) {
            fail(source, "outputs", "must describe each output by name");
        }
        switch (card.task()) {
            case "classification" -> validateClassification(card, source);
            case "detection" -> validateDetection(card, source);
            default -> {
                if (labels.size() < 2) {
                    fail(source, "labels", "a segmentation model needs at least two labels (background first)");
                }
            }
        }
        validateSaliency(card, source);
    }

    private static void validateInput(ModelCard.Input in, Path source) {
        if (in == null || blank(in.name()) || in.width() <= 0 || in.height() <= 0 || in.channels() <= 0) {
            fail(source, "input", "needs name, positive width/height and channels");
        }
        String spatial = in.spatialOrDefault();
        if (!spatial.equals(ModelCard.Input.SLICE_2D) && !spatial.equals(ModelCard.Input.VOLUME_3D)) {
            fail(source, "input.spatial", "must be '" + ModelCard.Input.SLICE_2D + "' or '"
                    + ModelCard.Input.VOLUME_3D + "', got '" + spatial + "'");
        }
        if (spatial.equals(ModelCard.Input.VOLUME_3D) && (in.depth() == null || in.depth() <= 0)) {
            fail(source, "input.depth", "is required (positive) for a 3d-volume input");
        }
        if (in.dtype() != null && !in.dtype().equals("float32")) {
            fail(source, "input.dtype", "must be float32, got '" + in.dtype() + "'");
        }
    }

    private static void validateClassification(ModelCard card, Path source) {
        if (card.input().channels() != 1) {
            fail(source, "input.channels", "must be 1 (grayscale) for classification");
        }
        ModelCard.Preprocessing pre = card.preprocessing();
        if (pre == null || pre.mean() == null || pre.std() == null || !(pre.std() > 0)) {
            fail(source, "preprocessing", "needs mean and a positive std");
        }
        List<String> labels = card.labels();
        if (labels.size() < 2) {
            fail(source, "labels", "needs at least two labels");
        }
        require(card.positiveLabel(), "positiveLabel", source);
        if (!labels.contains(card.positiveLabel())) {
            fail(source, "positiveLabel", "'" + card.positiveLabel() + "' is not one of " + labels);
        }
        Double t = card.operatingThreshold();
        if (t == null || !(t >= 0 && t <= 1)) {
            fail(source, "operatingThreshold", "must be a probability in [0,1]");
        }
        if (card.output("probabilities") == null) {
            fail(source, "outputs", "must describe the 'probabilities' output");
        }
    }

    private static void validateDetection(ModelCard card, Path source) {
        ModelCard.DetectionSpec d = card.detection();
        if (d == null) {
            fail(source, "detection", "is required for task 'detection'");
        }
        if (blank(d.boxesOutput()) || card.output(d.boxesOutput()) == null) {
            fail(source, "detection.boxesOutput", "must name one of the outputs");
        }
        if (blank(d.scoresOutput()) || card.output(d.scoresOutput()) == null) {
            fail(source, "detection.scoresOutput", "must name one of the outputs");
        }
        if (d.labelsOutput() != null && card.output(d.labelsOutput()) == null) {
            fail(source, "detection.labelsOutput", "must name one of the outputs");
        }
        if (d.scoreThreshold() == null || !(d.scoreThreshold() >= 0 && d.scoreThreshold() <= 1)) {
            fail(source, "detection.scoreThreshold", "must be in [0,1]");
        }
        if (d.iouThreshold() == null || !(d.iouThreshold() > 0 && d.iouThreshold() <= 1)) {
            fail(source, "detection.iouThreshold", "must be in (0,1]");
        }
    }

    private static void validateSaliency(ModelCard card, Path source) {
        ModelCard.Saliency s = card.saliency();
        if (s == null) {
            return;
        }
        if (s.methods() != null) {
            for (String m : s.methods()) {
                if (!SALIENCY_METHODS.contains(m)) {
                    fail(source, "saliency.methods", "'" + m + "' is not one of " + SALIENCY_METHODS);
                }
            }
        }
        if (s.cam() == null) {
            return;
        }
        ModelCard.Cam cam = s.cam();
        if (blank(cam.featureOutput()) || card.output(cam.featureOutput()) == null) {
            fail(source, "saliency.cam.featureOutput", "must name one of the outputs");
        }
        double[][] w = cam.classifierWeights();
        if (w == null) {
            if (blank(cam.classifierInitializer())) {
                fail(source, "saliency.cam", "needs classifierInitializer or classifierWeights");
            }
            return;
        }
        if (w.length != card.labels().size() || w[0] == null || w[0].length == 0) {
            fail(source, "saliency.cam.classifierWeights", "must be [labels][channels]");
        }
        for (double[] row : w) {
            if (row == null || row.length != w[0].length) {
                fail(source, "saliency.cam.classifierWeights", "rows must all have " + w[0].length + " channels");
            }
        }
        if (cam.classifierBias() != null && cam.classifierBias().length != w.length) {
            fail(source, "saliency.cam.classifierBias", "must have one value per label");
        }
    }

    private static void require(String value, String field, Path source) {
        if (blank(value)) {
            fail(source, field, "is required");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void fail(Path source, String field, String problem) {
        throw new ModelPackageException(source, "field '" + field + "' " + problem);
    }
}
