package io.secondlook.inference.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.inference.TestModels;
import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelPackageException;
import io.secondlook.inference.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A detector our ONNX writer builds, run through ONNX Runtime; every expected box and score is computed by hand. */
class ObjectDetectorTest {

    @TempDir
    Path dir;

    /** 16x16 image, bright (value 1) in the top-left 8x8 block: at the 8x8 input the top-left anchor is all 1. */
    private static GrayImage brightTopLeft() {
        float[] px = new float[256];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                px[y * 16 + x] = 1;
            }
        }
        return new GrayImage(16, 16, px);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void scoresBoxesThresholdAndNmsAsComputedByHand() throws Exception {
        ModelPackage pkg = TestModels.quadrantDetector(dir.resolve("det"), 0.6, 0.3);
        try (ObjectDetector detector = ObjectDetector.open(pkg, RuntimeOptions.cpu(1))) {
            DetectionResult r = detector.detect(brightTopLeft());
            // Anchor (0,0) mean 1 -> sigmoid(1); its neighbours half bright -> sigmoid(0.5) = 0.62 >= 0.6 but IoU 1/3
            // with the kept box > 0.3, so NMS removes them; the diagonal one (quarter bright) scores 0.56 < 0.6.
            assertEquals(1, r.detections().size(), r.toString());
            Detection d = r.detections().get(0);
            assertEquals(sigmoid(1), d.score(), 1e-6);
            assertEquals(List.of(0.0, 0.0, 8.0, 8.0), List.of(d.x1(), d.y1(), d.x2(), d.y2()), "scaled x2 to the image");
            assertEquals("bright-region", d.label());
            assertEquals("cpu", r.device());
        }
        ModelPackage loose = TestModels.quadrantDetector(dir.resolve("det-loose"), 0.6, 0.5);
        try (ObjectDetector detector = ObjectDetector.open(loose, RuntimeOptions.cpu(1))) {
            List<Detection> ds = detector.detect(brightTopLeft()).detections();
            assertEquals(3, ds.size(), "IoU 1/3 stays under 0.5: both half-bright neighbours are kept");
            assertEquals(sigmoid(0.5), ds.get(1).score(), 1e-6);
            assertEquals(1.0 / 3, ds.get(0).iou(ds.get(1)), 1e-9);
        }
    }

    @Test
    void nmsKeepsOverlappingBoxesOfDifferentLabels() {
        List<Detection> in = List.of(new Detection(0, 0, 10, 10, "a", 0.9), new Detection(1, 1, 10, 10, "a", 0.8),
                new Detection(1, 1, 10, 10, "b", 0.7), new Detection(50, 50, 60, 60, "a", 0.1));
        List<Detection> out = NonMaxSuppression.apply(in, 0.2, 0.5);
        assertEquals(List.of(in.get(0), in.get(2)), out);
        assertThrows(IllegalArgumentException.class, () -> new Detection(5, 0, 4, 1, "a", 1));
    }

    @Test
    void aDetectorIsNotAClassifier() throws Exception {
        ModelPackage pkg = TestModels.quadrantDetector(dir.resolve("det2"), 0.5, 0.5);
        ModelPackageException e = assertThrows(ModelPackageException.class,
                () -> ImageClassifier.open(pkg, RuntimeOptions.cpu(1)));
        assertTrue(e.getMessage().contains("not a classifier"), e.getMessage());
    }
}
