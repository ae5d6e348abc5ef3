package io.secondlook.inference.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes small ONNX models (ModelProto, IR version 8) from nodes, float initializers and typed inputs and
 * outputs, for test and demonstration models built at run time.
 */
public final class OnnxGraphBuilder {

    private final ProtoMessage graph = new ProtoMessage();
    private final int opset;

    public OnnxGraphBuilder(String name, int opset) {
        this.opset = opset;
        graph.addString(2, name);
    }

    /** A graph input; a negative dim is written as a symbolic dimension {@code N}. */
    public OnnxGraphBuilder input(String name, int elementType, long... dims) {
        graph.addMessage(OnnxModel.GRAPH_INPUT, valueInfo(name, elementType, dims));
        return this;
    }

    public OnnxGraphBuilder output(String name, int elementType, long... dims) {
        graph.addMessage(OnnxModel.GRAPH_OUTPUT, valueInfo(name, elementType, dims));
        return this;
    }

    public OnnxGraphBuilder initializer(String name, float[] values, long... dims) {
        graph.addMessage(OnnxModel.GRAPH_INITIALIZER, floatTensor(name, values, dims));
        return this;
    }

    /** A float TensorProto with raw little-endian data. */
    static ProtoMessage floatTensor(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        ProtoMessage t = new ProtoMessage();
        for (long d : dims) {
            t.addVarint(OnnxModel.TENSOR_DIMS, d);
        }
        return t.addVarint(OnnxModel.TENSOR_DATA_TYPE, OnnxModel.FLOAT).addString(OnnxModel.TENSOR_NAME, name)
                .addBytes(OnnxModel.TENSOR_RAW_DATA, raw.array());
    }

    /** An int64 initializer (shapes, axes). */
    public OnnxGraphBuilder initializer(String name, long[] values, long... dims) {
        ProtoMessage t = new ProtoMessage();
        for (long d : dims) {
            t.addVarint(OnnxModel.TENSOR_DIMS, d);
        }
        t.addVarint(OnnxModel.TENSOR_DATA_TYPE, OnnxModel.INT64);
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        for (long v : values) {
            ProtoMessage.writeVarint(buf, v);
        }
        t.addBytes(7, buf.toByteArray()).addString(OnnxModel.TENSOR_NAME, name);
        graph.addMessage(OnnxModel.GRAPH_INITIALIZER, t);
        return this;
    }

    public OnnxGraphBuilder node(String opType, List<String> inputs, List<String> outputs, Attribute... attributes) {
        ProtoMessage n = new ProtoMessage();
        inputs.forEach(i -> n.addString(1, i));
        outputs.forEach(o -> n.addString(2, o));
        n.addString(3, opType + "_" + graph.all(OnnxModel.GRAPH_NODE).size()).addString(4, opType);
        for (Attribute a : attributes) {
            n.addMessage(5, a.proto);
        }
        graph.addMessage(OnnxModel.GRAPH_NODE, n);
        return this;
    }

    public OnnxModel build() {
        ProtoMessage model = new ProtoMessage().addVarint(1, 8).addString(2, "secondlook");
        model.addMessage(OnnxModel.MODEL_GRAPH, graph);
        model.addMessage(8, new ProtoMessage().addString(1, "").addVarint(2, opset));
        return OnnxModel.of(model);
    }

    private static ProtoMessage valueInfo(String name, int elementType, long[] dims) {
        ProtoMessage shape = new ProtoMessage();
        for (long d : dims) {
            shape.addMessage(1, d < 0 ? new ProtoMessage().addString(2, "N") : new ProtoMessage().addVarint(1, d));
        }
        ProtoMessage tensorType = new ProtoMessage().addVarint(1, elementType).addMessage(2, shape);
        return new ProtoMessage().addString(1, name).addMessage(2, new ProtoMessage().addMessage(1, tensorType));
    }

    /** A node attribute (AttributeProto). */
    public static final class Attribute {
        private final ProtoMessage proto;

        private Attribute(ProtoMessage proto) {
            this.proto = proto;
        }

        public static Attribute of(String name, long value) {
            return new Attribute(new ProtoMessage().addString(1, name).addVarint(3, value).addVarint(20, 2));
        }

        public static Attribute of(String name, float value) {
            return new Attribute(new ProtoMessage().addString(1, name).addFixed32(2, value).addVarint(20, 1));
        }

        public static Attribute ints(String name, long... values) {
            ProtoMessage p = new ProtoMessage().addString(1, name);
            for (long v : values) {
                p.addVarint(8, v);
            }
            return new Attribute(p.addVarint(20, 7));
        }
    }
}
