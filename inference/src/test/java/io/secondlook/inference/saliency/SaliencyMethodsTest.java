package io.secondlook.inference.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.inference.TestData;
import io.secondlook.inference.TestModels;
import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelRegistry;
import io.secondlook.inference.runtime.RuntimeOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Occlusion and RISE on a model that only looks at one square, and on the bundled model. */
class SaliencyMethodsTest {

    @TempDir
    Path dir;

    /** Uniform gray 0.6 image at 56x56 (area-resized to 28x28 by the classifier). */
    private static GrayImage gray() {
        float[] px = new float[56 * 56];
        java.util.Arrays.fill(px, 0.6f);
        return new GrayImage(56, 56, px);
    }

    private static double meanInside(SaliencyMap m, int x0, int y0, int size, boolean inside) {
        double s = 0;
        int n = 0;
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                boolean in = x >= x0 && x < x0 + size && y >= y0 && y < y0 + size;
                if (in == inside) {
                    s += m.at(x, y);
                    n++;
                }
            }
        }
        return s / n;
    }

    @Test
    void occlusionAndRiseLightUpTheOnlySquareTheModelUses() throws Exception {
        try (ImageClassifier c = ImageClassifier.open(TestModels.squareClassifier(dir.resolve("sq"), 16, 4, 8),
                RuntimeOptions.cpu(1))) {
            GrayImage image = gray();
            // In image coordinates (56x56) the square is x 32..47, y 8..23.
            SaliencyMap occ = OcclusionSensitivity.defaults().explain(c, image, 1);
            assertEquals(56, occ.width());
            assertEquals("OCCLUSION", occ.method());
            assertEquals("7", occ.parameters().get("maskSize"));
            assertEquals("5", occ.parameters().get("stride"));
            assertEquals("36", occ.parameters().get("occludedPasses"));
            assertTrue(occ.rawMax() > 0.01, "occluding the square lowers the score: " + occ.rawMax());
            assertTrue(meanInside(occ, 34, 10, 12, true) > 0.6, "inside " + meanInside(occ, 34, 10, 12, true));
            assertTrue(meanInside(occ, 28, 4, 24, false) < 0.05, "far outside " + meanInside(occ, 28, 4, 24, false));

            for (OcclusionSensitivity.Mode mode : OcclusionSensitivity.Mode.values()) {
                SaliencyMap m = new OcclusionSensitivity(5, 0.5, mode, 0.0, 16).explain(c, image, 1);
                if (mode == OcclusionSensitivity.Mode.MEAN_IMAGE || mode == OcclusionSensitivity.Mode.MEAN_PATCH) {
                    assertEquals(0, m.rawMax(), 1e-6, "a uniform image equals its own means: nothing changes");
                } else {
                    assertTrue(meanInside(m, 34, 10, 12, true) > 0.5, mode + " " + meanInside(m, 34, 10, 12, true));
                }
            }

            Rise rise = new Rise(400, 7, 0.5, 11, 64);
            SaliencyMap r = rise.explain(c, image, 1);
            assertEquals("RISE", r.method());
            assertTrue(meanInside(r, 32, 8, 16, true) > meanInside(r, 32, 8, 16, false) + 0.2,
                    meanInside(r, 32, 8, 16, true) + " vs " + meanInside(r, 32, 8, 16, false));
            assertArrayEquals(r.values(), rise.explain(c, image, 1).values(), "same seed, same map");
            assertFalse(java.util.Arrays.equals(r.values(), new Rise(400, 7, 0.5, 12, 64).explain(c, image, 1).values()));
        }
    }

    @Test
    void everyMethodExplainsTheBundledModelInImageCoordinates() {
        try (ImageClassifier c = ImageClassifier.open(ModelRegistry.bundled(dir).require("pneumonia-demo"),
                RuntimeOptions.cpu(0))) {
            GrayImage image = TestData.pneumoniaImages("test", 3, 1).get(0);
            for (SaliencyMethod m : java.util.List.of(SaliencyMethod.named("cam"), SaliencyMethod.named("OCCLUSION"),
                    Rise.defaults().withMasks(128))) {
                SaliencyMap map = m.explain(c, image, 1);
                assertEquals(28, map.width());
                assertEquals(m.name(), map.method());
                assertTrue(map.rawMax() > map.rawMin(), m.name() + " map is flat");
                assertEquals("pneumonia", map.parameters().get("targetLabel"));
            }
            SaliencyMap cam = SaliencyMethod.named("CAM").explain(c, image, 1);
            assertEquals("graph:net.head.weight", cam.parameters().get("head"));
        }
    }

    @Test
    void similarityMeasuresBehave() {
        float[] a = new float[100];
        float[] b = new float[100];
        for (int i = 0; i < 100; i++) {
            a[i] = i / 100f;
            b[i] = (float) Math.pow(i / 100.0, 3);
        }
        assertEquals(1, MapSimilarity.spearman(a, b), 1e-12, "monotone transform keeps ranks");
        float[] rev = new float[100];
        for (int i = 0; i < 100; i++) {
            rev[i] = 1 - a[i];
        }
        assertEquals(-1, MapSimilarity.spearman(a, rev), 1e-12);
        assertEquals(0, MapSimilarity.spearman(a, new float[100]), "a constant map has no ranking");
        assertEquals(1, MapSimilarity.ssim(a, a, 10, 10), 1e-12);
        assertTrue(MapSimilarity.ssim(a, rev, 10, 10) < 0);
    }
}
