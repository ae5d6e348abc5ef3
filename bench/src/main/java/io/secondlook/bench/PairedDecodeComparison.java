package io.secondlook.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Our decoder and a native one timed alternately, round after round, on the same {@link CtLikeFrames} file: on a
 * shared, loaded machine a single best-of run drifts with the neighbours' load, while per-round ratios taken
 * moments apart do not. Reports the medians of wall time and of CPU time (ours: this thread's; native: user +
 * system of the process, read by {@code /usr/bin/time}), the native tool's one-frame run subtracted from both.
 */
final class PairedDecodeComparison {
    private static final Path TIME = Path.of("/usr/bin/time");

    private PairedDecodeComparison() {
    }

    /** Wall and CPU seconds of one timed run. */
    record Timing(double wall, double cpu) {
    }

    static void run(String codec, List<String> encoder, List<String> nativeDecoder, int rounds) throws Exception {
        if (!Files.isExecutable(TIME)) {
            throw new IllegalStateException(TIME + " is needed to read the native decoder's CPU time (apt-get install time)");
        }
        Path dir = Files.createTempDirectory("sl-paired");
        try {
            compare(codec, encoder, nativeDecoder, rounds, dir);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static void compare(String codec, List<String> encoder, List<String> nativeDecoder, int rounds, Path dir)
            throws Exception {
        Path many = CtLikeFrames.encoded(dir, CtLikeFrames.FRAMES, encoder);
        Path one = CtLikeFrames.encoded(dir, 1, encoder);
        for (int i = 0; i < 5; i++) {
            CtLikeFrames.decodeAll(many); // warm-up: the JIT compiles the decoder before the first round
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int frames = CtLikeFrames.FRAMES;
        double[] oursWall = new double[rounds];
        double[] oursCpu = new double[rounds];
        double[] nativeWall = new double[rounds];
        double[] nativeCpu = new double[rounds];
        double[] wallRatio = new double[rounds];
        double[] cpuRatio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            CtLikeFrames.decodeAll(many);
            oursWall[r] = (System.nanoTime() - t0) / 1e9;
            oursCpu[r] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            Timing whole = timed(nativeDecoder, many, dir.resolve("out-many.dcm"));
            Timing startup = timed(nativeDecoder, one, dir.resolve("out-one.dcm"));
            // the one-frame run also decodes a frame: scale the difference back to all frames
            nativeWall[r] = Math.max(whole.wall() - startup.wall(), 1e-3) * frames / (frames - 1);
            nativeCpu[r] = Math.max(whole.cpu() - startup.cpu(), 1e-3) * frames / (frames - 1);
            wallRatio[r] = nativeWall[r] / oursWall[r];
            cpuRatio[r] = nativeCpu[r] / oursCpu[r];
        }
        System.out.printf(Locale.ROOT, "%s paired, %d rounds of %d frames 512x512x16, medians: ours %.2f ms/frame wall"
                        + " (%.0f frames/s, %.1f MB/s), %.2f ms/frame CPU; %s %.2f ms/frame wall (%.0f frames/s,"
                        + " %.1f MB/s), %.2f ms/frame CPU; ours/native throughput ratio %.2f by wall, %.2f by CPU"
                        + " (per-round wall ratios %s)%n",
                codec, rounds, frames, median(oursWall) * 1e3 / frames, frames / median(oursWall),
                frames * CtLikeFrames.FRAME_MB / median(oursWall), median(oursCpu) * 1e3 / frames,
                String.join(" ", nativeDecoder), median(nativeWall) * 1e3 / frames, frames / median(nativeWall),
                frames * CtLikeFrames.FRAME_MB / median(nativeWall), median(nativeCpu) * 1e3 / frames,
                median(wallRatio), median(cpuRatio), format(wallRatio));
    }

    private static Timing timed(List<String> tool, Path in, Path out) throws IOException, InterruptedException {
        Path report = Files.createTempFile("sl-time", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of(TIME.toString(), "-f", "%e %U %S", "-o", report.toString()));
            command.addAll(tool);
            command.add(in.toString());
            command.add(out.toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            String[] fields = Files.readString(report).trim().split("\\s+");
            return new Timing(Double.parseDouble(fields[0]),
                    Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]));
        } finally {
            Files.deleteIfExists(report);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String format(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return b.toString();
    }
}
