package io.secondlook.inference.saliency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.inference.TestData;
import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelRegistry;
import io.secondlook.inference.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cascading randomisation check on the bundled model and PneumoniaMNIST test images. */
class SanityCheckTest {

    @TempDir
    Path dir;

    /** A method that ignores the model: the map is the image itself. The check must fail it. */
    record ImageIntensity() implements SaliencyMethod {
        @Override
        public String name() {
            return "INTENSITY";
        }

        @Override
        public SaliencyMap explain(ImageClassifier classifier, GrayImage image, int classIndex) {
            float[] v = image.pixels();
            double[] grid = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                grid[i] = v[i];
            }
            return ClassActivationMap.normalisedMap(grid, image.width(), image.height(), image.width(),
                    image.height(), name(), Map.of());
        }
    }

    @Test
    void verdictsFollowTheCriterionAndAModelIndependentMethodFails() throws Exception {
        ModelPackage pkg = ModelRegistry.bundled(dir.resolve("cache")).require("pneumonia-demo");
        List<GrayImage> images = new ArrayList<>(TestData.pneumoniaImages("test", 0, 2));
        images.addAll(TestData.pneumoniaImages("test", 400, 2));
        List<SaliencyMethod> methods = List.of(new CamMethod(), OcclusionSensitivity.defaults(),
                Rise.defaults().withMasks(160), new ImageIntensity());
        List<String> log = new ArrayList<>();
        SanityCheck.Report report = SanityCheck.run(pkg, images, methods, 7, dir.resolve("work"),
                RuntimeOptions.cpu(0), log::add);
        System.out.println(report.format());
        assertEquals(7, report.steps().size(), "Gemm head + 6 convolutions");
        assertEquals(7, log.size());
        assertTrue(report.steps().get(0).layer().contains("Gemm"), report.steps().get(0).layer());
        // Occlusion is far from the bar on this model; CAM and RISE sit near it at step 2 on small samples
        // (the CLI's larger sample decides them), so here only CAM's first step is checked.
        assertTrue(report.verdict("OCCLUSION").pass(), report.format());
        SanityCheck.Score camTop = report.steps().get(0).scores().get("CAM");
        assertTrue(camTop.meanAbsSpearman() < 0.5 && camTop.meanSsim() < 0.5, report.format());
        for (SanityCheck.Verdict v : report.verdicts()) {
            boolean expected = report.steps().stream().filter(s -> s.layers() >= SanityCheck.FIRST_JUDGED_STEP)
                    .allMatch(s -> s.scores().get(v.method()).meanAbsSpearman() < SanityCheck.THRESHOLD
                            && s.scores().get(v.method()).meanSsim() < SanityCheck.THRESHOLD);
            assertEquals(expected, v.pass(), v.method());
        }
        SanityCheck.Verdict control = report.verdict("INTENSITY");
        assertFalse(control.pass(), report.format());
        assertTrue(report.format().contains("INTENSITY FAIL"), report.format());

        Path records = dir.resolve("records");
        assertEquals(SanityRecords.NOT_CHECKED, SanityRecords.status(records, pkg, "CAM"));
        SanityRecords.save(records, pkg, report);
        assertEquals(report, SanityRecords.load(records, pkg).orElseThrow());
        assertEquals(SanityRecords.VALIDATED, SanityRecords.status(records, pkg, "OCCLUSION"));
        assertEquals(SanityRecords.NOT_VALIDATED, SanityRecords.status(records, pkg, "INTENSITY"));
    }

    @Test
    void noiseKeepsEachTensorsMeanAndSpreadAndIsSeeded() {
        float[] w = new float[10_000];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.2 + 0.05 * Math.sin(i));
        }
        float[] a = SanityCheck.noiseLike(w, 1);
        double[] stats = SanityCheck.meanAndStd(a);
        assertEquals(0.2, stats[0], 0.002);
        assertEquals(0.05 / Math.sqrt(2), stats[1], 0.002, "the spread of 0.2 + 0.05 sin(i)");
        assertEquals(a[17], SanityCheck.noiseLike(w, 1)[17]);
        assertTrue(a[17] != SanityCheck.noiseLike(w, 2)[17]);
    }
}
