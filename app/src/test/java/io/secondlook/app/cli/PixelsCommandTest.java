package io.secondlook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secondlook pixels --sha256}: one line per frame, ERROR lines for undecodable files, the run goes on. */
class PixelsCommandTest {
    private static Path corpus;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findCorpus() {
        corpus = Path.of(System.getProperty("secondlook.shared", "../shared"), "corpus", "dicom", "transfer_syntax");
        assumeTrue(Files.isDirectory(corpus), "shared corpus not found at " + corpus);
    }

    private Path copy(String name, Path folder) throws Exception {
        Files.createDirectories(folder);
        return Files.copy(corpus.resolve(name), folder.resolve(name));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void hashesEveryFrameOfEveryFileInNameOrderSkippingNonDicom() throws Exception {
        copy("MR_small_RLE.dcm", tmp.resolve("b"));
        copy("MR_small.dcm", tmp.resolve("a"));
        copy("MR_small_jp2klossless.dcm", tmp.resolve("a"));
        copy("SC_rgb_rle_2frame.dcm", tmp.resolve("c/nested"));
        Files.writeString(tmp.resolve("a/notes.txt"), "not DICOM");
        copy("MR_small.dcm.dcmdump.txt", tmp.resolve("b"));

        CommandLineTest.Run r = CommandLineTest.run("pixels", "--sha256", tmp.toString());

        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of(tmp.resolve("a/MR_small.dcm") + "#1", tmp.resolve("a/MR_small_jp2klossless.dcm") + "#1",
                tmp.resolve("b/MR_small_RLE.dcm") + "#1", tmp.resolve("c/nested/SC_rgb_rle_2frame.dcm") + "#1",
                tmp.resolve("c/nested/SC_rgb_rle_2frame.dcm") + "#2"),
                lines.stream().map(l -> l.substring(l.indexOf("  ") + 2)).toList(), r.out());
        // 16-bit, 16 stored, little-endian: the canonical samples are the stored Pixel Data bytes
        byte[] stored = DicomReader.read(corpus.resolve("MR_small.dcm")).dataset().getBytes(Tag.PixelData);
        String expected = sha256(stored);
        for (int i = 0; i < 3; i++) {
            assertEquals(expected, lines.get(i).substring(0, 64), lines.get(i));
        }
        assertTrue(lines.get(3).matches("[0-9a-f]{64}  .*#1"), lines.get(3));
        assertTrue(!lines.get(3).substring(0, 64).equals(lines.get(4).substring(0, 64)), "the two frames differ");
    }

    @Test
    void undecodableFilesPrintAnErrorLineAndTheRunGoesOn() throws Exception {
        Path htj2k = copy("HTJ2K_08_RGB.dcm", tmp);
        byte[] whole = Files.readAllBytes(corpus.resolve("MR_small_RLE.dcm"));
        Path truncated = Files.write(tmp.resolve("MR_small_RLE_truncated.dcm"), Arrays.copyOf(whole, whole.length - 2000));
        Path text = Files.writeString(tmp.resolve("readme.txt"), "not DICOM");
        Path good = copy("MR_small.dcm", tmp.resolve("z"));

        CommandLineTest.Run r = CommandLineTest.run("pixels", "--sha256", htj2k.toString(), truncated.toString(),
                text.toString(), good.toString());

        assertEquals(0, r.exitCode(), "every file was handled: " + r.out());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("ERROR  " + htj2k + "  "), lines.get(0));
        assertTrue(lines.get(0).contains("High-Throughput JPEG 2000"), "names the transfer syntax: " + lines.get(0));
        assertTrue(lines.get(1).startsWith("ERROR  " + truncated + "  "), lines.get(1));
        assertEquals("ERROR  " + text + "  not a DICOM file", lines.get(2));
        assertTrue(lines.get(3).endsWith("  " + good + "#1"), lines.get(3));
    }

    @Test
    void aMissingPathIsAnErrorLineAndExitCodeOne() throws Exception {
        Path good = copy("MR_small.dcm", tmp);
        Path missing = tmp.resolve("missing.dcm");
        CommandLineTest.Run r = CommandLineTest.run("pixels", "--sha256", missing.toString(), good.toString());
        assertEquals(1, r.exitCode());
        assertEquals(List.of("ERROR  " + missing + "  no such file or directory"), r.out().lines().limit(1).toList());
        assertTrue(r.out().lines().skip(1).findFirst().orElseThrow().endsWith(good + "#1"), r.out());
    }
}
