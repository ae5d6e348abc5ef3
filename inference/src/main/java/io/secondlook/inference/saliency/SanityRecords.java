package io.secondlook.inference.saliency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.secondlook.inference.model.ModelPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Sanity-check reports kept on disk, one per model file ({@code <id>-<version>-<sha256 prefix>.json}), so the
 * application can say per model and method whether a saliency method was validated. A report for another model
 * file (a changed {@code model.onnx}) does not count.
 */
public final class SanityRecords {

    public static final String VALIDATED = "validated";
    public static final String NOT_VALIDATED = "not validated for this model";
    public static final String NOT_CHECKED = "not checked";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SanityRecords() {
    }

    public static Path save(Path folder, ModelPackage pkg, SanityCheck.Report report) throws IOException {
        Files.createDirectories(folder);
        Path file = file(folder, pkg);
        Path tmp = Files.createTempFile(folder, "sanity-", ".part");
        JSON.writeValue(tmp.toFile(), report);
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Optional<SanityCheck.Report> load(Path folder, ModelPackage pkg) {
        Path file = file(folder, pkg);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), SanityCheck.Report.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@link #VALIDATED}, {@link #NOT_VALIDATED} or {@link #NOT_CHECKED} for this model and method. */
    public static String status(Path folder, ModelPackage pkg, String method) {
        return load(folder, pkg).flatMap(r -> r.verdicts().stream().filter(v -> v.method().equals(method)).findFirst())
                .map(v -> v.pass() ? VALIDATED : NOT_VALIDATED).orElse(NOT_CHECKED);
    }

    private static Path file(Path folder, ModelPackage pkg) {
        return folder.resolve(pkg.id() + "-" + pkg.version() + "-" + pkg.card().sha256().substring(0, 12) + ".json");
    }
}
