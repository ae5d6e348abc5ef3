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

    /** Applies the escape sequence at {@code i}; returns its length, or 0 when it is not one we know. */
    private static int escape(byte[] b, int i, State s) {
        String seq = new String(b, i + 1, Math.min(3, b.length - i - 1), StandardCharsets.ISO_8859_1);
        if (seq.startsWith("(B")) {
            s.g0 = CodeSet.ASCII;
            return 3;
        }
        if (seq.startsWith("(J")) {
            s.g0 = CodeSet.JIS_ROMAJI;
            return 3;
        }
        if (seq.startsWith("$B") || seq.startsWith("$@")) {
            s.g0 = CodeSet.JIS_X0208;
            return 3;
        }
        if (seq.startsWith("$(D")) {
            s.g0 = CodeSet.JIS_X0212;
            return 4;
        }
        if (seq.startsWith(")I")) {
            s.g1 = CodeSet.KATAKANA;
            return 3;
        }
        if (seq.startsWith("$)C")) {
            s.g1 = CodeSet.KS_X1001;
            return 4;
        }
        if (seq.startsWith("$)A")) {
            s.g1 = CodeSet.GB2312;
            return 4;
        }
        if (seq.length() >= 2 && seq.charAt(0) == '-') {
            String charset = switch (seq.charAt(1)) {
                case 'A' -> "ISO-8859-1";
                case 'B' -> "ISO-8859-2";
                case 'C' -> "ISO-8859-3";
                case 'D' -> "ISO-8859-4";
                case 'L' -> "ISO-8859-5";
                case 'G' -> "ISO-8859-6";
                case 'F' -> "ISO-8859-7";
                case 'H' -> "ISO-8859-8";
                case 'M' -> "ISO-8859-9";
                case 'b' -> "ISO-8859-15";
                case 'T' -> "x-TIS-620";
                default -> null;
            };
            if (charset != null) {
                s.g1 = CodeSet.SINGLE_BYTE;
                s.g1Charset = Charset.forName(charset);
                return 3;
            }
        }
        return 0;
    }
}
