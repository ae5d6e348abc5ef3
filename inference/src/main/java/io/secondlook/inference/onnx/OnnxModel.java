package io.secondlook.inference.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ONNX model file (ModelProto) read with {@link ProtoMessage}: its graph's nodes, initializers, inputs and
 * outputs, and float initializers that can be replaced before writing the model back. Immutable; every edit
 * returns a new model and leaves all other bytes as they were.
 */
public final class OnnxModel {

    /** TensorProto.DataType values used here. */
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT32 = 6;
    public static final int INT64 = 7;

    static final int MODEL_GRAPH = 7;
    static final int GRAPH_NODE = 1;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_FLOAT_DATA = 4;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;

    /** A graph node; {@code inputs} may contain empty strings for omitted optional inputs. */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs) {
    }

    /** An initializer's name, shape and element type; {@link #floats} decodes FLOAT data. */
    public record Tensor(String name, long[] dims, int dataType, ProtoMessage proto) {

        public long elementCount() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        public float[] floats() {
            if (dataType != FLOAT) {
                throw new IllegalStateException("Initializer '" + name + "' is not float32 (type " + dataType + ")");
            }
            byte[] raw = proto.bytes(TENSOR_RAW_DATA);
            if (raw != null) {
                float[] out = new float[raw.length / 4];
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
                return out;
            }
            return proto.floats(TENSOR_FLOAT_DATA);
        }
    }

    /** A graph input or output: element type (TensorProto.DataType) and dims, -1 where symbolic or unknown. */
    public record ValueInfo(String name, int elementType, long[] dims) {
    }

    /** The initializers one node consumes, e.g. a Conv's weight and bias. */
    public record Layer(Node node, List<Tensor> parameters) {
        public String name() {
            return node.name().isEmpty() ? node.opType() + "(" + node.outputs().get(0) + ")" : node.name();
        }
    }

    private final ProtoMessage model;
    private final ProtoMessage graph;

    private OnnxModel(ProtoMessage model) {
        this.model = model;
        this.graph = model.message(MODEL_GRAPH);
        if (graph == null) {
            throw new IllegalArgumentException("Not an ONNX model: no graph");
        }
    }

    public static OnnxModel read(Path file) throws IOException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a readable ONNX model (" + e.getMessage() + ")", e);
        }
    }

    public static OnnxModel parse(byte[] bytes) {
        return new OnnxModel(ProtoMessage.parse(bytes));
    }

    static OnnxModel of(ProtoMessage model) {
        return new OnnxModel(model);
    }

    public List<Node> nodes() {
        List<Node> out = new ArrayList<>();
        for (ProtoMessage n : graph.messages(GRAPH_NODE)) {
            out.add(new Node(nullToEmpty(n.string(3)), n.string(4), n.strings(1), n.strings(2)));
        }
        return out;
    }

    public List<Tensor> initializers() {
        List<Tensor> out = new ArrayList<>();
        for (ProtoMessage t : graph.messages(GRAPH_INITIALIZER)) {
            out.add(tensor(t));
        }
        return out;
    }

    public Optional<Tensor> initializer(String name) {
        return initializers().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public List<ValueInfo> inputs() {
        List<String> initNames = initializers().stream().map(Tensor::name).toList();
        return valueInfos(GRAPH_INPUT).stream().filter(v -> !initNames.contains(v.name())).toList();
    }

    public List<ValueInfo> outputs() {
        return valueInfos(GRAPH_OUTPUT);
    }

    /**
     * The parameterised layers, from the output towards the input: each node that consumes float initializers
     * of two or more dimensions (weights), with all the float initializers it consumes (weights and biases).
     */
    public List<Layer> layersFromOutput() {
        Map<String, Tensor> inits = new LinkedHashMap<>();
        for (Tensor t : initializers()) {
            inits.put(t.name(), t);
        }
        List<Layer> layers = new ArrayList<>();
        for (Node n : nodes()) {
            List<Tensor> params = n.inputs().stream().map(inits::get)
                    .filter(t -> t != null && t.dataType() == FLOAT).toList();
            if (params.stream().anyMatch(t -> t.dims().length >= 2)) {
                layers.add(new Layer(n, params));
            }
        }
        Collections.reverse(layers);
        return layers;
    }

    /** A copy with the named float initializer's values replaced (same count), stored as raw little-endian data. */
    public OnnxModel withFloats(String name, float[] values) {
        List<ProtoMessage> inits = graph.messages(GRAPH_INITIALIZER);
        for (int i = 0; i < inits.size(); i++) {
            Tensor t = tensor(inits.get(i));
            if (!t.name().equals(name)) {
                continue;
            }
            if (t.dataType() != FLOAT || t.elementCount() != values.length) {
                throw new IllegalArgumentException("Initializer '" + name + "' holds " + t.elementCount()
                        + " values of type " + t.dataType() + "; got " + values.length + " floats");
            }
            ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(values);
            ProtoMessage replaced = inits.get(i).copy().remove(TENSOR_FLOAT_DATA).remove(TENSOR_RAW_DATA)
                    .addBytes(TENSOR_RAW_DATA, raw.array());
            ProtoMessage newGraph = graph.copy().replace(GRAPH_INITIALIZER, i, replaced);
            int graphIndex = model.all(MODEL_GRAPH).size() - 1;
            return new OnnxModel(model.copy().replace(MODEL_GRAPH, graphIndex, newGraph));
        }
        throw new IllegalArgumentException("No initializer named '" + name + "'");
    }

    public byte[] toBytes() {
        return model.toBytes();
    }

    public void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    private List<ValueInfo> valueInfos(int field) {
        List<ValueInfo> out = new ArrayList<>();
        for (ProtoMessage v : graph.messages(field)) {
            ProtoMessage type = v.message(2);
            ProtoMessage tensorType = type == null ? null : type.message(1);
            int elem = tensorType == null ? 0 : (int) tensorType.varint(1, 0);
            ProtoMessage shape = tensorType == null ? null : tensorType.message(2);
            long[] dims = shape == null ? new long[0]
                    : shape.messages(1).stream().mapToLong(d -> d.varint(1, -1)).toArray();
            out.add(new ValueInfo(v.string(1), elem, dims));
        }
        return out;
    }

    private static Tensor tensor(ProtoMessage t) {
        return new Tensor(nullToEmpty(t.string(TENSOR_NAME)), t.longs(TENSOR_DIMS), (int) t.varint(TENSOR_DATA_TYPE, 0), t);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
