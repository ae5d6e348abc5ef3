package io.secondlook.inference.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A validated model on disk: its card and the {@code model.onnx} whose SHA-256 the card names. */
public record ModelPackage(ModelCard card, Path modelFile) {

    public static final String CARD_FILE = "model-card.json";
    public static final String MODEL_FILE = "model.onnx";

    /** Loads {@code folder/model-card.json} and {@code folder/model.onnx}, checking the card and the hash. */
    public static ModelPackage load(Path folder) {
        Path cardFile = folder.resolve(CARD_FILE);
        Path modelFile = folder.resolve(MODEL_FILE);
        if (!Files.isRegularFile(cardFile)) {
            throw new ModelPackageException(cardFile, "model card not found");
        }
        if (!Files.isRegularFile(modelFile)) {
            throw new ModelPackageException(modelFile, "model file not found");
        }
        ModelCard card = ModelCards.read(cardFile);
        String actual = sha256(modelFile);
        if (!actual.equals(card.sha256())) {
            throw new ModelPackageException(modelFile, "SHA-256 " + actual + " does not match field 'sha256' "
                    + card.sha256() + " of " + cardFile.getFileName() + " (wrong or damaged model file)");
        }
        return new ModelPackage(card, modelFile);
    }

    /**
     * Loads a package folder or {@code .zip} (extracted under {@code extractRoot}, in a folder named after the
     * zip's SHA-256) and checks everything a package must satisfy: card fields, the model's SHA-256, and the
     * ONNX graph's inputs and outputs against the card. Refusals throw {@link ModelPackageException}.
     */
    public static ModelPackage verify(Path folderOrZip, Path extractRoot) {
        Path folder = Files.isDirectory(folderOrZip) ? folderOrZip : PackageZip.extract(folderOrZip, extractRoot);
        ModelPackage pkg = load(folder);
        OnnxContract.check(pkg);
        return pkg;
    }

    public String id() {
        return card.id();
    }

    public String version() {
        return card.version();
    }

    public Path folder() {
        return modelFile.getParent();
    }

    public static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new ModelPackageException(file, "cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
