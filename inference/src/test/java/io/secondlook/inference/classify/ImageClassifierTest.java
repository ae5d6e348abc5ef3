package io.secondlook.inference.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.inference.TestData;
import io.secondlook.inference.eval.NpyArray;
import io.secondlook.inference.eval.NpzReader;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelRegistry;
import io.secondlook.inference.saliency.SaliencyMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled model through ONNX Runtime against reference outputs PyTorch wrote at training time. */
class ImageClassifierTest {

    @TempDir
    static Path cache;

    private static ImageClassifier classifier;
    private static NpyArray testImages;
    private static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        ModelPackage pkg = ModelRegistry.bundled(cache).require("pneumonia-demo");
        classifier = ImageClassifier.open(pkg);
        try (NpzReader npz = NpzReader.open(TestData.pneumoniaNpz())) {
            testImages = npz.array("test_images");
        }
        try (InputStream in = ImageClassifierTest.class.getResourceAsStream("/pneumonia-demo-expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        assertEquals(pkg.version(), expected.get("version").asText(), "expected outputs belong to another model");
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    private static GrayImage testImage(int index) {
        return GrayImage.fromUnsignedBytes(28, 28, testImages.unsignedBytes(index * 784, 784), 0);
    }

    @Test
    void probabilitiesMatchPyTorch() {
        int checked = 0;
        for (JsonNode e : expected.get("probabilities")) {
            Classification c = classifier.classify(testImage(e.get("index").asInt()));
            for (int k = 0; k < 2; k++) {
                assertEquals(e.get("values").get(k).asDouble(), c.probabilities()[k], 1e-4,
                        "test image " + e.get("index") + " class " + k);
            }
            assertEquals(c.probabilities()[1], c.positiveProbability());
            assertEquals(c.positiveProbability() >= c.threshold(), c.positive());
            assertEquals(c.positive() ? "pneumonia" : "normal", c.label());
            assertEquals("pneumonia-demo", c.modelId());
            assertEquals("cpu", c.device());
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void camMatchesPyTorchFromTheSameForwardPass() {
        for (JsonNode e : expected.get("cam")) {
            Classification c = classifier.classify(testImage(e.get("index").asInt()));
            SaliencyMap map = c.saliency();
            assertNotNull(map);
            assertEquals("CAM", map.method());
            assertEquals(28, map.width());
            assertEquals(28, map.height());
            assertEquals(c.labels().get(e.get("classIndex").asInt()), map.parameters().get("targetLabel"));
            assertEquals(e.get("rawMax").asDouble(), map.rawMax(), 1e-3 * Math.max(1, e.get("rawMax").asDouble()));
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int i = 0; i < map.values().length; i++) {
                assertEquals(e.get("values").get(i).asDouble(), map.values()[i], 1e-3, "pixel " + i);
                min = Math.min(min, map.values()[i]);
                max = Math.max(max, map.values()[i]);
            }
            assertEquals(0f, min);
            assertEquals(1f, max);
        }
    }

    @Test
    void saliencyIsInTheInputImageCoordinates() {
        // A 56x84 version of a pneumonia case (pixel replication); area averaging brings it back to 28x28.
        JsonNode e = expected.get("cam").get(1);
        GrayImage small = testImage(e.get("index").asInt());
        int w = 56;
        int h = 84;
        float[] big = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                big[y * w + x] = small.at(x / 2, y / 3);
            }
        }
        Classification direct = classifier.classify(small);
        Classification scaled = classifier.classify(new GrayImage(w, h, big));
        assertArrayEquals(direct.probabilities(), scaled.probabilities(), 1e-5);
        SaliencyMap map = scaled.saliency();
        assertEquals(w, map.width());
        assertEquals(h, map.height());
        float min = 1;
        float max = 0;
        for (float v : map.values()) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(max - min > 0.5, "map is (nearly) constant");
    }
}
