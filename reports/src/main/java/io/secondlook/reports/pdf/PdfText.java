package io.secondlook.reports.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;

/** Makes text printable in a given font and wraps it to a width. */
final class PdfText {

    static final char REPLACEMENT = '?';

    private PdfText() {
    }

    /**
     * Keeps what the font can show; a character it cannot show becomes its unaccented base letter where that
     * exists, otherwise {@value #REPLACEMENT}. Line breaks and tabs become spaces.
     */
    static String printable(String text, PDFont font) {
        if (text == null) {
            return "";
        }
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length());
        composed.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                out.append(' ');
            } else if (canShow(font, cp)) {
                out.appendCodePoint(cp);
            } else {
                String base = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
                int first = base.codePointAt(0);
                out.appendCodePoint(first != cp && canShow(font, first) ? first : REPLACEMENT);
            }
        });
        return out.toString();
    }

    private static boolean canShow(PDFont font, int codePoint) {
        try {
            font.encode(Character.toString(codePoint));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    static float width(String printable, PDFont font, float size) {
        try {
            return font.getStringWidth(printable) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Greedy word wrap of printable text; a word longer than a line is broken. */
    static List<String> wrap(String printable, PDFont font, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable.trim().split(" +")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate, font, size) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (width(word, font, size) > maxWidth && word.length() > 1) {
                int cut = word.length() - 1;
                while (cut > 1 && width(word.substring(0, cut), font, size) > maxWidth) {
                    cut--;
                }
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            line.append(word);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
