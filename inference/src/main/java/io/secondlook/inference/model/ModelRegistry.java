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
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The models the application knows: those bundled in this jar plus packages (folders or {@code .zip} files holding
 * {@code model.onnx} and {@code model-card.json}) found in a user folder. Every package is verified before it is
 * offered (card fields, SHA-256 of the model, ONNX inputs and outputs against the card); refused packages stay in
 * {@link #list()} with the reason. Bundled packages are extracted on first use (ONNX Runtime needs a file path)
 * into a cache folder keyed by the card's SHA-256, so a changed model never reuses stale files. Thread-safe.
 */
public final class ModelRegistry {

    /** Ids of the models shipped inside this jar, under {@code io/secondlook/inference/models/<id>/}. */
    public static final List<String> BUNDLED_IDS = List.of("pneumonia-demo");

    private static final String RESOURCE_ROOT = "/io/secondlook/inference/models/";

    /** One known package: valid (with its package) or refused (with the reason). */
    public record Entry(String id, String version, String task, List<String> modality, Path source, boolean bundled,
                        ModelPackage modelPackage, String refusal) {

        public boolean valid() {
            return refusal == null;
        }

        /** {@code valid} or {@code refused: <reason>}. */
        public String status() {
            return valid() ? "valid" : "refused: " + refusal;
        }

        static Entry of(ModelPackage pkg, Path source, boolean bundled) {
            ModelCard c = pkg.card();
            return new Entry(c.id(), c.version(), c.task(), c.modality(), source, bundled, pkg, null);
        }

        static Entry refused(Path source, RuntimeException e) {
            String name = source.getFileName().toString();
            return new Entry(name, "?", "?", List.of(), source, false, null, e.getMessage());
        }
    }

    private final Path cacheRoot;
    private final Path userFolder;
    private final Map<String, ModelPackage> loaded = new LinkedHashMap<>();
    private final List<Entry> userEntries = new ArrayList<>();

    private ModelRegistry(Path cacheRoot, Path userFolder) {
        this.cacheRoot = cacheRoot;
        this.userFolder = userFolder;
    }

    /** The bundled models, extracted under {@code <java.io.tmpdir>/secondlook/models}. */
    public static ModelRegistry bundled() {
        return bundled(Path.of(System.getProperty("java.io.tmpdir"), "secondlook", "models"));
    }

    /** The bundled models, extracted under {@code cacheRoot}. */
    public static ModelRegistry bundled(Path cacheRoot) {
        return new ModelRegistry(cacheRoot, null);
    }

    /**
     * The bundled models plus every package in {@code userFolder} (sub-folders and {@code .zip} files; a missing
     * folder holds none). Zips are extracted under {@code cacheRoot}.
     */
    public static ModelRegistry open(Path cacheRoot, Path userFolder) {
        ModelRegistry registry = new ModelRegistry(cacheRoot, userFolder);
        registry.rescan();
        return registry;
    }

    /** Re-reads the user folder: new, changed and removed packages take effect. */
    public synchronized void rescan() {
        if (userFolder == null) {
            return;
        }
        for (Entry e : userEntries) {
            if (e.valid()) {
                loaded.remove(e.id());
            }
        }
        userEntries.clear();
        if (!Files.isDirectory(userFolder)) {
            return;
        }
        List<Path> candidates;
        try (Stream<Path> s = Files.list(userFolder)) {
            candidates = s.filter(p -> Files.isDirectory(p) || p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .endsWith(".zip")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list model folder " + userFolder, e);
        }
        for (Path p : candidates) {
            try {
                ModelPackage pkg = ModelPackage.verify(p, cacheRoot.resolve("packages"));
                userEntries.add(Entry.of(pkg, p, false));
                loaded.put(pkg.id(), pkg);
            } catch (ModelPackageException | UncheckedIOException e) {
                userEntries.add(Entry.refused(p, e));
            }
        }
    }

    /** Every known package, bundled first, each valid or refused with the reason. */
    public synchronized List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (String id : BUNDLED_IDS) {
            Path source = Path.of(RESOURCE_ROOT.substring(1) + id);
            try {
                ModelPackage pkg = bundledPackage(id);
                out.add(Entry.of(pkg, source, true));
            } catch (ModelPackageException | UncheckedIOException e) {
                out.add(new Entry(id, "?", "?", List.of(), source, true, null, e.getMessage()));
            }
        }
        out.addAll(userEntries);
        return Collections.unmodifiableList(out);
    }

    /** The valid models that apply to images of this DICOM modality (the card's {@code modality} list). */
    public List<ModelPackage> modelsFor(String dicomModality) {
        Map<String, ModelPackage> byId = new LinkedHashMap<>();
        for (Entry e : list()) {
            if (e.valid() && e.modelPackage().card().appliesTo(dicomModality)) {
                byId.put(e.id(), find(e.id()).orElse(e.modelPackage()));
            }
        }
        return List.copyOf(byId.values());
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
            pkg = bundledPackage(id);
            loaded.put(id, pkg);
        }
        return Optional.ofNullable(pkg);
    }

    /** Like {@link #find} but fails with the list of known ids. */
    public ModelPackage require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(
                "Unknown model '" + id + "'; known models: " + String.join(", ", ids())));
    }

    /**
     * Loads and verifies a package folder or zip (card, hash, ONNX inputs/outputs) and registers it under its
     * card's id; a refused package throws {@link ModelPackageException} with the reason.
     */
    public synchronized ModelPackage load(Path folderOrZip) {
        ModelPackage pkg = ModelPackage.verify(folderOrZip, cacheRoot.resolve("packages"));
        loaded.put(pkg.id(), pkg);
        return pkg;
    }

    /** An id or a package path (folder or zip) given on a command line. */
    public ModelPackage resolve(String idOrPath) {
        Path asPath = Path.of(idOrPath);
        if (Files.isDirectory(asPath) || Files.isRegularFile(asPath)) {
            return load(asPath);
        }
        return require(idOrPath);
    }

    private final Map<String, ModelPackage> bundledCache = new LinkedHashMap<>();

    private ModelPackage bundledPackage(String id) {
        ModelPackage pkg = bundledCache.get(id);
        if (pkg == null) {
            pkg = extract(id);
            OnnxContract.check(pkg);
            bundledCache.put(id, pkg);
        }
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
