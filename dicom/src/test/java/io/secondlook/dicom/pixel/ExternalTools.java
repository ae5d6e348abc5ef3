package io.secondlook.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The independent oracles pixel tests compare with: dcmtk's dcm2pnm and pydicom (Debian python3-pydicom). */
public final class ExternalTools {
    private static final String PYTHON = "/usr/bin/python3";

    private ExternalTools() {
    }

    /** A binary PGM (P5) or PPM (P6) with 8-bit samples as written by {@code dcm2pnm +op}. */
    public record Pnm(int width, int height, int channels, byte[] samples) {
        public int sample(int index) {
            return samples[index] & 0xFF;
        }
    }

    public static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Runs a command and returns its standard output; fails the test when it exits non-zero. */
    public static byte[] run(List<String> command) throws Exception {
        Path err = Files.createTempFile("tool", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
            assertEquals(0, p.exitValue(), command + " failed: " + Files.readString(err, StandardCharsets.ISO_8859_1));
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** {@code dcm2pnm +op OPTIONS file out.pnm}, read back. */
    public static Pnm dcm2pnm(Path dicom, String... options) throws Exception {
        String tool = onPath("dcm2pnm");
        assumeTrue(tool != null, "dcm2pnm (dcmtk) is not installed; CI installs it");
        Path out = Files.createTempFile("dcm2pnm", ".pnm");
        try {
            List<String> command = new ArrayList<>(List.of(tool, "+op"));
            command.addAll(Arrays.asList(options));
            command.add(dicom.toString());
            command.add(out.toString());
            run(command);
            return parsePnm(Files.readAllBytes(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Pnm parsePnm(byte[] data) {
        int[] pos = {0};
        String magic = token(data, pos);
        int width = Integer.parseInt(token(data, pos));
        int height = Integer.parseInt(token(data, pos));
        int max = Integer.parseInt(token(data, pos));
        assertEquals(255, max, "8-bit PNM expected");
        int channels = magic.equals("P6") ? 3 : 1;
        byte[] samples = Arrays.copyOfRange(data, pos[0] + 1, pos[0] + 1 + width * height * channels);
        return new Pnm(width, height, channels, samples);
    }

    private static String token(byte[] data, int[] pos) {
        while (Character.isWhitespace(data[pos[0]])) {
            pos[0]++;
        }
        int start = pos[0];
        while (!Character.isWhitespace(data[pos[0]])) {
            pos[0]++;
        }
        return new String(data, start, pos[0] - start, StandardCharsets.US_ASCII);
    }

    /** Runs a Python script with pydicom and numpy; its standard output is returned (the script writes raw bytes). */
    public static byte[] pydicom(String script, String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "python3 with pydicom is not installed; CI installs it");
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(Arrays.asList(args));
        return run(command);
    }
}
