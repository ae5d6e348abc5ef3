package io.secondlook.dicom;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Specific Character Set (0008,0005): decodes and encodes the text of LO, LT, PN, SH, ST, UC and UT values.
 * Single-byte and Unicode terms map to one Java charset; ISO 2022 code extensions are handled by
 * {@link Iso2022Decoder} and {@link Iso2022Encoder} when present.
 */
public final class SpecificCharacterSet {
    /** ISO-IR 6 (ASCII). Bytes above 0x7F are read as Latin-1 so a mislabelled file still shows text. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of(), StandardCharsets.ISO_8859_1);

    private static final Map<String, String> CHARSETS = Map.ofEntries(
            Map.entry("ISO_IR 6", "ISO-8859-1"), Map.entry("ISO 2022 IR 6", "ISO-8859-1"),
            Map.entry("ISO_IR 100", "ISO-8859-1"), Map.entry("ISO 2022 IR 100", "ISO-8859-1"),
            Map.entry("ISO_IR 101", "ISO-8859-2"), Map.entry("ISO 2022 IR 101", "ISO-8859-2"),
            Map.entry("ISO_IR 109", "ISO-8859-3"), Map.entry("ISO 2022 IR 109", "ISO-8859-3"),
            Map.entry("ISO_IR 110", "ISO-8859-4"), Map.entry("ISO 2022 IR 110", "ISO-8859-4"),
            Map.entry("ISO_IR 144", "ISO-8859-5"), Map.entry("ISO 2022 IR 144", "ISO-8859-5"),
            Map.entry("ISO_IR 127", "ISO-8859-6"), Map.entry("ISO 2022 IR 127", "ISO-8859-6"),
            Map.entry("ISO_IR 126", "ISO-8859-7"), Map.entry("ISO 2022 IR 126", "ISO-8859-7"),
            Map.entry("ISO_IR 138", "ISO-8859-8"), Map.entry("ISO 2022 IR 138", "ISO-8859-8"),
            Map.entry("ISO_IR 148", "ISO-8859-9"), Map.entry("ISO 2022 IR 148", "ISO-8859-9"),
            Map.entry("ISO_IR 203", "ISO-8859-15"), Map.entry("ISO 2022 IR 203", "ISO-8859-15"),
            Map.entry("ISO_IR 13", "JIS_X0201"), Map.entry("ISO 2022 IR 13", "JIS_X0201"),
            Map.entry("ISO_IR 166", "TIS-620"), Map.entry("ISO 2022 IR 166", "TIS-620"),
            Map.entry("ISO_IR 192", "UTF-8"),
            Map.entry("GB18030", "GB18030"),
            Map.entry("GBK", "GBK"));

    private final List<String> terms;
    private final Charset primary;

    private SpecificCharacterSet(List<String> terms, Charset primary) {
        this.terms = terms;
        this.primary = primary;
    }

    /** The character set named by the values of (0008,0005); unknown terms fall back to the default repertoire. */
    public static SpecificCharacterSet of(String... values) {
        List<String> terms = Arrays.stream(values).map(String::strip).toList();
        if (terms.isEmpty() || terms.stream().allMatch(String::isEmpty)) {
            return DEFAULT;
        }
        String first = terms.get(0).isEmpty() ? "ISO_IR 6" : terms.get(0).toUpperCase(Locale.ROOT);
        String name = CHARSETS.getOrDefault(first, "ISO-8859-1");
        return new SpecificCharacterSet(terms, Charset.forName(name));
    }

    /** The Java charset name for the first term (text without code extensions). */
    public String charsetName() {
        return primary.name();
    }

    public List<String> terms() {
        return terms;
    }

    /** Whether code extensions (escape sequences) may switch character sets inside a value. */
    public boolean usesCodeExtensions() {
        return terms.size() > 1 || terms.stream().anyMatch(t -> t.startsWith("ISO 2022"));
    }

    /** Decodes a value; for person names the escape state resets at each component group ('=') and '^'. */
    public String decode(byte[] bytes, boolean personName) {
        if (usesCodeExtensions()) {
            return Iso2022Decoder.decode(bytes, terms, personName);
        }
        return new String(bytes, primary);
    }

    public byte[] encode(String text) {
        return encode(text, false);
    }

    /**
     * Encodes a value (several joined by backslashes): with code extensions, escape sequences switch sets as
     * needed and return to the initial set before delimiters ('^' and '=' too in person names) and at the end.
     * Without a Specific Character Set, text is written as Latin-1, as it is read.
     *
     * @throws UnencodableTextException naming the first character the character set cannot encode
     */
    public byte[] encode(String text, boolean personName) {
        if (usesCodeExtensions()) {
            return Iso2022Encoder.encode(text, terms, personName);
        }
        CharsetEncoder encoder = primary.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(text));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            int bad = text.codePoints().filter(c -> !primary.newEncoder().canEncode(new String(Character.toChars(c))))
                    .findFirst().orElse(0xFFFD);
            throw new UnencodableTextException(Iso2022Encoder.describe(bad) + " is not in its repertoire");
        }
    }

    @Override
    public String toString() {
        return terms.isEmpty() ? "ISO_IR 6" : String.join("\\", terms);
    }
}
