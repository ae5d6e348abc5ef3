package io.secondlook.app.cli;

import io.secondlook.inference.eval.NpyArray;
import io.secondlook.inference.eval.NpzReader;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelRegistry;
import io.secondlook.inference.runtime.RuntimeOptions;
import io.secondlook.inference.saliency.SaliencyMethod;
import io.secondlook.inference.saliency.SanityCheck;
import io.secondlook.inference.saliency.SanityRecords;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code secondlook saliency-check}: the model-randomisation sanity check of each saliency method. */
@Command(name = "saliency-check", mixinStandardHelpOptions = true,
        description = {"Randomises the model's weights layer by layer from the top (Adebayo et al. 2018), recomputes each saliency method's maps on sample images and prints, per layer and method, the mean Spearman rank correlation and SSIM with the original maps, then PASS or FAIL per method.",
            "PASS: from the step where the top two layers are randomised on, mean |Spearman| < 0.5 and mean SSIM < 0.5. The verdicts are kept in <home>/cache/sanity for the application."})
public final class SaliencyCheckCommand implements Callable<Integer> {

    @ParentCommand
    SecondLookCommand root;

    @Option(names = "--model", required = true, paramLabel = "ID|PATH", description = "Model id or package folder/.zip.")
    String model;

    @Option(names = "--npz", required = true, paramLabel = "FILE", description = "Images as <split>_images (N x H x W, uint8), MedMNIST layout.")
    Path npz;

    @Option(names = "--split", defaultValue = "test", paramLabel = "NAME", description = "Split to sample (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--samples", defaultValue = "16", paramLabel = "N", description = "Images, spread evenly over the split (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--methods", defaultValue = "CAM,OCCLUSION,RISE", split = ",", paramLabel = "M", description = "Methods (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--rise-masks", defaultValue = "500", paramLabel = "N", description = "RISE masks per map (default: ${DEFAULT-VALUE}).")
    int riseMasks;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(npz)) {
            throw new FileNotFoundException("No such data set: " + npz);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be at least 1");
        }
        Path cache = root.appHome().root().resolve("cache");
        ModelPackage pkg = ModelRegistry.open(cache.resolve("models"), root.appHome().models()).resolve(model);
        List<GrayImage> images = sample(npz, split, samples);
        List<SaliencyMethod> chosen = new ArrayList<>();
        for (String m : methods) {
            SaliencyMethod method = SaliencyMethod.named(m.strip());
            chosen.add(method instanceof io.secondlook.inference.saliency.Rise r ? r.withMasks(riseMasks) : method);
        }
        Path work = Files.createTempDirectory("secondlook-sanity-");
        try {
            SanityCheck.Report report = SanityCheck.run(pkg, images, chosen, seed, work, RuntimeOptions.defaults(),
                    line -> System.err.println(line));
            System.out.print(report.format());
            SanityRecords.save(cache.resolve("sanity"), pkg, report);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /** {@code count} images spread evenly over the split. */
    static List<GrayImage> sample(Path npz, String split, int count) throws java.io.IOException {
        try (NpzReader reader = NpzReader.open(npz)) {
            String name = split + "_images";
            if (!reader.names().contains(name)) {
                throw new IllegalArgumentException(npz + " has no array '" + name + "' (arrays: " + reader.names() + ")");
            }
            NpyArray a = reader.array(name);
            int[] shape = a.shape();
            if (shape.length != 3) {
                throw new IllegalArgumentException(npz + ": '" + name + "' has shape " + Arrays.toString(shape)
                        + ", expected N x H x W");
            }
            int n = shape[0];
            int size = shape[1] * shape[2];
            List<GrayImage> out = new ArrayList<>();
            for (int k = 0; k < Math.min(count, n); k++) {
                int index = (int) ((long) k * n / Math.min(count, n));
                out.add(GrayImage.fromUnsignedBytes(shape[2], shape[1], a.unsignedBytes(index * size, size), 0));
            }
            return out;
        }
    }
}
