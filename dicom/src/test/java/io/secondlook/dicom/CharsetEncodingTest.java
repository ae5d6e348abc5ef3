package io.secondlook.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.secondlook.dicom.pixel.ExternalTools;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text written through {@link Dataset#setString} in the data set's Specific Character Set: every charset file of
 * the corpus re-encoded value by value must give the original bytes (where those are canonical), decode the same
 * in dcmtk and pydicom, and validate no worse in dciodvfy; generated values cover the sets the corpus lacks.
 */
class CharsetEncodingTest {
    /**
     * Values whose original bytes are not the canonical encoding, with the reason. Everything else must come back
     * byte for byte.
     */
    private static final String ROMAJI_RETURN = "its item returns G0 with ESC ( B (ASCII) where value 1, ISO 2022 IR 13,"
            + " makes JIS X 0201 Romaji, ESC ( J, the initial set (as chrH32.dcm does)";
    private static final Map<String, String> NOT_CANONICAL = Map.of(
            "chrKoreanMulti.dcm", "ends each value with ESC ( B although G0 never left ASCII (KS X 1001 is in G1)",
            "chrSQEncoding.dcm", ROMAJI_RETURN,
            "chrSQEncoding1.dcm", ROMAJI_RETURN);
    private static final Pattern DUMP_TEXT = Pattern.compile("^\\s*\\((\\p{XDigit}{4},\\p{XDigit}{4})\\) (PN|LO|SH|ST|LT|UT|UC) \\[(.*)\\]");

    @TempDir
    Path tmp;

    static List<String> charsetFiles() {
        return Corpus.dicomFiles("charset").stream().map(p -> p.getFileName().toString()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charsetFiles")
    void corpusValuesReencodeToTheirOriginalBytes(String name) throws Exception {
        Path original = Corpus.dicom("charset/" + name);
        DicomFile file = DicomReader.read(original);
        List<String> differing = new ArrayList<>();
        int reencoded = reencode(file.dataset(), "", differing);
        assertTrue(reencoded > 0, name + " has text to re-encode");
        if (NOT_CANONICAL.containsKey(name)) {
            assertTrue(!differing.isEmpty(), name + " was expected to differ: " + NOT_CANONICAL.get(name));
        } else {
            assertEquals(List.of(), differing, name + ": re-encoded values differ from the original bytes");
        }
        Path ours = tmp.resolve(name);
        DicomWriter.write(ours, file.fileMeta(), file.dataset(),
                TransferSyntax.fromUid(file.transferSyntaxUid()).orElseThrow());

        assertEquals(texts(DicomReader.read(original).dataset(), ""), texts(DicomReader.read(ours).dataset(), ""),
                "our reader decodes the same strings");
        assertEquals(pydicomTexts(original), pydicomTexts(ours), "pydicom decodes the same strings");
        boolean iso2022 = file.dataset().charset().usesCodeExtensions()
                || name.equals("chrSQEncoding.dcm") || name.equals("chrSQEncoding1.dcm");
        if (!iso2022) { // dcmtk here converts with glibc iconv, which has no ISO 2022 IR 87/149
            assertEquals(dcmdumpTexts(original), dcmdumpTexts(ours), "dcmdump +U8 shows the same strings");
        }
        assertTrue(errors(original).containsAll(errors(ours)),
                "dciodvfy finds no new error: ours " + errors(ours) + ", original " + errors(original));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\\ISO 2022 IR 87|Yamada^Tarou=山田^太郎=やまだ^たろう|chrH31.dcm",
            "ISO 2022 IR 13\\ISO 2022 IR 87|ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう|chrH32.dcm",
            "\\ISO 2022 IR 149|Hong^Gildong=洪^吉洞=홍^길동|chrI2.dcm",
            "GB18030|Wang^XiaoDong=王^小东=|chrX2.dcm",
            "ISO_IR 192|Wang^XiaoDong=王^小東=|chrX1.dcm",
    })
    void standardExamplesEncodeAsPs35AnnexesShow(String charset, String name, String file) throws Exception {
        byte[] expected = DicomReader.read(Corpus.dicom("charset/" + file)).dataset().get(Tag.PatientName).bytes();
        Dataset ds = new Dataset().setString(Tag.SpecificCharacterSet, VR.CS, charset.split("\\\\", -1));
        ds.setString(Tag.PatientName, VR.PN, name);
        assertArrayEquals(stripPadding(expected), ds.get(Tag.PatientName).bytes());
    }

    @Test
    void codeExtensionsSwitchAndReturnAtEveryDelimiter() {
        Dataset ds = new Dataset().setString(Tag.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 87", "ISO 2022 IR 159");
        ds.setString(Tag.StudyDescription, VR.LO, "CT 山田", "やまだ 丂");
        // JIS X 0212 (IR 159) holds U+4E02 where JIS X 0208 does not
        assertArrayEquals(bytes("CT \u001b$B;3ED\u001b(B\\\u001b$B$d$^$@\u001b(B \u001b$(D0!\u001b(B"),
                ds.get(Tag.StudyDescription).bytes());
        assertEquals(List.of("CT 山田", "やまだ 丂"), List.of(ds.getStrings(Tag.StudyDescription)));

        ds.setString(Tag.of(0x0010, 0x4000), VR.LT, "山田\r\nやまだ\tOK");
        assertArrayEquals(bytes("\u001b$B;3ED\u001b(B\r\n\u001b$B$d$^$@\u001b(B\tOK"), ds.get(Tag.of(0x0010, 0x4000)).bytes());

        Dataset chinese = new Dataset().setString(Tag.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 58");
        chinese.setString(Tag.PatientName, VR.PN, "Zhang^San=张^三");
        assertArrayEquals(bytes("Zhang^San=\u001b$)A\u00d5\u00c5^\u001b$)A\u00c8\u00fd"), chinese.get(Tag.PatientName).bytes());
        assertEquals("Zhang^San=张^三", chinese.getString(Tag.PatientName));

        Dataset latinGreek = new Dataset().setString(Tag.SpecificCharacterSet, VR.CS, "ISO 2022 IR 100", "ISO 2022 IR 126");
        latinGreek.setString(Tag.PatientName, VR.PN, "Jérôme^Διονυσιος=Ä");
        // value 1's Latin-1 is in G1 from the start; Greek needs its escape, and after '=' Latin-1 is back
        byte[] greek = "Διονυσιος".getBytes(Charset.forName("ISO-8859-7"));
        byte[] expected = concat(bytes("J\u00e9r\u00f4me^\u001b-F"), greek, bytes("=\u00c4"));
        assertArrayEquals(expected, latinGreek.get(Tag.PatientName).bytes());
        assertEquals("Jérôme^Διονυσιος=Ä", latinGreek.getString(Tag.PatientName));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ISO_IR 100|ISO-8859-1|Jérôme^Müller",
            "ISO_IR 101|ISO-8859-2|Dvořák^Łukasz",
            "ISO_IR 109|ISO-8859-3|Ħal^Ġużeppi",
            "ISO_IR 110|ISO-8859-4|Ķēniņš^Ģirts",
            "ISO_IR 144|ISO-8859-5|Люксембург^Иван",
            "ISO_IR 127|ISO-8859-6|قباني^لنزار",
            "ISO_IR 126|ISO-8859-7|Διονυσιος^Ζορμπάς",
            "ISO_IR 138|ISO-8859-8|שרון^דבורה",
            "ISO_IR 148|ISO-8859-9|Şahin^Güneş",
            "ISO_IR 166|TIS-620|สมชาย^ใจดี",
            "ISO_IR 13|JIS_X0201|ﾔﾏﾀﾞ^ﾀﾛｳ",
            "ISO_IR 192|UTF-8|Wang^小東=홍^길동",
            "GB18030|GB18030|王^小东=\uD840\uDC00",
            "GBK|GBK|王^小东",
    })
    void singleSetsEncodeWithTheirCharset(String term, String javaCharset, String name) {
        Dataset ds = new Dataset().setString(Tag.SpecificCharacterSet, VR.CS, term);
        ds.setString(Tag.PatientName, VR.PN, name);
        assertArrayEquals(name.getBytes(Charset.forName(javaCharset)), ds.get(Tag.PatientName).bytes());
        assertEquals(name, ds.getString(Tag.PatientName));
    }

    @Test
    void textOutsideTheDeclaredSetIsRefusedNamingElementAndSet() {
        Dataset latin = new Dataset().setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        UnencodableTextException e = assertThrows(UnencodableTextException.class,
                () -> latin.setString(Tag.PatientName, VR.PN, "Yamada^山田"));
        assertTrue(e.getMessage().contains("(0010,0010)") && e.getMessage().contains("PatientName")
                && e.getMessage().contains("ISO_IR 100") && e.getMessage().contains("U+5C71"), e.getMessage());
        assertTrue(latin.get(Tag.PatientName) == null, "nothing is written");

        Dataset japanese = new Dataset().setString(Tag.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 87");
        e = assertThrows(UnencodableTextException.class,
                () -> japanese.setString(Tag.InstitutionName, VR.LO, "홍길동"));
        assertTrue(e.getMessage().contains("InstitutionName") && e.getMessage().contains("\\ISO 2022 IR 87")
                && e.getMessage().contains("U+D64D"), e.getMessage());

        Dataset plain = new Dataset();
        e = assertThrows(UnencodableTextException.class, () -> plain.setString(Tag.PatientName, VR.PN, "王"));
        assertTrue(e.getMessage().contains("ISO_IR 6"), e.getMessage());
    }

    /** Sets every text value again through the API; returns how many, listing those whose bytes changed. */
    private static int reencode(Dataset ds, String path, List<String> differing) {
        int count = 0;
        for (DicomElement e : new ArrayList<>(ds.elements())) {
            if (e.isSequence()) {
                for (int i = 0; i < e.items().size(); i++) {
                    count += reencode(e.items().get(i), path + Tag.toString(e.tag()) + "[" + i + "]", differing);
                }
                continue;
            }
            if (!e.vr().usesSpecificCharacterSet() || e.bytes() == null || e.bytes().length == 0) {
                continue;
            }
            byte[] before = stripPadding(e.bytes());
            ds.setString(e.tag(), e.vr(), ds.getStrings(e.tag()));
            byte[] after = ds.get(e.tag()).bytes();
            if (!Arrays.equals(before, after)) {
                differing.add(path + Tag.toString(e.tag()) + ": " + escaped(before) + " -> " + escaped(after));
            }
            count++;
        }
        return count;
    }

    private static Map<String, List<String>> texts(Dataset ds, String path) {
        Map<String, List<String>> out = new TreeMap<>();
        for (DicomElement e : ds.elements()) {
            if (e.isSequence()) {
                for (int i = 0; i < e.items().size(); i++) {
                    out.putAll(texts(e.items().get(i), path + Tag.toString(e.tag()) + "[" + i + "]"));
                }
            } else if (e.vr().usesSpecificCharacterSet()) {
                out.put(path + Tag.toString(e.tag()), List.of(ds.getStrings(e.tag())));
            }
        }
        return out;
    }

    private static String pydicomTexts(Path file) throws Exception {
        String script = String.join("\n",
                "import sys, pydicom",
                "def walk(ds, path):",
                "    for e in ds:",
                "        if e.VR == 'SQ':",
                "            for i, item in enumerate(e.value):",
                "                walk(item, path + str(e.tag) + '[%d]' % i)",
                "        elif e.VR in ('PN', 'LO', 'SH', 'ST', 'LT', 'UT', 'UC'):",
                "            print(path + str(e.tag), repr(str(e.value)))",
                "walk(pydicom.dcmread(sys.argv[1]), '')");
        return new String(ExternalTools.run(List.of("/usr/bin/python3", "-c", script, file.toString())),
                StandardCharsets.UTF_8);
    }

    private static List<String> dcmdumpTexts(Path file) throws Exception {
        assumeTrue(ExternalTools.onPath("dcmdump") != null, "dcmdump (dcmtk) not installed");
        String dump = new String(ExternalTools.run(List.of("dcmdump", "+U8", "+L", file.toString())),
                StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String line : dump.split("\n")) {
            Matcher m = DUMP_TEXT.matcher(line);
            if (m.find()) {
                out.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
            }
        }
        return out;
    }

    private static List<String> errors(Path file) throws Exception {
        assumeTrue(ExternalTools.onPath("dciodvfy") != null, "dciodvfy (dicom3tools) not installed");
        Process p = new ProcessBuilder("dciodvfy", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        p.waitFor();
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith("Error")).toList();
    }

    private static byte[] stripPadding(byte[] value) {
        int n = value.length;
        while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == 0)) {
            n--;
        }
        return Arrays.copyOf(value, n);
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static String escaped(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            int v = x & 0xFF;
            s.append(v >= 0x20 && v < 0x7F ? String.valueOf((char) v) : String.format("\\x%02x", v));
        }
        return s.toString();
    }
}
