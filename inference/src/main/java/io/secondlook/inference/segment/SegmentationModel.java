package io.secondlook.inference.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelPackageException;
import io.secondlook.inference.volume.Affine;
import io.secondlook.inference.volume.Orientation;
import io.secondlook.inference.volume.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A verified model package whose card has task "segmentation" and a 3d-volume input, with the
 * {@link SegmentationSpec} its card adds. Every refusal names the card file and the field.
 */
public record SegmentationModel(ModelPackage modelPackage, SegmentationSpec spec) {

    public static final String TASK = "segmentation";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Loads and verifies a package folder or zip (card, SHA-256, ONNX graph against the card), then {@link #of}. */
    public static SegmentationModel load(Path folderOrZip, Path extractRoot) {
        return of(ModelPackage.verify(folderOrZip, extractRoot));
    }

    /** A segmentation view of an already verified package. */
    public static SegmentationModel of(ModelPackage pkg) {
        Path cardFile = pkg.folder().resolve(ModelPackage.CARD_FILE);
        ModelCard card = pkg.card();
        if (!TASK.equals(card.task())) {
            fail(cardFile, "task", "must be '" + TASK + "' for a volume segmentation, got '" + card.task() + "'");
        }
        ModelCard.Input in = card.input();
        if (!ModelCard.Input.VOLUME_3D.equals(in.spatialOrDefault()) || in.channels() != 1) {
            fail(cardFile, "input", "must be a one-channel " + ModelCard.Input.VOLUME_3D);
        }
        if (in.layout() != null && !"NCDHW".equals(in.layout())) {
            fail(cardFile, "input.layout", "must be NCDHW (width along voxel axis i, the fastest)");
        }
        if (in.shape() != null && !in.shape().equals(List.of(1L, 1L, (long) in.depth(), (long) in.height(),
                (long) in.width()))) {
            fail(cardFile, "input.shape", "must be [1, 1, depth, height, width], got " + in.shape());
        }
        ModelCard.Output logits = card.outputs().get(0);
        if (logits.shape() != null && (logits.shape().size() != 5 || logits.shape().get(1) != card.labels().size())) {
            fail(cardFile, "outputs", "the first output must be [1, C, D, H, W] logits with C = "
                    + card.labels().size() + " labels, got " + logits.shape());
        }
        return new SegmentationModel(pkg, readSpec(cardFile, card.labels().size()));
    }

    private static SegmentationSpec readSpec(Path cardFile, int labels) {
        JsonNode root;
        try {
            root = JSON.readTree(cardFile.toFile());
        } catch (IOException e) {
            throw new ModelPackageException(cardFile, "cannot read model card: " + e.getMessage(), e);
        }
        String orientation = root.path("input").path("orientation").asText("");
        try {
            Orientation.between(new Volume(1, 1, 1, new float[1], Affine.scaling(1, 1, 1), "card"), orientation);
        } catch (IllegalArgumentException e) {
            fail(cardFile, "input.orientation", "must be a voxel axis code such as LIA or RAS: " + e.getMessage());
        }
        List<Double> spacing = null;
        JsonNode spacingNode = root.path("input").path("spacingMm");
        if (!spacingNode.isMissingNode()) {
            if (!spacingNode.isArray() || spacingNode.size() != 3) {
                fail(cardFile, "input.spacingMm", "must give 3 voxel sizes in mm");
            }
            spacing = new ArrayList<>();
            for (JsonNode s : spacingNode) {
                spacing.add(s.asDouble());
            }
        }
        String intensity = root.path("preprocessing").path("intensity").asText("");
        if (!intensity.equals(SegmentationSpec.MIN_MAX) && !intensity.equals(SegmentationSpec.NONE)) {
            fail(cardFile, "preprocessing.intensity", "must be '" + SegmentationSpec.MIN_MAX + "' or '"
                    + SegmentationSpec.NONE + "', got '" + intensity + "'");
        }
        JsonNode colors = root.path("labelColors");
        List<int[]> rgb = new ArrayList<>();
        for (JsonNode c : colors) {
            if (!c.isArray() || c.size() != 3) {
                fail(cardFile, "labelColors", "each colour must be [r, g, b]");
            }
            rgb.add(new int[] {c.get(0).asInt(), c.get(1).asInt(), c.get(2).asInt()});
        }
        if (rgb.size() != labels) {
            fail(cardFile, "labelColors", "needs one [r, g, b] per label (" + labels + "), got " + rgb.size());
        }
        return new SegmentationSpec(orientation, spacing, intensity, rgb);
    }

    public ModelCard card() {
        return modelPackage.card();
    }

    public Path modelFile() {
        return modelPackage.modelFile();
    }

    public String id() {
        return card().id();
    }

    public List<String> labels() {
        return card().labels();
    }

    /** Network input size along voxel axes i, j, k. */
    public int[] inputDims() {
        ModelCard.Input in = card().input();
        return new int[] {in.width(), in.height(), in.depth()};
    }

    public String inputName() {
        return card().input().name();
    }

    public String logitsName() {
        return card().outputs().get(0).name();
    }

    private static void fail(Path source, String field, String problem) {
        throw new ModelPackageException(source, "field '" + field + "' " + problem);
    }
}
