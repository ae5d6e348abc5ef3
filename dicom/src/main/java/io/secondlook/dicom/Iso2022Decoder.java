package io.secondlook.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Decodes text that uses ISO 2022 code extensions (PS3.5 section 6.1.2.5): escape sequences switch the G0 set
 * (ASCII, JIS X 0201 Romaji, JIS X 0208, JIS X 0212) and the G1 set (the ISO 8859 parts, JIS X 0201 Katakana,
 * KS X 1001, GB 2312). The initial state comes from the first value of Specific Character Set and is restored
 * at each value delimiter, control character and, in person names, at '^' and '='.
 */
final class Iso2022Decoder {
    private static final Charset EUC_JP = Charset.forName("EUC-JP");
    private static final Charset EUC_KR = Charset.forName("EUC-KR");
    private static final Charset GB2312 = Charset.forName("GB2312");

    /** A graphic character set: how many bytes a character takes and how to decode it. */
    private enum CodeSet {
        ASCII, JIS_ROMAJI, JIS_X0208, JIS_X0212, KATAKANA, KS_X1001, GB2312, SINGLE_BYTE
    }

    private static final class State {
        CodeSet g0 = CodeSet.ASCII;
        CodeSet g1 = CodeSet.SINGLE_BYTE;
        Charset g1Charset = StandardCharsets.ISO_8859_1;
    }

    private Iso2022Decoder() {
    }

    static String decode(byte[] bytes, List<String> terms, boolean personName) {
        State initial = initialState(terms.isEmpty() ? "" : terms.get(0));
        State s = copy(initial);
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b == 0x1B) {
                int consumed = escape(bytes, i, s);
                if (consumed > 0) {
                    i += consumed;
                    continue;
                }
                out.append('\u001b');
                i++;
                continue;
            }
            if (b < 0x80) {
                // '^' and '=' can be bytes of a two-byte character, so pairs are taken before delimiters are looked for
                if ((s.g0 == CodeSet.JIS_X0208 || s.g0 == CodeSet.JIS_X0212) && b >= 0x21 && i + 1 < bytes.length) {
                    byte[] euc = s.g0 == CodeSet.JIS_X0208
                            ? new byte[] {(byte) (b | 0x80), (byte) (bytes[i + 1] | 0x80)}
                            : new byte[] {(byte) 0x8F, (byte) (b | 0x80), (byte) (bytes[i + 1] | 0x80)};
                    out.append(new String(euc, EUC_JP));
                    i += 2;
                    continue;
                }
                boolean delimiter = b == '\\' || b == '\r' || b == '\n' || b == '\t' || b == '\f'
                        || (personName && (b == '^' || b == '='));
                if (delimiter || b < 0x20) {
                    out.append((char) b);
                    if (delimiter) {
                        s = copy(initial);
                    }
                    i++;
                    continue;
                }
                out.append((char) b); // JIS X 0201 Romaji read as ASCII, as dcmtk and pydicom do
                i++;
                continue;
            }
            switch (s.g1) {
                case KATAKANA -> {
                    out.append(b >= 0xA1 && b <= 0xDF ? (char) (0xFF61 + b - 0xA1) : '\ufffd');
                    i++;
                }
                case KS_X1001, GB2312 -> {
                    if (i + 1 < bytes.length) {
                        out.append(new String(bytes, i, 2, s.g1 == CodeSet.KS_X1001 ? EUC_KR : GB2312));
                        i += 2;
                    } else {
                        out.append('\ufffd');
                        i++;
                    }
                }
                default -> {
                    out.append(new String(bytes, i, 1, s.g1Charset));
                    i++;
                }
            }
        }
        return out.toString();
    }

    private static State initialState(String firstTerm) {
        State s = new State();
        String term = firstTerm.strip().toUpperCase(Locale.ROOT);
        switch (term) {
            case "ISO 2022 IR 13", "ISO_IR 13" -> {
                s.g0 = CodeSet.JIS_ROMAJI;
                s.g1 = CodeSet.KATAKANA;
            }
            case "ISO 2022 IR 149" -> s.g1 = CodeSet.KS_X1001;
            case "ISO 2022 IR 58" -> s.g1 = CodeSet.GB2312;
            case "", "ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159" -> {
                // ASCII in G0, nothing designated to G1 until an escape sequence
            }
            default -> {
                String name = SpecificCharacterSet.of(term).charsetName();
                s.g1Charset = Charset.forName(name);
            }
        }
        return s;
    }

    private static State copy(State from) {
        State s = new State();
        s.g0 = from.g0;
        s.g1 = from.g1;
        s.g1Charset = from.g1Charset;
        return s;
    }

    /** An escape sequence (without ESC) and the set it designates to G0 or G1. */
    private record Designation(String sequence, boolean g0, CodeSet set, String charset) {
    }

    private static final List<Designation> DESIGNATIONS = List.of(
            new Designation("(B", true, CodeSet.ASCII, null),
            new Designation("(J", true, CodeSet.JIS_ROMAJI, null),
            new Designation("$B", true, CodeSet.JIS_X0208, null),
            new Designation("$@", true, CodeSet.JIS_X0208, null),
            new Designation("$(D", true, CodeSet.JIS_X0212, null),
            new Designation(")I", false, CodeSet.KATAKANA, null),
            new Designation("$)C", false, CodeSet.KS_X1001, null),
            new Designation("$)A", false, CodeSet.GB2312, null),
            new Designation("-A", false, CodeSet.SINGLE_BYTE, "ISO-8859-1"),
            new Designation("-B", false, CodeSet.SINGLE_BYTE, "ISO-8859-2"),
            new Designation("-C", false, CodeSet.SINGLE_BYTE, "ISO-8859-3"),
            new Designation("-D", false, CodeSet.SINGLE_BYTE, "ISO-8859-4"),
            new Designation("-L", false, CodeSet.SINGLE_BYTE, "ISO-8859-5"),
            new Designation("-G", false, CodeSet.SINGLE_BYTE, "ISO-8859-6"),
            new Designation("-F", false, CodeSet.SINGLE_BYTE, "ISO-8859-7"),
            new Designation("-H", false, CodeSet.SINGLE_BYTE, "ISO-8859-8"),
            new Designation("-M", false, CodeSet.SINGLE_BYTE, "ISO-8859-9"),
            new Designation("-b", false, CodeSet.SINGLE_BYTE, "ISO-8859-15"),
            new Designation("-T", false, CodeSet.SINGLE_BYTE, "TIS-620"));

    /** Applies the escape sequence at {@code i}; returns its length, or 0 when it is not one we know. */
    private static int escape(byte[] b, int i, State s) {
        String seq = new String(b, i + 1, Math.min(3, b.length - i - 1), StandardCharsets.ISO_8859_1);
        for (Designation d : DESIGNATIONS) {
            if (seq.startsWith(d.sequence())) {
                if (d.g0()) {
                    s.g0 = d.set();
                } else {
                    s.g1 = d.set();
                    if (d.charset() != null) {
                        s.g1Charset = Charset.forName(d.charset());
                    }
                }
                return d.sequence().length() + 1;
            }
        }
        return 0;
    }
}
