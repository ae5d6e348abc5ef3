package io.secondlook.reports.pdf;

import java.io.IOException;
import java.io.InputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The report's fonts. Free text (names, comments, labels) uses Liberation Sans, which PDFBox ships (SIL OFL),
 * embedded as a subset so accented Latin, Greek and Cyrillic names print; headings use standard Helvetica.
 */
record ReportFonts(PDFont regular, PDFont bold, PDFont italic) {

    private static final String LIBERATION_SANS = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    static ReportFonts load(PDDocument document) throws IOException {
        PDFont regular;
        try (InputStream ttf = PDFont.class.getResourceAsStream(LIBERATION_SANS)) {
            regular = ttf == null
                    ? new PDType1Font(Standard14Fonts.FontName.HELVETICA)
                    : PDType0Font.load(document, ttf, true);
        }
        return new ReportFonts(regular, new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE));
    }
}
