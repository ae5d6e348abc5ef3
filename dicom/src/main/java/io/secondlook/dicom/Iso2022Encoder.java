package io.secondlook.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Encodes text with ISO 2022 code extensions (PS3.5 6.1.2.5.3), the inverse of {@link Iso2022Decoder}: each
 * character goes into the set already invoked when it can, else into the first declared set that holds it, with
 * that set's escape sequence first. Before a value delimiter ({@code \}), a control character (CR, LF, FF, TAB),
 * the end of the value and, in person names, {@code ^} and {@code =}, G0 returns to the set of value 1, where a
 * decoder resets both G0 and G1.
 */
final class Iso2022Encoder {
    private static final Charset EUC_JP = Charset.forName("EUC-JP");
    private static final Charset EUC_KR = Charset.forName("EUC-KR");
    private static final Charset GB2312 = Charset.forName("GB2312");
    private static final byte ESC = 0x1B;

    private enum Kind {
        ASCII, JIS_ROMAJI, JIS_X0208, JIS_X0212, KATAKANA, KS_X1001, GB2312, SINGLE_BYTE
    }

    /** A graphic set one term declares, the register it goes to and the escape sequence (after ESC) naming it. */
    private record CodeSet(Kind kind, boolean g0, String escape, Charset charset) {
    }

    private static final CodeSet ASCII = new CodeSet(Kind.ASCII, true, "(B", null);
    private static final CodeSet ROMAJI = new CodeSet(Kind.JIS_ROMAJI, true, "(J", null);
    private static final CodeSet KATAKANA = new CodeSet(Kind.KATAKANA, false, ")I", null);

    private Iso2022Encoder() {
    }

    /** @throws UnencodableTextException naming the first character that no declared set holds */
    static byte[] encode(String text, List<String> terms, boolean personName) {
        List<CodeSet> declared = new ArrayList<>();
        for (String term : terms) {
            declared.addAll(sets(term));
        }
        String first = terms.isEmpty() ? "" : terms.get(0).strip().toUpperCase(Locale.ROOT);
        CodeSet initialG0 = first.equals("ISO 2022 IR 13") ? ROMAJI : ASCII;
        CodeSet initialG1 = sets(first).stream().filter(s -> !s.g0()).findFirst().orElse(null);
        CodeSet g0 = initialG0;
        CodeSet g1 = initialG1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 2);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x80) {
                boolean delimiter = c == '\\' || c == '\r' || c == '\n' || c == '\t' || c == '\f'
                        || (personName && (c == '^' || c == '='));
                if (delimiter || g0.kind() != Kind.ASCII && g0.kind() != Kind.JIS_ROMAJI) {
                    if (g0 != initialG0) {
                        designate(out, initialG0);
                        g0 = initialG0;
                    }
                }
                out.write(c);
                if (delimiter) {
                    g1 = initialG1;
                }
                continue;
            }
            byte[] bytes = g1 == null ? null : bytes(g1, c);
            if (bytes == null) {
                bytes = bytes(g0, c);
                if (bytes == null) {
                    CodeSet holder = null;
                    for (CodeSet s : declared) {
                        bytes = bytes(s, c);
                        if (bytes != null) {
                            holder = s;
                            break;
                        }
                    }
                    if (holder == null) {
                        throw new UnencodableTextException(describe(c) + " is in none of its code extensions");
                    }
                    designate(out, holder);
                    if (holder.g0()) {
                        g0 = holder;
                    } else {
                        g1 = holder;
                    }
                }
            }
            out.writeBytes(bytes);
        }
        if (g0 != initialG0) {
            designate(out, initialG0);
        }
        return out.toByteArray();
    }

    static String describe(int c) {
        return String.format(Locale.ROOT, "'%s' (U+%04X)", new String(Character.toChars(c)), c);
    }

    private static void designate(ByteArrayOutputStream out, CodeSet set) {
        out.write(ESC);
        out.writeBytes(set.escape().getBytes(StandardCharsets.US_ASCII));
    }

    /** The sets a term of (0008,0005) declares; ASCII in G0 comes with every term but ISO 2022 IR 13. */
    private static List<CodeSet> sets(String term) {
        String t = term.strip().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "", "ISO 2022 IR 6", "ISO_IR 6" -> List.of(ASCII);
            case "ISO 2022 IR 13", "ISO_IR 13" -> List.of(ROMAJI, KATAKANA);
            case "ISO 2022 IR 87" -> List.of(new CodeSet(Kind.JIS_X0208, true, "$B", EUC_JP));
            case "ISO 2022 IR 159" -> List.of(new CodeSet(Kind.JIS_X0212, true, "$(D", EUC_JP));
            case "ISO 2022 IR 149" -> List.of(new CodeSet(Kind.KS_X1001, false, "$)C", EUC_KR));
            case "ISO 2022 IR 58" -> List.of(new CodeSet(Kind.GB2312, false, "$)A", GB2312));
            default -> {
                String escape = SINGLE_BYTE_ESCAPES.get(t.replace("ISO_IR ", "ISO 2022 IR "));
                yield escape == null ? List.of(ASCII) : List.of(ASCII, new CodeSet(Kind.SINGLE_BYTE, false, escape,
                        Charset.forName(SpecificCharacterSet.of(t).charsetName())));
            }
        };
    }

    private static final Map<String, String> SINGLE_BYTE_ESCAPES = Map.ofEntries(
            Map.entry("ISO 2022 IR 100", "-A"), Map.entry("ISO 2022 IR 101", "-B"),
            Map.entry("ISO 2022 IR 109", "-C"), Map.entry("ISO 2022 IR 110", "-D"),
            Map.entry("ISO 2022 IR 144", "-L"), Map.entry("ISO 2022 IR 127", "-G"),
            Map.entry("ISO 2022 IR 126", "-F"), Map.entry("ISO 2022 IR 138", "-H"),
            Map.entry("ISO 2022 IR 148", "-M"), Map.entry("ISO 2022 IR 203", "-b"),
            Map.entry("ISO 2022 IR 166", "-T"));

    /** The bytes of {@code c} in {@code set}, or null when the set does not hold it. */
    private static byte[] bytes(CodeSet set, int c) {
        switch (set.kind()) {
            case ASCII, JIS_ROMAJI -> {
                return null; // ASCII characters are written before any set is looked up
            }
            case KATAKANA -> {
                return c >= 0xFF61 && c <= 0xFF9F ? new byte[] {(byte) (0xA1 + c - 0xFF61)} : null;
            }
            default -> {
                byte[] coded = encodeStrict(set.charset(), c);
                if (coded == null) {
                    return null;
                }
                return switch (set.kind()) {
                    case SINGLE_BYTE -> coded.length == 1 && (coded[0] & 0xFF) >= 0xA0 ? coded : null;
                    case KS_X1001, GB2312 -> coded.length == 2 && (coded[0] & 0xFF) >= 0xA1 && (coded[1] & 0xFF) >= 0xA1
                            ? coded : null;
                    case JIS_X0208 -> coded.length == 2 && (coded[0] & 0xFF) >= 0xA1
                            ? new byte[] {(byte) (coded[0] & 0x7F), (byte) (coded[1] & 0x7F)} : null;
                    case JIS_X0212 -> coded.length == 3 && (coded[0] & 0xFF) == 0x8F
                            ? new byte[] {(byte) (coded[1] & 0x7F), (byte) (coded[2] & 0x7F)} : null;
                    default -> null;
                };
            }
        }
    }

    private static byte[] encodeStrict(Charset charset, int c) {
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer b = encoder.encode(CharBuffer.wrap(Character.toChars(c)));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
