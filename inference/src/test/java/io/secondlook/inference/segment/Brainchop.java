package io.secondlook.inference.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.inference.TestData;
import io.secondlook.inference.model.ModelPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The brainchop MeshNet grey/white-matter model of the shared corpus (MIT), its T1 sample and the reference
 * labels ONNX Runtime 1.20.0 produced (corpus/MANIFEST.md). The model is a test asset, not a shipped package:
 * {@link #writePackage} builds its package with a card in a temporary folder.
 */
final class Brainchop {

    static final long BACKGROUND = 15_523_464;
    static final long WHITE_MATTER = 518_540;
    static final long GREY_MATTER = 735_212;
    static final String LABELS_MD5 = "6457b872dcd4155d8684b6f09784ccde";

    private Brainchop() {
    }

    static Path folder() {
        Path dir = TestData.shared().resolve("corpus/model/brainchop_meshnet_gwm_onnx");
        assertTrue(Files.isDirectory(dir), "brainchop model not found at " + dir + " (set -Dsecondlook.shared)");
        return dir;
    }

    static Path t1() {
        return folder().resolve("t1_crop.nii.gz");
    }

    /** The reference label volume, uint8, i fastest, 256³. */
    static byte[] referenceLabels() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                folder().resolve("t1_crop_labels_onnxruntime-1.20.0.u8.gz")))) {
            return in.readAllBytes();
        }
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A package folder: the corpus model and a segmentation card whose labels and colours follow colormap3.json
     * (class 1 white matter, class 2 grey matter).
     */
    static Path writePackage(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(folder().resolve("model.onnx"), dir.resolve(ModelPackage.MODEL_FILE));
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("id", "brainchop-meshnet-gwm");
        card.put("version", "1.0.0");
        card.put("name", "brainchop MeshNet grey/white matter (model5_gw_ae)");
        card.put("task", "segmentation");
        card.put("modality", List.of("MR"));
        card.put("bodyPart", "BRAIN");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "input");
        input.put("shape", List.of(1, 1, 256, 256, 256));
        input.put("dtype", "float32");
        input.put("layout", "NCDHW");
        input.put("spatial", "3d-volume");
        input.put("width", 256);
        input.put("height", 256);
        input.put("depth", 256);
        input.put("channels", 1);
        input.put("orientation", "LIA");
        input.put("spacingMm", List.of(1.0, 1.0, 1.0));
        card.put("input", input);
        card.put("preprocessing", Map.of("intensity", "minMax",
                "description", "T1 conformed to 256³ 1 mm LIA (FreeSurfer), scaled min..max to 0..1"));
        card.put("outputs", List.of(Map.of("name", "output", "shape", List.of(1, 3, 256, 256, 256),
                "meaning", "logits per class; label = argmax")));
        card.put("labels", List.of("background", "white matter", "grey matter"));
        card.put("labelColors", List.of(List.of(0, 0, 0), List.of(255, 255, 255), List.of(205, 62, 78)));
        card.put("intendedUse", "Research demonstration of grey/white matter segmentation on conformed T1 MRI");
        card.put("limitations", List.of("Conformed 256³ 1 mm T1 volumes only", "No published accuracy"));
        card.put("trainingData", Map.of("name", "brainchop MeshNet GWM training set (not published with the model)",
                "source", "neuroneural/brainchop model5_gw_ae via niivue/niivue-onnx public/model.onnx"));
        card.put("metrics", Map.of());
        card.put("licence", "MIT");
        card.put("sha256", ModelPackage.sha256(dir.resolve(ModelPackage.MODEL_FILE)));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(
                dir.resolve(ModelPackage.CARD_FILE).toFile(), card);
        return dir;
    }

    /** Labels in the NIfTI's voxel order agree with the reference everywhere, and so does their md5. */
    static void assertMatchesReference(byte[] labels) throws IOException {
        byte[] reference = referenceLabels();
        int differ = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != reference[i]) {
                differ++;
            }
        }
        assertEquals(0, differ, "voxels whose label differs from the reference");
        assertEquals(LABELS_MD5, md5(labels));
    }

    /** {@link #writePackage} verified and opened as a segmentation model. */
    static SegmentationModel model(Path dir) throws IOException {
        return SegmentationModel.load(writePackage(dir), dir);
    }
}
