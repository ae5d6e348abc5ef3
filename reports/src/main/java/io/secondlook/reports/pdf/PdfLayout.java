package io.secondlook.reports.pdf;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Flows text, fields and an image down A4 pages, starting a new page when one is full. */
final class PdfLayout implements Closeable {

    static final float MARGIN = 50;
    static final float FOOTER_HEIGHT = 36;
    private static final float LEADING = 1.3f;

    private final PDDocument document;
    private final ReportFonts fonts;
    private PDPageContentStream stream;
    private float y;

    PdfLayout(PDDocument document, ReportFonts fonts) {
        this.document = document;
        this.fonts = fonts;
    }

    float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    private void newPage() throws IOException {
        close();
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        stream = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** Starts a new page unless {@code height} points still fit above the footer. */
    void ensureSpace(float height) throws IOException {
        if (stream == null || y - height < MARGIN + FOOTER_HEIGHT) {
            newPage();
        }
    }

    void gap(float points) {
        y -= points;
    }

    /** A wrapped paragraph, indented by {@code indent} points. */
    void paragraph(String text, PDFont font, float size, float indent) throws IOException {
        String printable = PdfText.printable(text, font);
        for (String line : PdfText.wrap(printable, font, size, width() - indent)) {
            line(line, font, size, MARGIN + indent);
        }
    }

    /** "Label  value" with the label in bold in a fixed column and the value wrapped beside it. */
    void field(String label, String value, float labelWidth) throws IOException {
        float size = 10;
        String printableLabel = PdfText.printable(label, fonts.bold());
        List<String> lines = PdfText.wrap(PdfText.printable(value == null || value.isBlank() ? "-" : value,
                fonts.regular()), fonts.regular(), size, width() - labelWidth);
        ensureSpace(size * LEADING * lines.size());
        show(printableLabel, fonts.bold(), size, MARGIN, y - size);
        for (String line : lines) {
            line(line, fonts.regular(), size, MARGIN + labelWidth);
        }
    }

    /** A section heading with a rule under it, kept on the page of what follows it. */
    void heading(String text) throws IOException {
        float size = 12;
        ensureSpace(size * LEADING + 40);
        gap(6);
        line(PdfText.printable(text, fonts.bold()), fonts.bold(), size, MARGIN);
        stream.setLineWidth(0.5f);
        stream.moveTo(MARGIN, y - 2);
        stream.lineTo(MARGIN + width(), y - 2);
        stream.stroke();
        gap(6);
    }

    /** The image scaled to fit {@code width() x maxHeight} with its aspect ratio kept, centred, then a caption. */
    void image(PDImageXObject image, float maxHeight, String caption) throws IOException {
        float[] size = fit(image.getWidth(), image.getHeight(), width(), maxHeight);
        ensureSpace(size[1] + 24);
        y -= size[1];
        stream.drawImage(image, MARGIN + (width() - size[0]) / 2, y, size[0], size[1]);
        gap(4);
        if (caption != null && !caption.isBlank()) {
            paragraph(caption, fonts.italic(), 9, 0);
        }
    }

    /** Width and height of {@code w x h} scaled to fit inside {@code maxW x maxH}, aspect ratio kept. */
    static float[] fit(int w, int h, float maxW, float maxH) {
        float scale = Math.min(maxW / w, maxH / h);
        return new float[] {w * scale, h * scale};
    }

    private void line(String printable, PDFont font, float size, float x) throws IOException {
        ensureSpace(size * LEADING);
        show(printable, font, size, x, y - size);
        y -= size * LEADING;
    }

    private void show(String printable, PDFont font, float size, float x, float baseline) throws IOException {
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(x, baseline);
        stream.showText(printable);
        stream.endText();
    }

    /** Writes {@code left} and "page i of n" at the foot of every page. */
    static void footers(PDDocument document, ReportFonts fonts, String left) throws IOException {
        int count = document.getNumberOfPages();
        float size = 8;
        String printableLeft = PdfText.printable(left, fonts.italic());
        for (int i = 0; i < count; i++) {
            PDPage page = document.getPage(i);
            try (PDPageContentStream footer = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                float baseline = MARGIN - 10;
                footer.beginText();
                footer.setFont(fonts.italic(), size);
                footer.newLineAtOffset(MARGIN, baseline + size * LEADING);
                footer.showText(printableLeft);
                footer.endText();
                footer.beginText();
                footer.setFont(fonts.regular(), size);
                footer.newLineAtOffset(MARGIN, baseline);
                footer.showText("SecondLook - page " + (i + 1) + " of " + count);
                footer.endText();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
