package io.secondlook.app.cli;

import io.secondlook.inference.eval.ClassifierEvaluation;
import io.secondlook.inference.eval.EvaluationResult;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Measures a classification model on a labelled split of an .npz data set (MedMNIST layout). */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Computes AUC and accuracy (at the card's operating threshold) of a model on an .npz split; prints AUC=0.xxx ACC=0.xxx.")
public final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    SecondLookCommand root;

    @Option(names = "--model", required = true, paramLabel = "ID|PATH", description = "A bundled model id (pneumonia-demo) or a model package folder.")
    String model;

    @Option(names = "--npz", required = true, paramLabel = "FILE", description = "Data set with <split>_images and <split>_labels arrays.")
    Path npz;

    @Option(names = "--split", defaultValue = "test", paramLabel = "NAME", description = "Split to evaluate (default: ${DEFAULT-VALUE}).")
    String split;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(npz)) {
            throw new java.io.FileNotFoundException("No such data set: " + npz);
        }
        ModelRegistry registry = ModelRegistry.bundled(root.appHome().root().resolve("cache").resolve("models"));
        Path asPath = Path.of(model);
        ModelPackage pkg = Files.isDirectory(asPath) ? registry.load(asPath) : registry.require(model);
        EvaluationResult result = ClassifierEvaluation.evaluate(pkg, npz, split);
        System.out.println(result.format());
        return 0;
    }
}
