package io.secondlook.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.secondlook.inference.TestData;
import io.secondlook.inference.classify.Classification;
import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelRegistry;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device choice with a clean CPU fallback, thread counts, and the device reported in results. */
class OnnxSessionTest {

    @TempDir
    Path dir;

    @Test
    void autoFallsBackToCpuWithAReasonWhenCudaIsMissingAndResultsSayCpu() throws Exception {
        ModelPackage pkg = ModelRegistry.bundled(dir).require("pneumonia-demo");
        boolean cuda = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        try (OnnxSession auto = OnnxSession.open(pkg.modelFile(), new RuntimeOptions(RuntimeOptions.Device.AUTO, 1));
             OnnxSession forced = OnnxSession.open(pkg.modelFile(), new RuntimeOptions(RuntimeOptions.Device.CUDA, 1));
             OnnxSession cpu = OnnxSession.open(pkg.modelFile(), RuntimeOptions.cpu(1))) {
            assertEquals("cpu", cpu.device());
            assertNull(cpu.fallbackReason());
            if (!cuda) {
                assertEquals("cpu", auto.device());
                assertEquals("cpu", forced.device());
                assertTrue(auto.fallbackReason().contains("CUDA"), auto.fallbackReason());
            } else {
                assertTrue(auto.device().equals("cuda:0") || auto.fallbackReason() != null);
            }
        }
        try (ImageClassifier c = ImageClassifier.open(pkg, new RuntimeOptions(RuntimeOptions.Device.AUTO, 2))) {
            Classification r = c.classify(TestData.pneumoniaImages("test", 0, 1).get(0));
            assertEquals(c.device(), r.device());
            if (!cuda) {
                assertEquals("cpu", r.device());
                assertNotNull(c.deviceFallbackReason());
            }
        }
    }

    @Test
    void threadCountDoesNotChangeResultsAndBatchesMatchSingleImages() {
        ModelPackage pkg = ModelRegistry.bundled(dir).require("pneumonia-demo");
        List<GrayImage> images = TestData.pneumoniaImages("test", 10, 20);
        try (ImageClassifier one = ImageClassifier.open(pkg, RuntimeOptions.cpu(1));
             ImageClassifier two = ImageClassifier.open(pkg, RuntimeOptions.cpu(2))) {
            List<Classification> batched = two.classifyBatch(images);
            for (int i = 0; i < images.size(); i++) {
                Classification single = one.classify(images.get(i));
                assertArrayEquals(single.probabilities(), batched.get(i).probabilities(), 1e-5);
                assertArrayEquals(single.saliency().values(), batched.get(i).saliency().values(), 1e-4f);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.cpu(-1));
    }

    @Test
    void forwardPassGoesThroughDjlAndMatchesRawOnnxRuntimeBitForBit() throws Exception {
        ModelPackage pkg = ModelRegistry.bundled(dir).require("pneumonia-demo");
        ModelCard.Input in = pkg.card().input();
        long[] shape = {2, 1, in.height(), in.width()};
        float[] data = new float[2 * in.height() * in.width()];
        Random random = new Random(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        try (OnnxSession s = OnnxSession.open(pkg.modelFile(), RuntimeOptions.cpu(1))) {
            assertEquals("OnnxRuntime", Engine.getEngine("OnnxRuntime").getEngineName());
            assertTrue(s.environment() == OrtEnvironment.getEnvironment(), "DJL and the session share one environment");
            Set<String> outputs = s.ortSession().getOutputNames();
            OnnxSession.Outputs viaDjl = s.run(in.name(), data, shape, outputs);
            try (OnnxTensor tensor = OnnxTensor.createTensor(s.environment(), FloatBuffer.wrap(data), shape);
                 OrtSession.Result raw = s.ortSession().run(Map.of(in.name(), tensor), outputs)) {
                assertEquals(outputs, viaDjl.values().keySet());
                for (String name : outputs) {
                    OnnxTensor t = (OnnxTensor) raw.get(name).orElseThrow();
                    FloatBuffer fb = t.getFloatBuffer();
                    float[] expected = new float[fb.remaining()];
                    fb.get(expected);
                    assertArrayEquals(t.getInfo().getShape(), viaDjl.shape(name), name);
                    assertArrayEquals(expected, viaDjl.values(name), name);
                }
            }
            // Only DJL's OrtSymbolBlock names its inputs this way: proof that the forward pass goes through it.
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.run("not-an-input", data, shape, outputs));
            assertTrue(e.getMessage().contains("Invalid input tensor name"), e.getMessage());
        }
    }

    @Test
    void defaultsComeFromSystemProperties() {
        String old = System.getProperty("secondlook.device");
        try {
            System.setProperty("secondlook.device", "cpu");
            System.setProperty("secondlook.threads", "3");
            assertEquals(new RuntimeOptions(RuntimeOptions.Device.CPU, 3), RuntimeOptions.defaults());
            System.setProperty("secondlook.device", "tpu");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, RuntimeOptions::defaults);
            assertTrue(e.getMessage().contains("tpu"), e.getMessage());
        } finally {
            System.clearProperty("secondlook.threads");
            if (old == null) {
                System.clearProperty("secondlook.device");
            } else {
                System.setProperty("secondlook.device", old);
            }
        }
    }
}
