package io.secondlook.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackageTest {

    @TempDir
    Path dir;

    @Test
    void bundledPneumoniaModelLoadsAndValidates() throws IOException {
        ModelRegistry registry = ModelRegistry.bundled(dir.resolve("cache"));
        ModelPackage pkg = registry.find("pneumonia-demo").orElseThrow();
        ModelCard card = pkg.card();
        assertEquals("pneumonia-demo", card.id());
        assertEquals("classification", card.task());
        assertEquals(java.util.List.of("normal", "pneumonia"), card.labels());
        assertEquals(1, card.positiveIndex());
        assertTrue(card.intendedUse().startsWith("Demonstration only, not for clinical use."));
        assertEquals(ModelPackage.sha256(pkg.modelFile()), card.sha256());
        assertTrue(Files.size(pkg.modelFile()) < 2_000_000, "model should stay small");
        assertTrue(registry.find("no-such-model").isEmpty());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> registry.require("no-such-model"));
        assertTrue(unknown.getMessage().contains("pneumonia-demo"), unknown.getMessage());
        // A second registry reuses the extracted files.
        assertEquals(pkg.modelFile(), ModelRegistry.bundled(dir.resolve("cache")).require("pneumonia-demo")
                .modelFile());
    }

    @Test
    void wrongSha256IsRejectedNamingTheFile() throws IOException {
        Path folder = copyBundled("tampered");
        Path card = folder.resolve(ModelPackage.CARD_FILE);
        String json = Files.readString(card);
        String sha = ModelCards.read(card).sha256();
        Files.writeString(card, json.replace(sha, "0".repeat(64)));
        ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelPackage.load(folder));
        assertEquals(folder.resolve(ModelPackage.MODEL_FILE), e.file());
        assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void damagedModelFileIsRejected() throws IOException {
        Path folder = copyBundled("damaged");
        Path model = folder.resolve(ModelPackage.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;
        Files.write(model, bytes);
        ModelPackageException e = assertThrows(ModelPackageException.class,
                () -> ModelRegistry.bundled(dir.resolve("c2")).load(folder));
        assertTrue(e.getMessage().startsWith(model.toString()), e.getMessage());
    }

    @Test
    void missingOrInvalidFieldsAreNamed() throws IOException {
        Path folder = copyBundled("fields");
        Path card = folder.resolve(ModelPackage.CARD_FILE);
        String json = Files.readString(card);
        Files.writeString(card, json.replace("\"positiveLabel\": \"pneumonia\"", "\"positiveLabel\": \"covid\""));
        ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelCards.read(card));
        assertTrue(e.getMessage().contains("positiveLabel"), e.getMessage());
        assertTrue(e.getMessage().contains(card.toString()), e.getMessage());

        Files.writeString(card, json.replace("\"version\": \"", "\"versionX\": \""));
        e = assertThrows(ModelPackageException.class, () -> ModelCards.read(card));
        assertTrue(e.getMessage().contains("'version'"), e.getMessage());

        Files.writeString(card, "{ not json");
        e = assertThrows(ModelPackageException.class, () -> ModelCards.read(card));
        assertTrue(e.getMessage().contains(card.toString()), e.getMessage());
    }

    @Test
    void folderPackagesRegisterUnderTheirId() throws IOException {
        Path folder = copyBundled("copy");
        ModelRegistry registry = ModelRegistry.bundled(dir.resolve("c3"));
        ModelPackage pkg = registry.load(folder);
        assertEquals(folder.resolve(ModelPackage.MODEL_FILE), registry.require("pneumonia-demo").modelFile());
        assertEquals("pneumonia-demo", pkg.id());
        assertFalse(registry.ids().isEmpty());
        ModelPackageException missing = assertThrows(ModelPackageException.class,
                () -> ModelPackage.load(dir.resolve("nowhere")));
        assertTrue(missing.getMessage().contains("model-card.json"), missing.getMessage());
    }

    private Path copyBundled(String name) throws IOException {
        ModelPackage pkg = ModelRegistry.bundled(dir.resolve("cache-" + name)).require("pneumonia-demo");
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.copy(pkg.modelFile(), folder.resolve(ModelPackage.MODEL_FILE));
        Files.copy(pkg.folder().resolve(ModelPackage.CARD_FILE), folder.resolve(ModelPackage.CARD_FILE));
        return folder;
    }
}
