package io.secondlook.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User model folders: folders and zips, valid or refused with the reason, and models offered per modality. */
class ModelRegistryTest {

    @TempDir
    Path dir;

    private Path bundledFolder() {
        return ModelRegistry.bundled(dir.resolve("bundled-cache")).require("pneumonia-demo").folder();
    }

    /** A copy of the bundled package whose card text goes through {@code edit}. */
    private Path variant(Path parent, String name, Function<String, String> edit) throws IOException {
        Path folder = Files.createDirectories(parent.resolve(name));
        Files.copy(bundledFolder().resolve(ModelPackage.MODEL_FILE), folder.resolve(ModelPackage.MODEL_FILE));
        String card = Files.readString(bundledFolder().resolve(ModelPackage.CARD_FILE));
        Files.writeString(folder.resolve(ModelPackage.CARD_FILE), edit.apply(card));
        return folder;
    }

    private static Path zip(Path folder, Path zip, String prefix) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String f : List.of(ModelPackage.CARD_FILE, ModelPackage.MODEL_FILE)) {
                z.putNextEntry(new ZipEntry(prefix + f));
                z.write(Files.readAllBytes(folder.resolve(f)));
                z.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void listsValidAndRefusedPackagesWithReasons() throws IOException {
        Path models = Files.createDirectories(dir.resolve("models"));
        variant(models, "a-valid", c -> c.replace("\"id\": \"pneumonia-demo\"", "\"id\": \"pneumonia-copy\""));
        Path zipped = variant(dir, "zip-src", c -> c.replace("\"id\": \"pneumonia-demo\"", "\"id\": \"pneumonia-zip\"")
                .replace("\"CR\"", "\"CT\""));
        zip(zipped, models.resolve("b-zipped.zip"), "pkg/");
        String sha = ModelCards.read(bundledFolder().resolve(ModelPackage.CARD_FILE)).sha256();
        variant(models, "c-hash", c -> c.replace(sha, "f".repeat(64)));
        variant(models, "d-input", c -> c.replace("\"name\": \"image\"", "\"name\": \"pixels\""));
        variant(models, "e-features", c -> c.replace("        128,\n        7,", "        64,\n        7,"));
        variant(models, "f-dtype", c -> c.replaceFirst("\"dtype\": \"float32\"\n    \\}", "\"dtype\": \"int64\"\n    }"));
        variant(models, "g-modality", c -> c.replaceFirst("\"modality\": \\[[^]]*]", "\"modality\": []"));
        variant(models, "h-task", c -> c.replace("\"task\": \"classification\"", "\"task\": \"regression\""));
        Files.writeString(models.resolve("i-broken.zip"), "not a zip");
        Files.writeString(models.resolve("notes.txt"), "ignored");

        ModelRegistry registry = ModelRegistry.open(dir.resolve("cache"), models);
        Map<String, ModelRegistry.Entry> byName = registry.list().stream().skip(1)
                .collect(Collectors.toMap(e -> e.source().getFileName().toString(), e -> e));
        ModelRegistry.Entry bundled = registry.list().get(0);
        assertTrue(bundled.bundled() && bundled.valid(), bundled.status());
        assertEquals("pneumonia-demo", bundled.id());
        assertEquals(9, byName.size(), byName.keySet().toString());
        assertTrue(byName.get("a-valid").valid(), byName.get("a-valid").status());
        assertEquals("pneumonia-copy", byName.get("a-valid").id());
        assertTrue(byName.get("b-zipped.zip").valid(), byName.get("b-zipped.zip").status());
        assertEquals("classification", byName.get("b-zipped.zip").task());
        assertRefused(byName, "c-hash", "does not match field 'sha256'");
        assertRefused(byName, "d-input", "card input 'pixels' is not an input of the model");
        assertRefused(byName, "e-features", "output 'features' shape [-1, 128, 7, 7] disagrees with the card's [-1, 64, 7, 7]");
        assertRefused(byName, "f-dtype", "is float32 in the model but int64 in the card");
        assertRefused(byName, "g-modality", "field 'modality'");
        assertRefused(byName, "h-task", "field 'task' must be one of");
        assertRefused(byName, "i-broken.zip", "not a readable zip");

        assertEquals(List.of("pneumonia-demo", "pneumonia-copy", "pneumonia-zip"),
                registry.modelsFor("DX").stream().map(ModelPackage::id).toList());
        assertEquals(List.of("pneumonia-demo", "pneumonia-copy"),
                registry.modelsFor("cr").stream().map(ModelPackage::id).toList());
        assertEquals(List.of("pneumonia-zip"), registry.modelsFor("CT").stream().map(ModelPackage::id).toList());
        assertTrue(registry.modelsFor("MR").isEmpty());
        assertTrue(registry.find("pneumonia-zip").isPresent());

        // A package removed from the folder is gone after a rescan.
        Files.delete(models.resolve("b-zipped.zip"));
        registry.rescan();
        assertTrue(registry.find("pneumonia-zip").isEmpty());
        assertEquals(8, registry.list().size() - 1);
    }

    private static void assertRefused(Map<String, ModelRegistry.Entry> entries, String name, String reason) {
        ModelRegistry.Entry e = entries.get(name);
        assertFalse(e.valid(), name + " should be refused");
        assertTrue(e.refusal().contains(reason), name + ": " + e.refusal());
        assertTrue(e.status().startsWith("refused: "), e.status());
    }

    @Test
    void verifyAcceptsZipsWithTheFilesAtTheTopAndRefusesIncompleteOnes() throws IOException {
        Path zip = zip(bundledFolder(), dir.resolve("flat.zip"), "");
        ModelPackage pkg = ModelPackage.verify(zip, dir.resolve("x"));
        assertEquals("pneumonia-demo", pkg.id());
        assertEquals(pkg.folder(), ModelPackage.verify(zip, dir.resolve("x")).folder(), "extracted once");
        Path half = dir.resolve("half.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(half))) {
            z.putNextEntry(new ZipEntry("../../" + ModelPackage.CARD_FILE));
            z.write(Files.readAllBytes(bundledFolder().resolve(ModelPackage.CARD_FILE)));
            z.closeEntry();
        }
        ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelPackage.verify(half, dir.resolve("y")));
        assertTrue(e.getMessage().contains("model-card.json not found in the zip"), "entries outside the package are ignored: "
                + e.getMessage());
        ModelPackageException missing = assertThrows(ModelPackageException.class,
                () -> ModelPackage.verify(dir.resolve("none.zip"), dir.resolve("y")));
        assertTrue(missing.getMessage().contains("none.zip"), missing.getMessage());
    }
}
