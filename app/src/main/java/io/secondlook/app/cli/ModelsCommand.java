package io.secondlook.app.cli;

import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelPackageException;
import io.secondlook.inference.model.ModelRegistry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code secondlook models list|verify}: the bundled and user model packages and their status. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Lists model packages (bundled and in <home>/models) or verifies one.",
        subcommands = {ModelsCommand.ListCommand.class, ModelsCommand.VerifyCommand.class})
public final class ModelsCommand implements Callable<Integer> {

    @ParentCommand
    SecondLookCommand root;

    @Override
    public Integer call() {
        System.out.println("Usage: secondlook models list | secondlook models verify PATH");
        return 2;
    }

    ModelRegistry registry() {
        return ModelRegistry.open(cache(), root.appHome().models());
    }

    Path cache() {
        return root.appHome().root().resolve("cache").resolve("models");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Prints id, version, task, modalities, source and status (valid, or refused with the reason) of every model package.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        ModelsCommand models;

        @Override
        public Integer call() {
            System.out.printf(Locale.ROOT, "%-24s %-9s %-15s %-12s %-8s %s%n", "ID", "VERSION", "TASK", "MODALITY", "SOURCE",
                    "STATUS");
            for (ModelRegistry.Entry e : models.registry().list()) {
                System.out.printf(Locale.ROOT, "%-24s %-9s %-15s %-12s %-8s %s%n", e.id(), e.version(), e.task(),
                        e.modality().isEmpty() ? "-" : String.join(",", e.modality()), e.bundled() ? "bundled" : "user",
                        e.bundled() ? e.status() : e.status() + " (" + e.source() + ")");
            }
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verifies a model package folder or .zip: card fields, SHA-256 of model.onnx, ONNX inputs/outputs against the card. Exit 0 valid, 1 refused (reason on stderr).")
    static final class VerifyCommand implements Callable<Integer> {
        @ParentCommand
        ModelsCommand models;

        @Parameters(index = "0", paramLabel = "PATH", description = "Package folder or .zip holding model.onnx and model-card.json.")
        Path path;

        @Override
        public Integer call() {
            try {
                ModelPackage pkg = ModelPackage.verify(path, models.cache().resolve("packages"));
                ModelCard c = pkg.card();
                System.out.printf(Locale.ROOT, "valid: %s %s (%s; %s; %s) sha256 %s%n", c.id(), c.version(), c.task(),
                        String.join(",", c.modality()), c.bodyPart(), c.sha256());
                return 0;
            } catch (ModelPackageException e) {
                System.err.println("refused: " + CliErrors.oneLine(e));
                return 1;
            }
        }
    }
}
