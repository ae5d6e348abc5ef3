package io.secondlook.dicom.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning through DICOMDIRs and zip archives built at test time from corpus files. */
class ZipAndDicomdirScanTest {
    @TempDir
    Path tmp;

    private static Map<String, Integer> seriesSizes(ScanResult r) {
        return r.patients().stream().flatMap(p -> p.studies().stream()).flatMap(s -> s.series().stream())
                .collect(Collectors.toMap(DicomSeries::seriesInstanceUid, s -> s.instances().size(), Integer::sum, TreeMap::new));
    }

    /** Zips a folder; {@code prefix} puts everything below a folder inside the archive. */
    private static Path zip(Path folder, Path zip, String prefix) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(prefix + folder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void dicomdirAtTheRootIndexesItsFilesAndTheRest() throws Exception {
        Path tiny = Corpus.dicom("dicomdir/TINY_ALPHA");
        ScanResult r = FolderScanner.scan(tiny);
        Dicomdir dicomdir = DicomdirReader.read(tiny.resolve("DICOMDIR"));
        assertEquals(50, dicomdir.records("IMAGE").size());
        assertEquals(List.of(), r.problems());
        assertEquals(50, r.filesRead());
        assertEquals(Map.of(dicomdir.records("SERIES").get(0).attributes().getString(io.secondlook.dicom.Tag.SeriesInstanceUID), 50),
                seriesSizes(r));
    }

    @Test
    void referencedFilesAreFoundCaseInsensitivelyAndMissingOnesReported() throws Exception {
        Path tiny = Corpus.dicom("dicomdir/TINY_ALPHA");
        Path copy = tmp.resolve("cd");
        try (Stream<Path> files = Files.walk(tiny)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = tiny.relativize(file).toString();
                if (relative.endsWith("IM00001D")) {
                    continue; // lost from the medium
                }
                Path target = copy.resolve(relative.equals("DICOMDIR") ? relative : relative.toLowerCase(Locale.ROOT));
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Dicomdir dicomdir = DicomdirReader.read(copy.resolve("DICOMDIR"));
        assertTrue(dicomdir.records("IMAGE").stream().filter(i -> !i.file().toString().endsWith("IM00001D"))
                .allMatch(i -> Files.isRegularFile(i.file())));
        ScanResult r = FolderScanner.scan(copy);
        assertEquals(49, r.filesRead());
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).contains("IM00001D") && r.problems().get(0).contains("does not exist"), r.problems().get(0));
    }

    @Test
    void zipOfNestedFoldersScansLikeTheFolder() throws Exception {
        Path folder = Corpus.dicom("dicomdir");
        ScanResult fromFolder = FolderScanner.scan(folder);
        Path zip = zip(folder, tmp.resolve("study.zip"), "");
        ScanResult fromZip = FolderScanner.scanZip(zip, tmp.resolve("extracted"), ScanProgress.NONE, () -> false);
        assertEquals(seriesSizes(fromFolder), seriesSizes(fromZip));
        assertEquals(fromFolder.filesRead(), fromZip.filesRead());
        assertEquals(fromFolder.skipped(), fromZip.skipped());
        assertEquals(List.of(), fromZip.problems());
        DicomInstance any = fromZip.patients().get(0).studies().get(0).series().get(0).instances().get(0);
        assertTrue(any.path().startsWith(tmp.resolve("extracted")), any.path().toString());
        assertEquals(any.sopInstanceUid(), DicomReader.read(any.path()).sopInstanceUid());
        // scan(Path) accepts the zip itself, extracting to a temporary folder.
        assertEquals(seriesSizes(fromFolder), seriesSizes(FolderScanner.scan(zip)));
    }

    @Test
    void dicomdirInsideAZipFolderIsUsed() throws Exception {
        Path zip = zip(Corpus.dicom("dicomdir/TINY_ALPHA"), tmp.resolve("cd.zip"), "CDROM/");
        ScanResult r = FolderScanner.scanZip(zip, tmp.resolve("x"), ScanProgress.NONE, () -> false);
        assertEquals(50, r.filesRead());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void zipBombIsRefused() throws Exception {
        Path zip = tmp.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("zeros.dcm"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertTrue(Files.size(zip) < 1 << 20);
        IOException e = assertThrows(IOException.class, () -> FolderScanner.scanZip(zip, tmp.resolve("b"), ScanProgress.NONE, () -> false));
        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void hugeEntryIsRefusedAndEscapingNamesSkipped() throws Exception {
        Path zip = tmp.resolve("odd.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("../escape.dcm"));
            out.write(new byte[10]);
            out.closeEntry();
            out.putNextEntry(new ZipEntry("dir/ok.txt"));
            out.write("not dicom".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        ScanResult r = FolderScanner.scanZip(zip, tmp.resolve("o"), ScanProgress.NONE, () -> false);
        assertEquals(1, r.skipped());
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).contains("outside"), r.problems().get(0));
        assertTrue(Files.notExists(tmp.resolve("escape.dcm")));

        Path big = tmp.resolve("big.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(big))) {
            out.putNextEntry(new ZipEntry("big.dcm"));
            try (OutputStream o = new java.io.FilterOutputStream(out) { @Override public void close() { } }) {
                o.write(new byte[3000]);
            }
            out.closeEntry();
        }
        ZipExtractor.Limits small = new ZipExtractor.Limits(2048, 1 << 20, 200, 10);
        IOException e = assertThrows(IOException.class, () -> FolderScanner.scanZip(big, tmp.resolve("g"), small, ScanProgress.NONE, () -> false));
        assertTrue(e.getMessage().contains("big.dcm") && e.getMessage().contains("larger than"), e.getMessage());
    }
}
