package io.secondlook.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every image in the corpus decodes to what dcmtk decodes it to ({@code dcmconv +te}, {@code dcmdrle},
 * {@code dcmdjpeg}, {@code dcmdjpls}; for JPEG 2000, which dcmtk lacks, gdcm's OpenJPEG via {@code gdcmconv
 * --raw}), compared as canonical frames: bit-exactly for lossless syntaxes and lossy syntaxes with a deterministic
 * decoder, within {@link #LOSSY_TOLERANCE} where two exact implementations may round differently. Transfer syntaxes
 * with no decoder registered are reported as not yet supported (skipped), files the reference refuses as such;
 * any mismatch of a registered decoder fails. The same-pixel families of {@code decoder_oracles.json} (files whose
 * reference md5s agree) must agree among themselves too.
 */
class CorpusDecodeTest {
    /**
     * Max absolute error allowed against the reference, per lossy syntax whose decoders legitimately differ: the JPEG
     * 2000 irreversible 9/7 wavelet and ICT run in single-precision floating point, in a different order in JJ2000
     * and OpenJPEG, so a sample near a rounding boundary may land one step apart (measured: ≤ 1 LSB on at most 2% of
     * the samples, PSNR ≥ 79 dB).
     */
    static final Map<TransferSyntax, Long> LOSSY_TOLERANCE = Map.of(TransferSyntax.JPEG_2000, 1L);

    private static final Map<String, List<String>> REPORT = new ConcurrentSkipListMap<>();

    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> everyImageMatchesTheReferenceDecoder() {
        List<Path> files = Corpus.dicomFiles("");
        assertTrue(files.size() > 200, "only " + files.size() + " corpus files");
        return files.stream().map(file -> DynamicTest.dynamicTest(Corpus.key(file), () -> compareWithReference(file)));
    }

    private static void compareWithReference(Path file) throws Exception {
        DicomFile ours = readImage(file);
        TransferSyntax ts = DecodedFrames.syntax(ours);
        assumeTrue(ts != null, "unknown transfer syntax " + ours.transferSyntaxUid());
        String name = Corpus.key(file);
        if (ts.encapsulated() && DecodedFrames.decoder(ours).isEmpty()) {
            note(ts, "not yet supported", name);
            abort("not yet supported: no decoder registered for " + ts.displayName());
        }
        Optional<List<String>> tool = ExternalCodecs.referenceDecoder(ts);
        if (tool.isEmpty() || !ExternalCodecs.installed(tool.get().get(0))) {
            note(ts, "no reference decoder", name);
            abort("no reference decoder for " + ts.displayName());
        }
        Path decoded = Files.createTempDirectory(tmp, "ref").resolve("decoded.dcm");
        ExternalCodecs.Result reference = ExternalCodecs.convert(tool.get(), file, decoded);
        if (!reference.ok()) {
            note(ts, "reference refuses", name);
            abort("the reference decoder refuses the file: " + reference.describe());
        }
        ImagePixelDescription d = ImagePixelDescription.from(ours.dataset());
        DicomFile referenceFile = DicomReader.read(decoded);
        if (!referenceFile.dataset().contains(Tag.PixelData)) {
            note(ts, "reference refuses", name);
            abort("the reference decoder wrote no Pixel Data: " + reference.describe());
        }
        List<byte[]> expected = DecodedFrames.all(referenceFile);
        List<byte[]> actual;
        try {
            actual = DecodedFrames.all(ours);
        } catch (DicomException e) {
            note(ts, "FAILED", name);
            throw new AssertionError(String.join(" ", tool.get()) + " decodes " + name + ", we do not: " + e.getMessage(), e);
        }
        FrameComparison c = FrameComparison.of(expected, actual, d);
        long tolerance = tolerance(ts);
        if (c.identical()) {
            note(ts, "bit-exact", name);
        } else if (c.differing() > 0 && c.maxAbsError() <= tolerance) {
            note(ts, "within tolerance", name + " (" + c + ")");
        } else {
            note(ts, "FAILED", name);
            fail(name + " differs from " + String.join(" ", tool.get()) + ": " + c);
        }
    }

    /** The corpus file, or an aborted test where it is not an image we read (SR, DICOMDIR, malformed headers). */
    private static DicomFile readImage(Path file) {
        DicomFile dicom;
        try {
            dicom = DicomReader.read(file);
        } catch (DicomException e) {
            return abort("not read (covered by the reader tests): " + e.getMessage());
        }
        boolean pixels = dicom.dataset().contains(Tag.PixelData);
        assumeTrue(pixels, "no Pixel Data");
        assumeTrue(ImagePixelDescription.from(dicom.dataset()).rows() > 0, "Pixel Data without Rows (malformed)");
        return dicom;
    }

    @TestFactory
    Stream<DynamicTest> sameFamilyMembersAgree() throws Exception {
        Path corpus = Corpus.root();
        JsonNode oracles = new ObjectMapper().readTree(corpus.resolve("reference/decoder_oracles.json").toFile());
        Map<String, List<String>> families = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = oracles.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String md5 = consensusMd5(entry.getValue());
            if (md5 != null) {
                families.computeIfAbsent(md5, k -> new ArrayList<>()).add(entry.getKey());
            }
        }
        families.values().removeIf(members -> members.size() < 2);
        assertTrue(families.size() >= 20, "only " + families.size() + " same-pixel families");
        return families.values().stream().map(members -> DynamicTest.dynamicTest(String.join(" = ", members),
                () -> familyAgrees(corpus, members)));
    }

    /** dcmtk's md5 when it decoded the file, else gdcm's, else pydicom's. */
    private static String consensusMd5(JsonNode oracle) {
        for (String decoder : new String[] {"dcmtk", "gdcm_raw", "pydicom2.3.1_direct"}) {
            String md5 = oracle.path(decoder).path("md5").asText("");
            if (!md5.isEmpty()) {
                return md5;
            }
        }
        return null;
    }

    private static void familyAgrees(Path corpus, List<String> members) throws Exception {
        String firstName = null;
        List<byte[]> first = null;
        long firstTolerance = 0;
        List<String> unsupported = new ArrayList<>();
        for (String member : members) {
            DicomFile file;
            try {
                file = DicomReader.read(corpus.resolve(member));
            } catch (DicomException e) {
                if (member.startsWith("dicom/malformed/")) {
                    unsupported.add(member + " (not read)");
                    continue;
                }
                throw e;
            }
            TransferSyntax ts = DecodedFrames.syntax(file);
            if (ts != null && ts.encapsulated() && DecodedFrames.decoder(file).isEmpty()) {
                unsupported.add(member + " (not yet supported: " + ts.displayName() + ")");
                continue;
            }
            List<byte[]> frames = DecodedFrames.all(file);
            if (first == null) {
                first = frames;
                firstName = member;
                firstTolerance = tolerance(ts);
                continue;
            }
            FrameComparison c = FrameComparison.of(first, frames, ImagePixelDescription.from(file.dataset()));
            long tolerance = Math.max(firstTolerance, tolerance(ts));
            assertTrue(c.identical() || c.maxAbsError() <= tolerance, member + " differs from " + firstName + ": " + c);
        }
        if (!unsupported.isEmpty()) {
            System.out.println("family of " + members.get(0) + ": skipped " + unsupported);
        }
        assumeTrue(first != null && members.size() - unsupported.size() >= 2, "fewer than two members decodable yet");
    }

    /** A lossy member may differ from a family decoded by another implementation as much as from its reference. */
    private static long tolerance(TransferSyntax ts) {
        return ts == null ? 0 : LOSSY_TOLERANCE.getOrDefault(ts, 0L);
    }

    private static void note(TransferSyntax ts, String outcome, String file) {
        REPORT.computeIfAbsent(ts.uid() + " " + ts.displayName() + ": " + outcome, k -> new ArrayList<>()).add(file);
    }

    @AfterAll
    static void printReport() {
        StringBuilder text = new StringBuilder("Corpus decode report (transfer syntax: outcome, files)\n");
        REPORT.forEach((key, files) -> text.append("  ").append(key).append(": ").append(files.size())
                .append(files.size() <= 12 ? " " + files : "").append('\n'));
        System.out.print(text);
    }
}
