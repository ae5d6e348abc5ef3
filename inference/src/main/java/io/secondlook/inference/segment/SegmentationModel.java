package io.secondlook.inference.segment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelPackageException;
import io.secondlook.inference.volume.Affine;
import io.secondlook.inference.volume.Orientation;
import io.secondlook.inference.volume.Volume;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A validated segmentation model on disk: its card and the {@code model.onnx} whose SHA-256 the card names. */
public record SegmentationModel(SegmentationCard card, Path modelFile) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]+)?");
    private static final Set<String> INTENSITY = Set.of("minMax", "none");

    /** Loads {@code folder/model-card.json} and {@code folder/model.onnx}, checking the card and the hash. */
    public static SegmentationModel load(Path folder) {
        Path cardFile = folder.resolve(ModelPackage.CARD_FILE);
        Path modelFile = folder.resolve(ModelPackage.MODEL_FILE);
        if (!Files.isRegularFile(cardFile)) {
            throw new ModelPackageException(cardFile, "model card not found");
        }
        if (!Files.isRegularFile(modelFile)) {
            throw new ModelPackageException(modelFile, "model file not found");
        }
        SegmentationCard card = readCard(cardFile);
        String actual = ModelPackage.sha256(modelFile);
        if (!actual.equals(card.sha256())) {
            throw new ModelPackageException(modelFile, "SHA-256 " + actual + " does not match field 'sha256' "
                    + card.sha256() + " of " + cardFile.getFileName() + " (wrong or damaged model file)");
        }
        return new SegmentationModel(card, modelFile);
    }

    public static SegmentationCard readCard(Path cardFile) {
        SegmentationCard card;
        try (InputStream in = Files.newInputStream(cardFile)) {
            card = JSON.readValue(in, SegmentationCard.class);
        } catch (JacksonException e) {
            throw new ModelPackageException(cardFile, "not a valid model card: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelPackageException(cardFile, "cannot read model card: " + e.getMessage(), e);
        }
        validate(card, cardFile);
        return card;
    }

    /** Checks the fields a segmentation run depends on; every failure names the card file and the field. */
    public static void validate(SegmentationCard card, Path source) {
        if (card == null) {
            throw new ModelPackageException(source, "empty model card");
        }
        require(card.id(), "id", source);
        require(card.name(), "name", source);
        require(card.intendedUse(), "intendedUse", source);
        require(card.licence(), "licence", source);
        if (card.version() == null || !SEMVER.matcher(card.version()).matches()) {
            fail(source, "version", "must be semantic (MAJOR.MINOR.PATCH)");
        }
        if (!SegmentationCard.TASK.equals(card.task())) {
            fail(source, "task", "must be '" + SegmentationCard.TASK + "', got '" + card.task() + "'");
        }
        if (card.sha256() == null || !SHA256.matcher(card.sha256()).matches()) {
            fail(source, "sha256", "must be 64 lower-case hex digits");
        }
        if (card.modality() == null || card.modality().isEmpty()) {
            fail(source, "modality", "must list the modalities the model applies to");
        }
        SegmentationCard.Input in = card.input();
        if (in == null || in.name() == null || !positive5d(in.shape()) || in.shape().get(0) != 1
                || in.shape().get(1) != 1) {
            fail(source, "input", "needs a name and shape [1, 1, D, H, W]");
        }
        if (!"NCDHW".equals(in.layout())) {
            fail(source, "input.layout", "must be NCDHW (W = voxel axis i, the fastest)");
        }
        try {
            if (in.orientation() == null || in.orientation().length() != 3) {
                throw new IllegalArgumentException("needs 3 letters");
            }
            Orientation.between(new Volume(1, 1, 1, new float[1], Affine.scaling(1, 1, 1), "card"),
                    in.orientation());
        } catch (IllegalArgumentException e) {
            fail(source, "input.orientation", e.getMessage());
        }
        if (in.spacingMm() != null && in.spacingMm().size() != 3) {
            fail(source, "input.spacingMm", "must give 3 voxel sizes");
        }
        SegmentationCard.Preprocessing pre = card.preprocessing();
        if (pre == null || !INTENSITY.contains(pre.intensity())) {
            fail(source, "preprocessing.intensity", "must be one of " + INTENSITY);
        }
        List<String> labels = card.labels();
        if (labels == null || labels.size() < 2 || labels.size() > 255) {
            fail(source, "labels", "needs 2 to 255 labels");
        }
        if (card.labelColors() == null || card.labelColors().size() != labels.size()
                || card.labelColors().stream().anyMatch(c -> c == null || c.length != 3)) {
            fail(source, "labelColors", "needs one [r, g, b] per label");
        }
        if (card.outputs() == null || card.outputs().isEmpty() || !positive5d(card.logits().shape())) {
            fail(source, "outputs", "must describe the logits output with shape [1, C, D, H, W]");
        }
        if (card.logits().shape().get(1) != labels.size()) {
            fail(source, "outputs", "has " + card.logits().shape().get(1) + " classes but the card lists "
                    + labels.size() + " labels");
        }
    }

    private static boolean positive5d(List<Long> shape) {
        return shape != null && shape.size() == 5 && shape.stream().allMatch(d -> d != null && d > 0);
    }

    private static void require(String value, String field, Path source) {
        if (value == null || value.isBlank()) {
            fail(source, field, "is required");
        }
    }

    private static void fail(Path source, String field, String problem) {
        throw new ModelPackageException(source, "field '" + field + "' " + problem);
    }
}
