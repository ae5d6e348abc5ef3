package io.secondlook.app.cli;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import io.secondlook.dicom.pixel.PixelPipeline;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Hashes the canonical decoded samples of every frame ({@link PixelPipeline#canonicalFrameBytes}), one file at a
 * time, so that thousands of files run in one process in constant memory.
 */
@Command(name = "pixels", mixinStandardHelpOptions = true,
        description = {"Prints '<sha256>  <file>#<frame>' for every frame (numbered from 1) of every DICOM image, "
                + "hashing the canonical decoded samples: row-major, colour samples interleaved, unsigned "
                + "little-endian of Bits Allocated width, masked to Bits Stored, no LUTs.",
                "Directories are searched recursively in name order; files in them that are not DICOM are skipped, "
                + "as are DICOM files without pixel data (SR, DICOMDIR). A file named on the command line that is "
                + "not DICOM, and an image that cannot be decoded, print 'ERROR  <file>  <reason>' and the run goes on.",
                "Exit code 0 when every file was handled (ERROR lines included), 1 when a PATH does not exist."})
public final class PixelsCommand implements Callable<Integer> {

    @Option(names = "--sha256", required = true, description = "Print SHA-256 digests (the only output for now).")
    boolean sha256;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "DICOM files or folders.")
    List<Path> paths;

    private PrintWriter out;
    private MessageDigest digest;
    private boolean missing;

    @Override
    public Integer call() throws NoSuchAlgorithmException {
        digest = MessageDigest.getInstance("SHA-256");
        out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
        try {
            for (Path path : paths) {
                if (Files.isDirectory(path)) {
                    walk(path);
                } else if (Files.exists(path)) {
                    hash(path, true);
                } else {
                    error(path, "no such file or directory");
                    missing = true;
                }
            }
        } finally {
            out.flush();
        }
        return missing ? 1 : 0;
    }

    private void walk(Path directory) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            error(directory, "cannot list the folder: " + CliErrors.oneLine(e));
            return;
        }
        entries.sort(null);
        for (Path entry : entries) {
            // symbolic links to folders are not followed, so a link cycle cannot recurse forever
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                walk(entry);
            } else if (Files.isRegularFile(entry)) {
                hash(entry, false);
            }
        }
    }

    private void hash(Path file, boolean named) {
        DicomFile dicom;
        try {
            dicom = DicomReader.read(file);
        } catch (DicomReader.NotDicomException e) {
            if (named) {
                error(file, "not a DICOM file");
            }
            return;
        } catch (DicomException | RuntimeException e) {
            error(file, CliErrors.oneLine(e));
            return;
        }
        if (!hasPixels(dicom)) {
            return;
        }
        int frames = ImagePixelDescription.from(dicom.dataset()).frames();
        List<String> lines = new ArrayList<>(frames);
        HexFormat hex = HexFormat.of();
        try {
            for (int f = 0; f < frames; f++) {
                lines.add(hex.formatHex(digest.digest(PixelPipeline.canonicalFrameBytes(dicom, f))) + "  " + file + "#" + (f + 1));
            }
        } catch (DicomException | RuntimeException e) {
            error(file, CliErrors.oneLine(e));
            return;
        }
        lines.forEach(out::println);
    }

    private static boolean hasPixels(DicomFile dicom) {
        return dicom.dataset().contains(Tag.PixelData) || dicom.dataset().contains(Tag.FloatPixelData)
                || dicom.dataset().contains(Tag.DoubleFloatPixelData);
    }

    private void error(Path file, String reason) {
        out.println("ERROR  " + file + "  " + reason);
    }
}
