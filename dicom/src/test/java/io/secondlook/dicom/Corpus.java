package io.secondlook.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared test corpus ({@code secondlook.shared}); tests that need it are skipped only where it is absent. */
public final class Corpus {
    private Corpus() {
    }

    public static Path root() {
        String shared = System.getProperty("secondlook.shared", "../shared");
        Path corpus = Path.of(shared).resolve("corpus");
        assumeTrue(Files.isDirectory(corpus), "shared corpus not found at " + corpus);
        return corpus;
    }

    public static Path dicom(String relative) {
        return root().resolve("dicom").resolve(relative);
    }

    /** DICOM files under a folder (recursively), i.e. everything but the .dcmdump.txt oracles. */
    public static List<Path> dicomFiles(String folder) {
        try (Stream<Path> files = Files.walk(dicom(folder))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().matches(".*\\.(txt|md|json|nii|csv|gz)$"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DICOM files under several folders, in order. */
    public static List<Path> dicomFiles(List<String> folders) {
        return folders.stream().flatMap(f -> dicomFiles(f).stream()).toList();
    }

    /** The corpus-relative name, e.g. "dicom/transfer_syntax/CT_small.dcm", as the reference files key it. */
    public static String key(Path file) {
        return root().relativize(file).toString().replace('\\', '/');
    }
}
