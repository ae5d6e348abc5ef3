package io.secondlook.dicom;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** read → DicomWriter → read gives the same elements, and dcmtk's dcmdump accepts what we wrote. */
class RoundTripTest {
    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> writtenFilesReadBackEqualAndPassDcmdump() {
        return Corpus.dicomFiles(List.of("transfer_syntax", "modality", "sr_seg", "charset")).stream().map(file -> DynamicTest.dynamicTest(Corpus.key(file), () -> {
            DicomFile original = DicomReader.read(file);
            if (!original.warnings().isEmpty() || original.dataset().getString(Tag.SOPInstanceUID) == null) {
                return; // only well-formed files are expected to survive unchanged
            }
            TransferSyntax ts = TransferSyntax.fromUid(original.transferSyntaxUid()).orElseThrow();
            if (ts.bigEndian()) {
                ts = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
            }
            Path written = tmp.resolve(Corpus.key(file).replace('/', '_'));
            DicomWriter.write(written, original.fileMeta(), original.dataset(), ts);
            DicomFile back = DicomReader.read(written);
            assertEquals(List.of(), back.warnings(), "warnings reading our own file");
            assertEquals(ts.uid(), back.transferSyntaxUid());
            List<String> problems = new ArrayList<>();
            compare("", original.dataset(), back.dataset(), ts.explicitVr(), problems);
            assertEquals(List.of(), problems);
            dcmdumpAccepts(written);
        }));
    }

    static void compare(String path, Dataset a, Dataset b, boolean explicit, List<String> problems) {
        for (DicomElement e : a.elements()) {
            if (Tag.element(e.tag()) == 0 || Tag.group(e.tag()) == 0x0002) {
                continue; // group lengths are not written
            }
            String where = path + Tag.toString(e.tag());
            DicomElement f = b.get(e.tag());
            if (f == null) {
                problems.add(where + " missing");
                continue;
            }
            if (explicit && e.vr() != f.vr()) {
                problems.add(where + " VR " + e.vr() + " became " + f.vr());
            }
            if (e.isSequence()) {
                if (e.items().size() != f.items().size()) {
                    problems.add(where + " items " + e.items().size() + " became " + f.items().size());
                    continue;
                }
                for (int i = 0; i < e.items().size(); i++) {
                    compare(where + "[" + i + "]", e.items().get(i), f.items().get(i), explicit, problems);
                }
            } else if (e.isEncapsulated()) {
                EncapsulatedPixelData x = (EncapsulatedPixelData) e.value();
                EncapsulatedPixelData y = (EncapsulatedPixelData) f.value();
                if (!Arrays.equals(padded(x.basicOffsetTable()), y.basicOffsetTable()) || x.fragments().size() != y.fragments().size()) {
                    problems.add(where + " offset table or fragment count changed");
                    continue;
                }
                for (int i = 0; i < x.fragments().size(); i++) {
                    if (!Arrays.equals(padded(x.fragments().get(i)), y.fragments().get(i))) {
                        problems.add(where + " fragment " + i + " changed");
                    }
                }
            } else if (!Arrays.equals(e.bytes(), f.bytes()) && !Arrays.equals(padded(e.bytes(), e.vr().padding()), f.bytes())) {
                problems.add(where + " value changed");
            }
        }
        if (a.size() != b.size()) {
            long expected = a.elements().stream().filter(e -> Tag.element(e.tag()) != 0 && Tag.group(e.tag()) != 2).count();
            if (expected != b.size()) {
                problems.add(path + " holds " + b.size() + " elements, expected " + expected);
            }
        }
    }

    private static byte[] padded(byte[] v) {
        return padded(v, (byte) 0);
    }

    private static byte[] padded(byte[] v, byte pad) {
        if ((v.length & 1) == 0) {
            return v;
        }
        byte[] out = Arrays.copyOf(v, v.length + 1);
        out[v.length] = pad;
        return out;
    }

    static void dcmdumpAccepts(Path file) throws Exception {
        String dcmdump = findOnPath("dcmdump");
        assumeTrue(dcmdump != null, "dcmdump (dcmtk) is not installed; CI installs it");
        Process p = new ProcessBuilder(dcmdump, "-q", file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dcmdump timed out");
        String text = new String(out, StandardCharsets.ISO_8859_1);
        assertEquals(0, p.exitValue(), "dcmdump rejected " + file + ":\n" + text);
        assertTrue(!text.contains("E: "), "dcmdump reported errors:\n" + text);
    }

    private static String findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
