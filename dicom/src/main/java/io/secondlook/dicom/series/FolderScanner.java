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
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Indexes the DICOM files under a folder (recursively) from their headers only, then assembles them into
 * patients, studies and series. Files that are not DICOM are skipped and counted; files that are DICOM but cannot
 * be read are reported with the reason. Objects that are not instances of a series (a DICOMDIR) are skipped too;
 * instances without pixels (SR, presentation states) are indexed with zero rows and columns.
 */
public final class FolderScanner {
    private FolderScanner() {
    }

    public static ScanResult scan(Path root) throws IOException {
        return scan(root, ScanProgress.NONE, () -> false);
    }

    /** Scans; throws {@link CancellationException} when {@code cancelled} turns true. */
    public static ScanResult scan(Path root, ScanProgress progress, BooleanSupplier cancelled) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<DicomInstance> instances = new ArrayList<>();
        List<Dataset> headers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
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
}
