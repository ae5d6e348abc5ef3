package io.secondlook.inference.saliency;

import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.onnx.OnnxModel;
import io.secondlook.inference.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The model-randomisation sanity check of Adebayo et al. 2018 ("Sanity Checks for Saliency Maps"), cascading:
 * the model's parameterised layers (ONNX initializers grouped by the node that uses them, e.g. a Conv's weight and
 * bias, the Gemm head) are replaced from the output towards the input, one more layer per step, by Gaussian noise
 * with each tensor's own mean and standard deviation (seeded). At every step each method's maps are recomputed on
 * the sample images, for the class the original model decided, and compared with the original maps by Spearman
 * rank correlation and SSIM ({@link MapSimilarity}). CAM uses the head from the graph, so it is randomised with
 * the top layer.
 *
 * <p>Criterion: a method PASSES when, at every step from the one where the top two layers are randomised (the
 * head and the last convolution) to full randomisation, the mean |Spearman| over the images is below 0.5 and the
 * mean SSIM is below 0.5: its maps then depend on what the model learned, not only on the image. Otherwise it
 * FAILS and must be shown as "not validated for this model".
 */
public final class SanityCheck {

    public static final double THRESHOLD = 0.5;
    public static final int FIRST_JUDGED_STEP = 2;

    /** One cascade step: {@code layers} randomised so far, the last one named {@code layer}. */
    public record Step(int layers, String layer, Map<String, Score> scores) {
    }

    /** Means over the sample images. */
    public record Score(double meanSpearman, double meanAbsSpearman, double meanSsim) {
        boolean changed() {
            return meanAbsSpearman < THRESHOLD && meanSsim < THRESHOLD;
        }
    }

    public record Verdict(String method, boolean pass, String reason) {
    }

