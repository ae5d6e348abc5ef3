package io.secondlook.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.onnx.OnnxGraphBuilder;
import io.secondlook.inference.onnx.OnnxGraphBuilder.Attribute;
import io.secondlook.inference.onnx.OnnxModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small ONNX models built with our writer, packaged with a card, for tests whose answers are known by hand. */
public final class TestModels {

    private TestModels() {
    }

    /**
     * A 28x28 classifier whose positive logit is {@code 0.1 * sum of the pixels in [x0,x0+size) x [y0,y0+size)}
     * minus 2 (the negative logit is 0): Flatten, Gemm, Softmax. Only that square can matter to it.
     */
    public static ModelPackage squareClassifier(Path folder, int x0, int y0, int size) throws IOException {
        float[] w = new float[2 * 784];
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                w[784 + y * 28 + x] = 0.1f;
            }
        }
        OnnxModel model = new OnnxGraphBuilder("square", 13)
                .input("image", OnnxModel.FLOAT, -1, 1, 28, 28)
                .output("probabilities", OnnxModel.FLOAT, -1, 2)
                .initializer("head.weight", w, 2, 784)
                .initializer("head.bias", new float[] {0, -2}, 2)
                .node("Flatten", List.of("image"), List.of("flat"), Attribute.of("axis", 1))
                .node("Gemm", List.of("flat", "head.weight", "head.bias"), List.of("logits"), Attribute.of("transB", 1))
                .node("Softmax", List.of("logits"), List.of("probabilities"), Attribute.of("axis", 1))
                .build();
        Map<String, Object> card = card("square-demo", "classification", model, folder);
        card.put("input", Map.of("name", "image", "shape", List.of(-1, 1, 28, 28), "dtype", "float32",
                "layout", "NCHW", "width", 28, "height", 28, "channels", 1, "spatial", "2d-slice"));
        card.put("preprocessing", Map.of("mean", 0.0, "std", 1.0));
        card.put("outputs", List.of(Map.of("name", "probabilities", "shape", List.of(-1, 2),
                "meaning", "softmax over labels")));
        card.put("labels", List.of("absent", "present"));
        card.put("positiveLabel", "present");
        card.put("operatingThreshold", 0.5);
        card.put("saliency", Map.of("methods", List.of("OCCLUSION", "RISE")));
        return write(folder, model, card);
    }

    /**
     * A detector on 8x8 inputs: AveragePool 4x4 stride 2 then Sigmoid gives the scores of 9 anchors
     * {@code [2c, 2r, 2c+4, 2r+4]} (c, r in 0..2), returned as a constant through Identity; every label is index 0.
     */
    public static ModelPackage quadrantDetector(Path folder, double scoreThreshold, double iouThreshold)
            throws IOException {
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
        Map<String, Object> card = card("quadrant-detector", "detection", model, folder);
        card.put("input", Map.of("name", "image", "shape", List.of(1, 1, 8, 8), "dtype", "float32",
                "layout", "NCHW", "width", 8, "height", 8, "channels", 1));
        card.put("outputs", List.of(
                Map.of("name", "boxes", "shape", List.of(1, 9, 4), "meaning", "x1,y1,x2,y2 in input pixels"),
                Map.of("name", "scores", "shape", List.of(1, 9), "meaning", "sigmoid of the box's mean intensity")));
        card.put("labels", List.of("bright-region"));
        card.put("detection", Map.of("boxesOutput", "boxes", "scoresOutput", "scores",
                "scoreThreshold", scoreThreshold, "iouThreshold", iouThreshold));
        return write(folder, model, card);
    }

    private static Map<String, Object> card(String id, String task, OnnxModel model, Path folder) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("id", id);
        card.put("version", "0.1.0");
        card.put("name", id + " (built by a test)");
        card.put("task", task);
        card.put("modality", List.of("OT"));
        card.put("bodyPart", "PHANTOM");
        card.put("intendedUse", "Tests only.");
        card.put("trainingData", Map.of("name", "none (weights set by hand)"));
        card.put("metrics", Map.of());
        card.put("licence", "CC0");
        return card;
    }

    private static ModelPackage write(Path folder, OnnxModel model, Map<String, Object> card) throws IOException {
        Files.createDirectories(folder);
        Path onnx = folder.resolve(ModelPackage.MODEL_FILE);
        model.write(onnx);
        card.put("sha256", ModelPackage.sha256(onnx));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve(ModelPackage.CARD_FILE).toFile(), card);
        return ModelPackage.verify(folder, folder.resolveSibling(folder.getFileName() + "-unzipped"));
    }
}
