package io.secondlook.inference.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the application knows: those bundled in this jar plus packages loaded from folders.
 * Bundled packages are extracted on first use (ONNX Runtime needs a file path) into a cache folder keyed by
 * the card's SHA-256, so a changed model never reuses stale files. Thread-safe.
 */
public final class ModelRegistry {

    /** Ids of the models shipped inside this jar, under {@code io/secondlook/inference/models/<id>/}. */
    public static final List<String> BUNDLED_IDS = List.of("pneumonia-demo");

    private static final String RESOURCE_ROOT = "/io/secondlook/inference/models/";

    private final Path cacheRoot;
    private final Map<String, ModelPackage> loaded = new LinkedHashMap<>();

    private ModelRegistry(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /** The bundled models, extracted under {@code <java.io.tmpdir>/secondlook/models}. */
    public static ModelRegistry bundled() {
        return bundled(Path.of(System.getProperty("java.io.tmpdir"), "secondlook", "models"));
    }

    /** The bundled models, extracted under {@code cacheRoot}. */
    public static ModelRegistry bundled(Path cacheRoot) {
        return new ModelRegistry(cacheRoot);
    }

    /** Ids of bundled and folder-loaded models, bundled first. */
    public synchronized List<String> ids() {
        List<String> ids = new ArrayList<>(BUNDLED_IDS);
        loaded.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return Collections.unmodifiableList(ids);
    }

    /** The model with this id (a folder-loaded one overrides a bundled one), extracting it if bundled. */
    public synchronized Optional<ModelPackage> find(String id) {
        ModelPackage pkg = loaded.get(id);
        if (pkg == null && BUNDLED_IDS.contains(id)) {
            pkg = extract(id);
            loaded.put(id, pkg);
        }
        return Optional.ofNullable(pkg);
    }

    /** Like {@link #find} but fails with the list of known ids. */
    public ModelPackage require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(
                "Unknown model '" + id + "'; known models: " + String.join(", ", ids())));
    }

    /** Loads and validates a package folder and registers it under its card's id. */
    public synchronized ModelPackage load(Path folder) {
        ModelPackage pkg = ModelPackage.load(folder);
        loaded.put(pkg.id(), pkg);
        return pkg;
    }

    private ModelPackage extract(String id) {
        String base = RESOURCE_ROOT + id + "/";
        try {
            Path staging = Files.createDirectories(cacheRoot.resolve(id));
            Path cardTmp = copyResource(base + ModelPackage.CARD_FILE, staging);
            String sha = ModelCards.read(cardTmp).sha256();
            Path folder = cacheRoot.resolve(id).resolve(sha);
            Path model = folder.resolve(ModelPackage.MODEL_FILE);
            if (!Files.isRegularFile(model) || !ModelPackage.sha256(model).equals(sha)) {
                Files.createDirectories(folder);
                Files.move(copyResource(base + ModelPackage.MODEL_FILE, folder), model,
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(cardTmp, folder.resolve(ModelPackage.CARD_FILE),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return ModelPackage.load(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract bundled model '" + id + "' to " + cacheRoot, e);
        }
    }

    /** Copies a class-path resource to a fresh temporary file in {@code dir}, so readers never see half a file. */
    private static Path copyResource(String resource, Path dir) throws IOException {
        try (InputStream in = ModelRegistry.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("bundled resource " + resource + " is missing from the class path");
            }
            Path tmp = Files.createTempFile(dir, "extract-", ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        }
    }
}