    public record Report(String modelId, String modelVersion, int images, long seed, List<String> methods,
                         List<Step> steps, List<Verdict> verdicts) {

        public Verdict verdict(String method) {
            return verdicts.stream().filter(v -> v.method().equals(method)).findFirst().orElseThrow();
        }

        /** The per-layer table and the verdicts, as printed by {@code secondlook saliency-check}. */
        public String format() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "Saliency sanity check (cascading randomisation, Adebayo et al. 2018)%n"));
            s.append(String.format(Locale.ROOT, "model %s %s, %d images, seed %d%n", modelId, modelVersion, images, seed));
            s.append(String.format(Locale.ROOT, "%-5s %-34s", "step", "randomised down to"));
            for (String m : methods) {
                s.append(String.format(Locale.ROOT, " | %-10s %8s %6s %6s", m, "spearman", "|rho|", "ssim"));
            }
            s.append(System.lineSeparator());
            for (Step st : steps) {
                s.append(String.format(Locale.ROOT, "%-5d %-34s", st.layers(), abbreviate(st.layer(), 34)));
                for (String m : methods) {
                    Score sc = st.scores().get(m);
                    s.append(String.format(Locale.ROOT, " | %-10s %8.3f %6.3f %6.3f", "", sc.meanSpearman(),
                            sc.meanAbsSpearman(), sc.meanSsim()));
                }
                s.append(System.lineSeparator());
            }
            s.append(String.format(Locale.ROOT, "criterion: from step %d on, mean |spearman| < %.1f and mean ssim < %.1f%n",
                    FIRST_JUDGED_STEP, THRESHOLD, THRESHOLD));
            for (Verdict v : verdicts) {
                s.append(String.format(Locale.ROOT, "%s %s (%s)%n", v.method(), v.pass() ? "PASS" : "FAIL", v.reason()));
            }
            return s.toString();
        }

        private static String abbreviate(String s, int n) {
            return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
        }
    }

    private SanityCheck() {
    }

    /**
     * Runs the check on CPU with one ONNX Runtime session per step, writing the randomised models under
     * {@code workDir}; {@code log} receives one line per step.
     */
    public static Report run(ModelPackage pkg, List<GrayImage> images, List<SaliencyMethod> methods, long seed,
                             Path workDir, RuntimeOptions options, Consumer<String> log) {
        OnnxModel model;
        try {
            model = OnnxModel.read(pkg.modelFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<OnnxModel.Layer> layers = model.layersFromOutput();
        if (layers.size() < FIRST_JUDGED_STEP) {
            throw new IllegalArgumentException("Model '" + pkg.id() + "' has " + layers.size()
                    + " parameterised layers; the check needs at least " + FIRST_JUDGED_STEP);
        }
        List<String> names = methods.stream().map(SaliencyMethod::name).toList();
        int[] targets = new int[images.size()];
        Map<String, List<SaliencyMap>> original = new LinkedHashMap<>();
        try (ImageClassifier c = ImageClassifier.open(pkg, options)) {
            for (int i = 0; i < images.size(); i++) {
                targets[i] = c.modelPackage().card().labels().indexOf(c.classify(images.get(i)).label());
            }
            for (SaliencyMethod m : methods) {
                original.put(m.name(), maps(c, m, images, targets));
            }
        }
        List<Step> steps = new ArrayList<>();
        OnnxModel randomised = model;
        for (int k = 0; k < layers.size(); k++) {
            OnnxModel.Layer layer = layers.get(k);
            for (OnnxModel.Tensor t : layer.parameters()) {
                randomised = randomised.withFloats(t.name(), noiseLike(t.floats(), seed * 1_000_003L + k * 31L + t.name().hashCode()));
            }
            Path folder = workDir.resolve("step-" + (k + 1));
            Map<String, Score> scores = new LinkedHashMap<>();
            try {
                Files.createDirectories(folder);
                randomised.write(folder.resolve(ModelPackage.MODEL_FILE));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the randomised model to " + folder, e);
            }
            ModelPackage step = new ModelPackage(pkg.card(), folder.resolve(ModelPackage.MODEL_FILE));
            try (ImageClassifier c = ImageClassifier.open(step, options)) {
                for (SaliencyMethod m : methods) {
                    scores.put(m.name(), compare(original.get(m.name()), maps(c, m, images, targets)));
                }
            }
            steps.add(new Step(k + 1, layer.name(), scores));
            log.accept(String.format(Locale.ROOT, "step %d/%d: randomised %s", k + 1, layers.size(), layer.name()));
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (String m : names) {
            Step failed = steps.stream().filter(s -> s.layers() >= FIRST_JUDGED_STEP && !s.scores().get(m).changed())
                    .findFirst().orElse(null);
            verdicts.add(failed == null
                    ? new Verdict(m, true, "maps change once the top layers are randomised")
                    : new Verdict(m, false, String.format(Locale.ROOT,
                            "maps still similar with %d layers randomised: mean |spearman| %.3f, ssim %.3f",
                            failed.layers(), failed.scores().get(m).meanAbsSpearman(), failed.scores().get(m).meanSsim())));
        }
        return new Report(pkg.id(), pkg.version(), images.size(), seed, names, steps, verdicts);
    }

    private static List<SaliencyMap> maps(ImageClassifier c, SaliencyMethod m, List<GrayImage> images, int[] targets) {
        List<SaliencyMap> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            out.add(m.explain(c, images.get(i), targets[i]));
        }
        return out;
    }

    private static Score compare(List<SaliencyMap> a, List<SaliencyMap> b) {
        double rho = 0;
        double absRho = 0;
        double ssim = 0;
        for (int i = 0; i < a.size(); i++) {
            double r = MapSimilarity.spearman(a.get(i).values(), b.get(i).values());
            rho += r;
            absRho += Math.abs(r);
            ssim += MapSimilarity.ssim(a.get(i), b.get(i));
        }
        int n = a.size();
        return new Score(rho / n, absRho / n, ssim / n);
    }

    /** Gaussian values with the tensor's own mean and standard deviation. */
    static float[] noiseLike(float[] values, long seed) {
        double[] stats = meanAndStd(values);
        double mean = stats[0];
        double std = values.length > 1 ? stats[1] : Math.abs(mean);
        if (std == 0) {
            std = 0.01;
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mean + std * gaussian(random));
        }
        return out;
    }

    /** Mean and population standard deviation. */
    static double[] meanAndStd(float[] values) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (float v : values) {
            var += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(var / values.length)};
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
