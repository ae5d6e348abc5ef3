package io.secondlook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.app.cli.CommandLineTest.Run;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secondlook models list} and {@code models verify}. */
class ModelsCommandTest {

    @TempDir
    Path tmp;

    private Path copyOfBundled(Path folder, String from, String to) throws IOException {
        ModelPackage pkg = ModelRegistry.bundled(tmp.resolve("c")).require("pneumonia-demo");
        Files.createDirectories(folder);
        Files.copy(pkg.modelFile(), folder.resolve(ModelPackage.MODEL_FILE));
        Files.writeString(folder.resolve(ModelPackage.CARD_FILE),
                Files.readString(pkg.folder().resolve(ModelPackage.CARD_FILE)).replace(from, to));
        return folder;
    }

    @Test
    void listShowsBundledAndUserPackagesWithStatus() throws IOException {
        Path home = tmp.resolve("home");
        copyOfBundled(home.resolve("models").resolve("mine"), "\"id\": \"pneumonia-demo\"", "\"id\": \"my-model\"");
        copyOfBundled(home.resolve("models").resolve("broken"), "\"name\": \"image\"", "\"name\": \"pixels\"");
        Run r = CommandLineTest.run("--home", home.toString(), "models", "list");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[0].startsWith("ID"), lines[0]);
        assertTrue(lines[1].matches("pneumonia-demo\\s+1\\.0\\.0\\s+classification\\s+DX,CR\\s+bundled\\s+valid"), lines[1]);
        assertTrue(r.out().contains("broken") && r.out().contains("refused: ")
                && r.out().contains("card input 'pixels' is not an input of the model"), r.out());
        assertTrue(r.out().matches("(?s).*my-model\\s+1\\.0\\.0\\s+classification\\s+DX,CR\\s+user\\s+valid.*"), r.out());
    }

    @Test
    void verifyExitsZeroWhenValidAndOneWithTheReason() throws IOException {
        Path good = copyOfBundled(tmp.resolve("good"), "x", "x");
        Run ok = CommandLineTest.run("--home", tmp.resolve("home").toString(), "models", "verify", good.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().startsWith("valid: pneumonia-demo 1.0.0 (classification; DX,CR; CHEST)"), ok.out());

        Path bad = copyOfBundled(tmp.resolve("bad"), "\"version\": \"1.0.0\"", "\"version\": \"one\"");
        Run refused = CommandLineTest.run("--home", tmp.resolve("home").toString(), "models", "verify", bad.toString());
        assertEquals(1, refused.exitCode());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().startsWith("refused: ") && refused.err().contains("field 'version' must be semantic"),
                refused.err());

        Run missing = CommandLineTest.run("--home", tmp.resolve("home").toString(), "models", "verify",
                tmp.resolve("nothing").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nothing"), missing.err());
    }
}
