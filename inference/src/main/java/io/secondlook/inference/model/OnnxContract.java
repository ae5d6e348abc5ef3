package io.secondlook.inference.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.secondlook.inference.runtime.OnnxSession;
import io.secondlook.inference.runtime.RuntimeOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks that a model's ONNX graph, as ONNX Runtime loads it, matches its card: the card's input and outputs
 * exist under those names, with the same rank, the same element type, and no fixed dimension that differs
 * (a dimension free on either side, written -1 in the card, matches anything).
 */
public final class OnnxContract {

    private OnnxContract() {
    }

    /** Opens a CPU session on the package's model and compares; refuses with the first disagreement. */
    public static void check(ModelPackage pkg) {
        try (OnnxSession session = OnnxSession.open(pkg.modelFile(), RuntimeOptions.cpu(1))) {
            check(pkg, session.inputInfo(), session.outputInfo());
        } catch (OrtException e) {
            throw new ModelPackageException(pkg.modelFile(), "ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    static void check(ModelPackage pkg, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        ModelCard card = pkg.card();
        ModelCard.Input in = card.input();
        NodeInfo input = inputs.get(in.name());
        if (input == null) {
            refuse(pkg, "card input '" + in.name() + "' is not an input of the model (model inputs: " + inputs.keySet() + ")");
        }
        if (inputs.size() > 1) {
            refuse(pkg, "the model has " + inputs.size() + " inputs " + inputs.keySet() + "; the card describes one");
        }
        compare(pkg, "input", in.name(), expectedInputShape(in), in.dtype() == null ? "float32" : in.dtype(), input);
        for (ModelCard.Output out : card.outputs()) {
            NodeInfo info = outputs.get(out.name());
            if (info == null) {
                refuse(pkg, "card output '" + out.name() + "' is not an output of the model (model outputs: "
                        + outputs.keySet() + ")");
            }
            compare(pkg, "output", out.name(), out.shape() == null ? null
                    : out.shape().stream().mapToLong(Long::longValue).toArray(), out.dtypeOrDefault(), info);
        }
    }

    private static long[] expectedInputShape(ModelCard.Input in) {
        if (in.shape() != null) {
            return in.shape().stream().mapToLong(Long::longValue).toArray();
        }
        if (ModelCard.Input.VOLUME_3D.equals(in.spatialOrDefault())) {
            return new long[] {-1, in.channels(), in.depth(), in.height(), in.width()};
        }
        return new long[] {-1, in.channels(), in.height(), in.width()};
    }

    private static void compare(ModelPackage pkg, String kind, String name, long[] cardShape, String cardType,
                                NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo tensor)) {
            refuse(pkg, kind + " '" + name + "' is not a tensor in the model");
            return;
        }
        String modelType = typeName(tensor.type);
        if (!modelType.equals(cardType)) {
            refuse(pkg, kind + " '" + name + "' is " + modelType + " in the model but " + cardType + " in the card");
        }
        if (cardShape == null) {
            return;
        }
        long[] modelShape = tensor.getShape();
        if (modelShape.length != cardShape.length) {
            refuse(pkg, kind + " '" + name + "' has rank " + modelShape.length + " " + Arrays.toString(modelShape)
                    + " in the model but rank " + cardShape.length + " " + Arrays.toString(cardShape) + " in the card");
        }
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < cardShape.length; i++) {
            if (cardShape[i] > 0 && modelShape[i] > 0 && cardShape[i] != modelShape[i]) {
                diffs.add("dim " + i + ": model " + modelShape[i] + ", card " + cardShape[i]);
            }
        }
        if (!diffs.isEmpty()) {
            refuse(pkg, kind + " '" + name + "' shape " + Arrays.toString(modelShape) + " disagrees with the card's "
                    + Arrays.toString(cardShape) + " (" + String.join("; ", diffs) + ")");
        }
    }

    private static String typeName(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case FLOAT16 -> "float16";
            case INT8 -> "int8";
            case UINT8 -> "uint8";
            case INT16 -> "int16";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case BOOL -> "bool";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static void refuse(ModelPackage pkg, String reason) {
        throw new ModelPackageException(pkg.modelFile(), "does not match " + ModelPackage.CARD_FILE + ": " + reason);
    }
}
