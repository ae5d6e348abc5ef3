package io.secondlook.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.onnx.OnnxGraphBuilder;
import io.secondlook.inference.onnx.OnnxGraphBuilder.Attribute;
import io.secondlook.inference.onnx.OnnxModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small model packages for the demo CT, written with our ONNX writer and their cards; weights set by hand. */
final class CtTestModels {
    static final String BRIGHTNESS_ID = "ct-brightness";
    static final String THRESHOLD_ID = "ct-lung-bone-threshold";
    static final String SLOW_ID = "ct-slow-blur";
    static final int[] LUNG_RGB = {0, 200, 80};
    static final int[] BONE_RGB = {240, 200, 60};

    private CtTestModels() {
    }

    /**
     * Per-voxel labels from Hounsfield units through two 1x1x1 convolutions: lung where a triangle over
     * [-950, -500] HU peaking at -725 exceeds 50 (about -900 to -550 HU), bone above about 283 HU, else
     * background. Logits stay small so the entropy varies near the boundaries.
     */
    static void threshold(Path folder, int width, int height, int depth, String orientation) throws IOException {
        OnnxModel model = new OnnxGraphBuilder("ct-threshold", 13)
                .input("ct", OnnxModel.FLOAT, 1, 1, depth, height, width)
                .output("logits", OnnxModel.FLOAT, 1, 3, depth, height, width)
                .initializer("hinge.weight", new float[] {1, 1, 1, 1}, 4, 1, 1, 1, 1)
                .initializer("hinge.bias", new float[] {950, 725, 500, -250}, 4)
                .initializer("head.weight", new float[] {0, 0, 0, 0, 0.04f, -0.08f, 0.04f, 0, 0, 0, 0, 0.03f},
                        3, 4, 1, 1, 1)
                .initializer("head.bias", new float[] {0, -2, -1}, 3)
                .node("Conv", List.of("ct", "hinge.weight", "hinge.bias"), List.of("hinges"))
                .node("Relu", List.of("hinges"), List.of("ramps"))
                .node("Conv", List.of("ramps", "head.weight", "head.bias"), List.of("logits"))
                .build();
        write(folder, model, THRESHOLD_ID, List.of("background", "lung", "bone"),
                List.of(List.of(0, 0, 0), rgb(LUNG_RGB), rgb(BONE_RGB)), width, height, depth, orientation);
    }

    /** Forty 3x3x3 box blurs then a 1x1x1 head: the same labels every time, but seconds of work to cancel. */
    static void slow(Path folder, int width, int height, int depth, String orientation) throws IOException {
        float[] box = new float[27];
        Arrays.fill(box, 1f / 27);
        OnnxGraphBuilder b = new OnnxGraphBuilder("ct-slow", 13)
                .input("ct", OnnxModel.FLOAT, 1, 1, depth, height, width)
                .output("logits", OnnxModel.FLOAT, 1, 2, depth, height, width)
                .initializer("box", box, 1, 1, 3, 3, 3)
                .initializer("head.weight", new float[] {0, 0.01f}, 2, 1, 1, 1, 1);
        String previous = "ct";
        for (int i = 0; i < 40; i++) {
            String next = "blur" + i;
            b.node("Conv", List.of(previous, "box"), List.of(next), Attribute.ints("pads", 1, 1, 1, 1, 1, 1));
            previous = next;
        }
        b.node("Conv", List.of(previous, "head.weight"), List.of("logits"));
        write(folder, b.build(), SLOW_ID, List.of("background", "dense"),
                List.of(List.of(0, 0, 0), List.of(200, 80, 200)), width, height, depth, orientation);
    }

