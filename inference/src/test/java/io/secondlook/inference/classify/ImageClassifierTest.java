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
import io.secondlook.inference.image.BoxAverage;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelRegistry;
import io.secondlook.inference.saliency.SaliencyMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        SaliencyMap grid = scaled.saliency();
        assertEquals(28, grid.width(), "CAM stays at the model's input resolution");
        assertEquals(28, grid.height());
        assertEquals(w, grid.imageWidth());
        assertEquals(h, grid.imageHeight());
        assertArrayEquals(direct.saliency().values(), grid.values(), 1e-5f);
        SaliencyMap map = grid.atImageResolution();
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

    /** A 512x512 version of a test image: nearest-neighbour enlargement plus a little seeded noise. */
    private static GrayImage large(int index, long seed) {
        GrayImage small = testImage(index);
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[512 * 512];
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                float v = small.at(x * 28 / 512, y * 28 / 512) + (float) (0.05 * (r.nextDouble() - 0.5));
                px[y * 512 + x] = Math.max(0, Math.min(1, v));
            }
        }
        return new GrayImage(512, 512, px);
    }

    /** The preprocessing by its definition: exact box average in double precision, then (x - mean) / std. */
    private static float[] referenceInput(GrayImage image) {
        double[] box = BoxAverage.exact(image, 28, 28);
        double mean = classifier.modelPackage().card().preprocessing().mean();
        double std = classifier.modelPackage().card().preprocessing().std();
        float[] out = new float[box.length];
        for (int i = 0; i < box.length; i++) {
            out[i] = (float) ((box[i] - mean) / std);
        }
        return out;
    }

    @Test
    void batchPreprocessingOfLargeImagesMatchesTheDefinition() {
        List<GrayImage> images = List.of(large(0, 1), large(1, 2), large(2, 3));
        ImageClassifier.InputBatch batch = classifier.prepare(images);
        assertEquals(3, batch.count());
        assertEquals(512, batch.imageWidths()[2]);
        for (int i = 0; i < images.size(); i++) {
            float[] expectedInput = referenceInput(images.get(i));
            float[] single = classifier.preprocess(images.get(i));
            for (int p = 0; p < 784; p++) {
                assertEquals(single[p], batch.tensor()[i * 784 + p], "batch and single image differ");
                assertEquals(expectedInput[p], single[p], 1e-5, "image " + i + " input " + p);
            }
        }
    }

    @Test
    void largeImagesGiveTheScoresAndCamOfTheReferencePreprocessing() {
        List<GrayImage> images = List.of(large(1, 4), large(3, 5));
        List<Classification> results = classifier.classifyBatch(images);
        for (int i = 0; i < images.size(); i++) {
            ImageClassifier.Forward reference = classifier.forward(referenceInput(images.get(i)), 1, true);
            Classification c = results.get(i);
            for (int k = 0; k < 2; k++) {
                assertEquals(reference.probability(0, k), c.probabilities()[k], 1e-5, "image " + i + " class " + k);
            }
            SaliencyMap expectedCam = classifier.cam(reference, 0, c.labels().indexOf(c.label()), 512, 512);
            assertArrayEquals(expectedCam.values(), c.saliency().values(), 1e-4f);
            assertEquals(expectedCam.rawMax(), c.saliency().rawMax(), 1e-4 * Math.max(1, expectedCam.rawMax()));
            assertEquals(512, c.saliency().imageWidth());
        }
    }

    @Test
    void camOfABatchImageEqualsItsCamAlone() {
        List<GrayImage> images = List.of(testImage(0), testImage(1), testImage(2));
        ImageClassifier.Forward batch = classifier.forward(classifier.prepare(images).tensor(), 3, true);
        for (int i = 0; i < images.size(); i++) {
            ImageClassifier.Forward alone = classifier.forward(classifier.preprocess(images.get(i)), 1, true);
            SaliencyMap fromBatch = classifier.cam(batch, i, 1, 28, 28);
            SaliencyMap single = classifier.cam(alone, 0, 1, 28, 28);
            assertArrayEquals(single.values(), fromBatch.values(), 1e-4f, "image " + i);
        }
    }

    @Test
    void camReadInPlaceEqualsCamOfTheCopiedFeatureMap() {
        for (int i = 0; i < 4; i++) {
            float[] input = classifier.preprocess(testImage(i));
            for (int k = 0; k < 2; k++) {
                SaliencyMap copied = classifier.cam(classifier.forward(input, 1, true), 0, k, 28, 28);
                SaliencyMap inPlace = classifier.cam(input, k, 28, 28);
                assertArrayEquals(copied.values(), inPlace.values(), "image " + i + " class " + k);
                assertEquals(copied.rawMin(), inPlace.rawMin());
                assertEquals(copied.rawMax(), inPlace.rawMax());
            }
        }
    }

    @Test
    void concurrentBatchesOfDifferentSizesGiveTheResultsOfOneThread() throws Exception {
        List<List<GrayImage>> batches = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            List<GrayImage> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(testImage((n * 7 + i) % 16));
            }
            batches.add(batch);
        }
        List<List<Classification>> alone = new ArrayList<>();
        for (List<GrayImage> batch : batches) {
            alone.add(classifier.classifyBatch(batch));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Classification>>> futures = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (List<GrayImage> batch : batches) {
                    futures.add(pool.submit(() -> classifier.classifyBatch(batch)));
                }
            }
            for (int f = 0; f < futures.size(); f++) {
                List<Classification> got = futures.get(f).get();
                List<Classification> want = alone.get(f % batches.size());
                assertEquals(want.size(), got.size());
                for (int i = 0; i < want.size(); i++) {
                    assertArrayEquals(want.get(i).probabilities(), got.get(i).probabilities(), "batch " + f);
                    assertArrayEquals(want.get(i).saliency().values(), got.get(i).saliency().values(), "batch " + f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
