package io.secondlook.inference.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Extracts a zipped model package. Only {@code model.onnx} and {@code model-card.json} are taken, at the top
 * of the archive or in one folder; their names are fixed here, so entries can never write outside the target.
 */
final class PackageZip {

    private PackageZip() {
    }

    static Path extract(Path zip, Path extractRoot) {
        if (!Files.isRegularFile(zip)) {
            throw new ModelPackageException(zip, "no such model package (expected a folder or a .zip)");
        }
        String sha = ModelPackage.sha256(zip);
        Path target = extractRoot.resolve(sha);
        if (Files.isRegularFile(target.resolve(ModelPackage.CARD_FILE))
                && Files.isRegularFile(target.resolve(ModelPackage.MODEL_FILE))) {
            return target;
        }
        Set<String> found = new HashSet<>();
        try {
            Path staging = Files.createDirectories(extractRoot).resolve(sha + ".part");
            Files.createDirectories(staging);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                int entries = 0;
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    entries++;
                    String name = e.getName().replace('\\', '/');
                    String base = name.substring(name.lastIndexOf('/') + 1);
                    boolean nested = name.indexOf('/') != name.lastIndexOf('/');
                    if (e.isDirectory() || nested
                            || !(base.equals(ModelPackage.CARD_FILE) || base.equals(ModelPackage.MODEL_FILE))) {
                        continue;
                    }
                    if (!found.add(base)) {
                        throw new ModelPackageException(zip, "holds more than one " + base);
                    }
                    copy(in, staging.resolve(base));
                }
                if (entries == 0) {
                    throw new ModelPackageException(zip, "not a readable zip (no entries)");
                }
            }
            for (String required : new String[] {ModelPackage.CARD_FILE, ModelPackage.MODEL_FILE}) {
                if (!found.contains(required)) {
                    throw new ModelPackageException(zip, required + " not found in the zip");
                }
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (java.util.zip.ZipException e) {
            throw new ModelPackageException(zip, "not a readable zip: " + e.getMessage(), e);
        } catch (IOException e) {
            if (Files.isRegularFile(target.resolve(ModelPackage.MODEL_FILE))) {
                return target;  // another thread or process extracted the same zip first
            }
            throw new ModelPackageException(zip, "cannot extract: " + e.getMessage(), e);
        }
    }

    private static void copy(InputStream in, Path file) throws IOException {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
