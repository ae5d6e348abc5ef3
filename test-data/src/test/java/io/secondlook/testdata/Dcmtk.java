package io.secondlook.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the dcmtk and dicom3tools command-line tools as independent checkers of the files we write. */
final class Dcmtk {
    private static final Pattern ELEMENT = Pattern.compile("^\\s*\\(([0-9a-f]{4},[0-9a-f]{4})\\) \\w\\w (?:\\[(.*?)\\]|=(\\S+)|\\(no value available\\)|(\\S+))");

    private Dcmtk() {
    }

    record Result(int exitCode, String output) {
    }

    static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail("Cannot run '" + command[0] + "' (" + e.getMessage() + "). Install dcmtk and dicom3tools: "
                    + "apt-get install -y dcmtk dicom3tools");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("Interrupted running " + command[0]);
        }
    }

    /** Top-level element values as dcmdump prints them, keyed by "gggg,eeee"; pixel data goes to {@code rawDir}. */
    static Map<String, String> dump(Path file, Path rawDir) throws IOException {
        // a fresh folder each time: dcmdump names the raw file after the input's name only (DX/IM0001 vs CT/IM0001)
        Path out = Files.createTempDirectory(rawDir, "dump");
        Result r = run("dcmdump", "-q", "-Un", "+W", out.toString(), file.toString());
        assertEquals(0, r.exitCode(), () -> "dcmdump failed on " + file + ":\n" + r.output());
        Map<String, String> values = new TreeMap<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("(")) {
                Matcher m = ELEMENT.matcher(line);
                if (m.find()) {
                    String v = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "";
                    values.put(m.group(1), v);
                }
            }
        }
        try (var raws = Files.list(out)) {
            raws.filter(f -> f.getFileName().toString().endsWith(".raw")).findFirst()
                    .ifPresent(f -> values.put("7fe0,0010", f.toString()));
        }
        return values;
    }

    static double[] doubles(Map<String, String> dump, String tag) {
        String v = dump.get(tag);
        if (v == null) {
            return fail("missing (" + tag + ")");
        }
        String[] parts = v.split("\\\\");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].trim());
        }
        return out;
    }

    /** The 16-bit little-endian pixels dcmdump extracted, as signed or unsigned ints. */
    static int[] pixels(Map<String, String> dump, boolean signed) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(Path.of(dump.get("7fe0,0010")))).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[buf.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
            short s = buf.getShort();
            out[i] = signed ? s : s & 0xFFFF;
        }
        return out;
    }

    /** dciodvfy's "Error" lines for a file (it checks the IOD named by the SOP Class). */
    static List<String> iodErrors(Path file) {
        Result r = run("dciodvfy", file.toString());
        List<String> errors = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("Error")) {
                errors.add(line);
            }
        }
        return errors;
    }
}
