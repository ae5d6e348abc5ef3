package io.secondlook.dicom.series;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Indexes the DICOM files under a folder (recursively) from their headers only, then assembles them into
 * patients, studies and series. Files that are not DICOM are skipped and counted; files that are DICOM but cannot
 * be read are reported with the reason. Objects that are not instances of a series (a DICOMDIR) are skipped too;
 * instances without pixels (SR, presentation states) are indexed with zero rows and columns.
 *
 * <p>A file named DICOMDIR is read as a media directory: the files its records reference are indexed first (found
 * case-insensitively; missing ones are reported), then every other file. A {@code .zip} is extracted into a
 * folder (a new temporary folder, or the one given to {@link #scanZip}) and that folder is scanned, so every
 * {@link DicomInstance#path()} is an ordinary file that can be reopened for as long as the folder is kept.
 */
public final class FolderScanner {
    private FolderScanner() {
    }

    public static ScanResult scan(Path root) throws IOException {
        return scan(root, ScanProgress.NONE, () -> false);
    }

    /** Scans; throws {@link CancellationException} when {@code cancelled} turns true. */
    public static ScanResult scan(Path root, ScanProgress progress, BooleanSupplier cancelled) throws IOException {
        if (isZip(root)) {
            return scanZip(root, Files.createTempDirectory("secondlook-zip-"), progress, cancelled);
        }
        return scanFolder(root, progress, cancelled, new ArrayList<>());
    }

    /** Whether a path is a zip archive (a regular file named *.zip). */
    public static boolean isZip(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /**
     * Extracts a zip archive into {@code extractTo} (created when missing; the caller owns it and deletes it when
     * the instances are no longer needed) and scans it. A zip bomb, an entry over 2 GiB or more than 64 GiB in all
     * is refused with an {@link IOException}; entries that would land outside the folder are skipped and reported.
     */
    public static ScanResult scanZip(Path zip, Path extractTo, ScanProgress progress, BooleanSupplier cancelled) throws IOException {
        return scanZip(zip, extractTo, ZipExtractor.Limits.DEFAULT, progress, cancelled);
    }

    static ScanResult scanZip(Path zip, Path extractTo, ZipExtractor.Limits limits, ScanProgress progress,
                              BooleanSupplier cancelled) throws IOException {
        List<String> problems = new ArrayList<>();
        Files.createDirectories(extractTo);
        ZipExtractor.extract(zip, extractTo, limits, problems);
        return scanFolder(extractTo, progress, cancelled, problems);
    }

    private static ScanResult scanFolder(Path root, ScanProgress progress, BooleanSupplier cancelled, List<String> problems)
            throws IOException {
        List<Path> walked;
        try (Stream<Path> walk = Files.walk(root)) {
            walked = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Path> files = dicomdirOrder(walked, problems);
        List<DicomInstance> instances = new ArrayList<>();
        List<Dataset> headers = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < files.size(); i++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("Scan of " + root + " cancelled");
            }
            Path file = files.get(i);
            try {
                DicomFile dicom = DicomReader.read(file, DicomReader.ReadOptions.HEADER_ONLY);
                Dataset ds = dicom.dataset();
                if (ds.getString(Tag.SeriesInstanceUID) == null || dicom.sopInstanceUid() == null) {
                    skipped++;
                } else {
                    instances.add(SeriesAssembler.instanceOf(file, dicom));
                    headers.add(ds);
                }
            } catch (DicomReader.NotDicomException e) {
                skipped++;
            } catch (DicomException | RuntimeException e) {
                problems.add(file + ": " + e.getMessage());
            }
            progress.progress(i + 1, files.size());
        }
        return new ScanResult(SeriesAssembler.assemble(instances, headers), instances.size(), skipped, problems);
    }

    /**
     * The files to index: those the DICOMDIRs among them reference first (in record order, resolved as the
     * DICOMDIR says), then the rest; each once. Unreadable DICOMDIRs and missing referenced files are reported.
     */
    private static List<Path> dicomdirOrder(List<Path> walked, List<String> problems) {
        Set<Path> ordered = new LinkedHashSet<>();
        for (Path file : walked) {
            if (!DicomdirReader.isDicomdirName(file)) {
                continue;
            }
            try {
                Dicomdir dicomdir = DicomdirReader.read(file);
                for (Path referenced : dicomdir.referencedFiles()) {
                    if (Files.isRegularFile(referenced)) {
                        ordered.add(referenced.toAbsolutePath().normalize());
                    } else {
                        problems.add(file + ": references " + file.getParent().relativize(referenced) + ", which does not exist");
                    }
                }
            } catch (DicomException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
        if (ordered.isEmpty()) {
            return walked;
        }
        for (Path file : walked) {
            ordered.add(file.toAbsolutePath().normalize());
        }
        return new ArrayList<>(ordered);
    }
}