    /**
     * A 28x28 slice classifier whose "bright" logit is {@code 0.01 * sum of the pixels - 3} (the other is 0): the
     * more of the windowed slice is bright, the higher its probability, so the slices of a CT score differently.
     */
    static void brightness(Path folder) throws IOException {
        float[] w = new float[2 * 784];
        Arrays.fill(w, 784, w.length, 0.01f);
        OnnxModel model = new OnnxGraphBuilder("brightness", 13)
                .input("image", OnnxModel.FLOAT, -1, 1, 28, 28)
                .output("probabilities", OnnxModel.FLOAT, -1, 2)
                .initializer("head.weight", w, 2, 784)
                .initializer("head.bias", new float[] {0, -3}, 2)
                .node("Flatten", List.of("image"), List.of("flat"), Attribute.of("axis", 1))
                .node("Gemm", List.of("flat", "head.weight", "head.bias"), List.of("logits"), Attribute.of("transB", 1))
                .node("Softmax", List.of("logits"), List.of("probabilities"), Attribute.of("axis", 1))
                .build();
        Files.createDirectories(folder);
        Path onnx = folder.resolve(ModelPackage.MODEL_FILE);
        model.write(onnx);
        Map<String, Object> card = common(BRIGHTNESS_ID, "classification");
        card.put("input", Map.of("name", "image", "shape", List.of(-1, 1, 28, 28), "dtype", "float32",
                "layout", "NCHW", "width", 28, "height", 28, "channels", 1, "spatial", "2d-slice"));
        card.put("preprocessing", Map.of("mean", 0.0, "std", 1.0));
        card.put("outputs", List.of(Map.of("name", "probabilities", "shape", List.of(-1, 2),
                "meaning", "softmax over labels")));
        card.put("labels", List.of("dim", "bright"));
        card.put("positiveLabel", "bright");
        card.put("operatingThreshold", 0.5);
        card.put("sha256", ModelPackage.sha256(onnx));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve(ModelPackage.CARD_FILE).toFile(), card);
    }

    static final String DETECTOR_ID = "ct-bright-quadrant";

    /**
     * A detector on the slice area-resized to 8x8: AveragePool 4x4 stride 2 then Sigmoid scores 9 anchor boxes
     * {@code [2c, 2r, 2c+4, 2r+4]} (c, r in 0..2, in input pixels), all labelled "bright region".
     */
    static void detector(Path folder) throws IOException {
        float[] anchors = new float[9 * 4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int k = r * 3 + c;
                anchors[4 * k] = 2 * c;
                anchors[4 * k + 1] = 2 * r;
                anchors[4 * k + 2] = 2 * c + 4;
                anchors[4 * k + 3] = 2 * r + 4;
            }
        }
        OnnxModel model = new OnnxGraphBuilder("quadrants", 13)
                .input("image", OnnxModel.FLOAT, 1, 1, 8, 8)
                .output("boxes", OnnxModel.FLOAT, 1, 9, 4)
                .output("scores", OnnxModel.FLOAT, 1, 9)
                .initializer("anchors", anchors, 1, 9, 4)
                .initializer("scoreShape", new long[] {1, 9}, 2)
                .node("AveragePool", List.of("image"), List.of("pooled"),
                        Attribute.ints("kernel_shape", 4, 4), Attribute.ints("strides", 2, 2))
                .node("Reshape", List.of("pooled", "scoreShape"), List.of("flat"))
                .node("Sigmoid", List.of("flat"), List.of("scores"))
                .node("Identity", List.of("anchors"), List.of("boxes"))
                .build();
        Files.createDirectories(folder);
        Path onnx = folder.resolve(ModelPackage.MODEL_FILE);
        model.write(onnx);
        Map<String, Object> card = common(DETECTOR_ID, "detection");
        card.put("input", Map.of("name", "image", "shape", List.of(1, 1, 8, 8), "dtype", "float32",
                "layout", "NCHW", "width", 8, "height", 8, "channels", 1));
        card.put("outputs", List.of(
                Map.of("name", "boxes", "shape", List.of(1, 9, 4), "meaning", "x1,y1,x2,y2 in input pixels"),
                Map.of("name", "scores", "shape", List.of(1, 9), "meaning", "sigmoid of the box's mean intensity")));
        card.put("labels", List.of("bright region"));
        card.put("detection", Map.of("boxesOutput", "boxes", "scoresOutput", "scores",
                "scoreThreshold", 0.55, "iouThreshold", 0.3));
        card.put("sha256", ModelPackage.sha256(onnx));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve(ModelPackage.CARD_FILE).toFile(), card);
    }

    /** A copy of {@code source} whose card gives another model's SHA-256: the registry must refuse it. */
    static void withWrongSha(Path source, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.copy(source.resolve(ModelPackage.MODEL_FILE), folder.resolve(ModelPackage.MODEL_FILE));
        String card = Files.readString(source.resolve(ModelPackage.CARD_FILE))
                .replace(THRESHOLD_ID, THRESHOLD_ID + "-tampered")
                .replaceFirst("\"sha256\" : \"[0-9a-f]{64}\"", "\"sha256\" : \"" + "0".repeat(64) + "\"");
        Files.writeString(folder.resolve(ModelPackage.CARD_FILE), card);
    }

    private static Map<String, Object> common(String id, String task) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("id", id);
        card.put("version", "0.1.0");
        card.put("name", id + " (built by a test)");
        card.put("task", task);
        card.put("modality", List.of("CT"));
        card.put("bodyPart", "CHEST");
        card.put("intendedUse", "Tests only, not for clinical use.");
        card.put("limitations", List.of("Hand-set weights"));
        card.put("trainingData", Map.of("name", "none (weights set by hand)"));
        card.put("metrics", Map.of());
        card.put("licence", "CC0");
        return card;
    }

    private static List<Integer> rgb(int[] c) {
        return List.of(c[0], c[1], c[2]);
    }

    private static void write(Path folder, OnnxModel model, String id, List<String> labels, List<List<Integer>> colours,
                              int width, int height, int depth, String orientation) throws IOException {
        Files.createDirectories(folder);
        Path onnx = folder.resolve(ModelPackage.MODEL_FILE);
        model.write(onnx);
        Map<String, Object> card = common(id, "segmentation");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "ct");
        input.put("shape", List.of(1, 1, depth, height, width));
        input.put("dtype", "float32");
        input.put("layout", "NCDHW");
        input.put("spatial", "3d-volume");
        input.put("width", width);
        input.put("height", height);
        input.put("depth", depth);
        input.put("channels", 1);
        input.put("orientation", orientation);
        card.put("input", input);
        card.put("preprocessing", Map.of("intensity", "none"));
        List<Object> shape = new ArrayList<>(List.of(1, labels.size(), depth, height, width));
        card.put("outputs", List.of(Map.of("name", "logits", "shape", shape, "meaning", "per-class logits")));
        card.put("labels", labels);
        card.put("labelColors", colours);
        card.put("sha256", ModelPackage.sha256(onnx));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve(ModelPackage.CARD_FILE).toFile(), card);
    }
}
