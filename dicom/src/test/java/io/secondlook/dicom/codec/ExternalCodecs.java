package io.secondlook.dicom.codec;

import io.secondlook.dicom.TransferSyntax;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** dcmtk and gdcm command-line codecs as independent oracles: decode to native files, encode test images. */
public final class ExternalCodecs {
    private ExternalCodecs() {
    }

    /** A tool's exit code and merged output; {@code ok()} when it exited 0 and wrote its output file. */
    public record Result(List<String> command, int exitCode, String output, Path written) {
        public boolean ok() {
            return exitCode == 0 && Files.isRegularFile(written);
        }

        public String describe() {
            return String.join(" ", command) + " exited " + exitCode + ": " + output.strip();
        }
    }

    public static boolean installed(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The dcmtk decoder for a transfer syntax ({@code dcmconv +te} for native ones), or gdcm's OpenJPEG for JPEG
     * 2000, which dcmtk lacks; empty where neither decodes it (HTJ2K, video).
     */
    public static Optional<List<String>> referenceDecoder(TransferSyntax ts) {
        if (!ts.encapsulated()) {
            return Optional.of(List.of("dcmconv", "+te"));
        }
        return switch (ts) {
            case RLE_LOSSLESS -> Optional.of(List.of("dcmdrle", "+te"));
            case JPEG_BASELINE, JPEG_EXTENDED, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1 -> Optional.of(List.of("dcmdjpeg", "+te"));
            case JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS -> Optional.of(List.of("dcmdjpls", "+te"));
            case JPEG_2000_LOSSLESS, JPEG_2000 -> Optional.of(List.of("gdcmconv", "--raw"));
            default -> Optional.empty();
        };
    }

    /** Runs {@code tool... in out}. */
    public static Result convert(List<String> tool, Path in, Path out) {
        List<String> command = new ArrayList<>(tool);
        command.add(in.toString());
        command.add(out.toString());
        return run(command, out);
    }

    private static Result run(List<String> command, Path written) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(command, -1, "timed out", written);
            }
            return new Result(command, process.exitValue(), new String(output, StandardCharsets.UTF_8), written);
        } catch (IOException e) {
            return new Result(command, -1, "cannot run: " + e.getMessage(), written);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(command, -1, "interrupted", written);
        }
    }
}
