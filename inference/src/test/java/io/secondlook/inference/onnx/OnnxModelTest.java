package io.secondlook.inference.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelRegistry;
import io.secondlook.inference.onnx.OnnxGraphBuilder.Attribute;
import io.secondlook.inference.runtime.OnnxSession;
import io.secondlook.inference.runtime.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our protobuf reader/writer on the bundled model (exported by PyTorch) and on graphs we build. */
class OnnxModelTest {

    @TempDir
    Path dir;

    private ModelPackage bundled() {
        return ModelRegistry.bundled(dir.resolve("cache")).require("pneumonia-demo");
    }

    @Test
    void readsTheBundledGraphAsOnnxDescribesIt() throws IOException {
        OnnxModel m = OnnxModel.read(bundled().modelFile());
        // Structure as printed by the onnx Python package for this file.
        assertEquals(17, m.nodes().size());
        assertEquals("Conv", m.nodes().get(0).opType());
        assertEquals(List.of("image", "onnx::Conv_63", "onnx::Conv_64"), m.nodes().get(0).inputs());
        assertEquals("Softmax", m.nodes().get(16).opType());
        assertEquals(14, m.initializers().size());
        OnnxModel.Tensor head = m.initializer("net.head.weight").orElseThrow();
        assertArrayEquals(new long[] {2, 128}, head.dims());
        assertEquals(256, head.floats().length);
        assertArrayEquals(new long[] {32, 1, 3, 3}, m.initializer("onnx::Conv_63").orElseThrow().dims());
        assertEquals(1, m.inputs().size());
        assertEquals("image", m.inputs().get(0).name());
        assertArrayEquals(new long[] {-1, 1, 28, 28}, m.inputs().get(0).dims());
        assertEquals(List.of("probabilities", "features"), m.outputs().stream().map(OnnxModel.ValueInfo::name).toList());
        List<OnnxModel.Layer> layers = m.layersFromOutput();
        assertEquals(7, layers.size());
        assertEquals("Gemm", layers.get(0).node().opType());
        assertEquals(List.of("net.head.weight", "net.head.bias"),
                layers.get(0).parameters().stream().map(OnnxModel.Tensor::name).toList());
        assertEquals("onnx::Conv_63", layers.get(6).parameters().get(0).name());
        // The head in the graph is the one the card copies.
        double[][] cardHead = bundled().card().saliency().cam().classifierWeights();
        assertEquals(cardHead[1][5], head.floats()[128 + 5], 1e-7);
    }

    @Test
    void roundTripIsByteExactAndReplacedWeightsReachOnnxRuntime() throws Exception {
        byte[] original = Files.readAllBytes(bundled().modelFile());
        OnnxModel m = OnnxModel.parse(original);
        assertArrayEquals(original, m.toBytes());

        float[] zeros = new float[256];
        OnnxModel edited = m.withFloats("net.head.weight", zeros).withFloats("net.head.bias", new float[] {0, 0});
        assertArrayEquals(zeros, OnnxModel.parse(edited.toBytes()).initializer("net.head.weight").orElseThrow().floats());
        assertArrayEquals(original, m.toBytes(), "the original is unchanged");
        Path file = dir.resolve("zero-head.onnx");
        edited.write(file);
        float[] input = new float[784];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(i);
        }
        try (OnnxSession s = OnnxSession.open(file, RuntimeOptions.cpu(1));
             OnnxSession o = OnnxSession.open(bundled().modelFile(), RuntimeOptions.cpu(1))) {
            float[] p = s.run("image", input, new long[] {1, 1, 28, 28}, Set.of("probabilities")).values("probabilities");
            assertArrayEquals(new float[] {0.5f, 0.5f}, p, 1e-6f, "zero head: equal logits");
            float[] q = o.run("image", input, new long[] {1, 1, 28, 28}, Set.of("probabilities")).values("probabilities");
            assertNotEquals(0.5f, q[0], 1e-3f);
        }
        assertThrows(IllegalArgumentException.class, () -> m.withFloats("net.head.weight", new float[3]));
        assertThrows(IllegalArgumentException.class, () -> m.withFloats("nope", new float[3]));
    }

    @Test
    void builtGraphRunsAndWireFormatEdgeCasesRoundTrip() throws Exception {
        OnnxModel add = new OnnxGraphBuilder("add", 13)
                .input("x", OnnxModel.FLOAT, -1, 3)
                .output("y", OnnxModel.FLOAT, -1, 3)
                .initializer("c", new float[] {1, -2, 0.5f}, 3)
                .node("Add", List.of("x", "c"), List.of("y"))
                .build();
        Path file = dir.resolve("add.onnx");
        add.write(file);
        try (OnnxSession s = OnnxSession.open(file, RuntimeOptions.cpu(1))) {
            float[] y = s.run("x", new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, Set.of("y")).values("y");
            assertArrayEquals(new float[] {2, 0, 3.5f, 5, 3, 6.5f}, y);
        }
        ProtoMessage m = new ProtoMessage().addVarint(1, -1).addVarint(2, 300).addFixed32(3, -0.25f).addString(4, "é");
        ProtoMessage back = ProtoMessage.parse(m.toBytes());
        assertEquals(-1, back.varint(1, 0));
        assertEquals(300, back.varint(2, 0));
        assertEquals(-0.25f, back.floats(3)[0]);
        assertEquals("é", back.string(4));
        assertEquals(11, new ProtoMessage().addVarint(1, -1).toBytes().length, "negative int64: 10-byte varint");
        byte[] truncated = java.util.Arrays.copyOf(m.toBytes(), 3);
        assertThrows(IllegalArgumentException.class, () -> ProtoMessage.parse(truncated));
        IOException notOnnx = assertThrows(IOException.class, () -> {
            Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model at all");
            OnnxModel.read(junk);
        });
        assertTrue(notOnnx.getMessage().contains("junk.onnx"), notOnnx.getMessage());
        Attribute.of("alpha", 1.0f);
    }
}
