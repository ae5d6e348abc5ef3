package io.secondlook.dicom;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * dcmdump-style text of a file or data set: one line per element,
 * {@code (0010,0010) PN [Doe^John]                        #   8, 1 PatientName}, items indented two spaces per
 * level, long values shortened to 70 characters with "...". Sequences and items are shown as they would be
 * re-encoded (undefined length with delimiters), since their original lengths are not kept.
 */
public final class DicomDumper {
    private static final int LINE_LIMIT = 70;
    private static final int VALUE_COLUMN = 40;

    private DicomDumper() {
    }

    /** The whole file: meta header, data set, then the reader's warnings as "W:" lines. */
    public static String dump(DicomFile file) {
        StringBuilder out = new StringBuilder();
        out.append("\n# Dicom-File-Format\n\n# Dicom-Meta-Information-Header\n# Used TransferSyntax: Little Endian Explicit\n");
        appendDataset(out, file.fileMeta(), 0);
        out.append("\n# Dicom-Data-Set\n# Used TransferSyntax: ")
                .append(TransferSyntax.fromUid(file.transferSyntaxUid()).map(TransferSyntax::displayName)
                        .orElse(file.transferSyntaxUid()))
                .append('\n');
        appendDataset(out, file.dataset(), 0);
        for (String warning : file.warnings()) {
            out.append("W: ").append(warning).append('\n');
        }
        return out.toString();
    }

    /** The elements of a data set, nested items included. */
    public static String dump(Dataset dataset) {
        StringBuilder out = new StringBuilder();
        appendDataset(out, dataset, 0);
        return out.toString();
    }

    /** One element's line, as dcmdump prints it (without nested items). */
    public static String line(Dataset owner, DicomElement e) {
        StringBuilder out = new StringBuilder();
        appendElement(out, owner, e, 0, false);
        return out.toString().split("\n", 2)[0];
    }

    private static void appendDataset(StringBuilder out, Dataset ds, int level) {
        for (DicomElement e : ds.elements()) {
            appendElement(out, ds, e, level, true);
        }
    }

    private static void appendElement(StringBuilder out, Dataset owner, DicomElement e, int level, boolean nested) {
        String keyword = keyword(e.tag());
        if (e.isSequence()) {
            List<Dataset> items = e.items();
            appendLine(out, level, e.tag(), "SQ", "(Sequence with undefined length #=" + items.size() + ")", -1, 1, keyword);
            if (!nested) {
                return;
            }
            for (Dataset item : items) {
                appendLine(out, level + 1, Tag.Item, "na", "(Item with undefined length #=" + item.size() + ")", -1, 1, "Item");
                appendDataset(out, item, level + 2);
                appendLine(out, level + 1, Tag.ItemDelimitationItem, "na", "(ItemDelimitationItem)", 0, 0, "ItemDelimitationItem");
            }
            appendLine(out, level, Tag.SequenceDelimitationItem, "na", "(SequenceDelimitationItem)", 0, 0, "SequenceDelimitationItem");
            return;
        }
        if (e.isEncapsulated()) {
            EncapsulatedPixelData px = (EncapsulatedPixelData) e.value();
            appendLine(out, level, e.tag(), e.vr().name(), "(PixelSequence #=" + (px.fragments().size() + 1) + ")", -1, 1, keyword);
            if (!nested) {
                return;
            }
            List<byte[]> items = new ArrayList<>();
            items.add(px.basicOffsetTable());
            items.addAll(px.fragments());
            for (byte[] item : items) {
                String text = item.length == 0 ? "(no value available)" : binaryText(item, 1);
                appendLine(out, level + 1, Tag.Item, "pi", text, item.length, 1, "Item");
            }
            appendLine(out, level, Tag.SequenceDelimitationItem, "na", "(SequenceDelimitationItem)", 0, 0, "SequenceDelimitationItem");
            return;
        }
        byte[] bytes = e.bytes();
        String text;
        int vm;
        VR vr = e.vr();
        if (bytes.length == 0) {
            text = "(no value available)";
            vm = 0;
        } else if (vr.isText()) {
            String value = vr.usesSpecificCharacterSet() ? owner.charset().decode(bytes, vr == VR.PN)
                    : new String(bytes, StandardCharsets.ISO_8859_1);
            value = Dataset.stripTrailing(value);
            boolean single = vr == VR.LT || vr == VR.ST || vr == VR.UT || vr == VR.UR;
            vm = value.isEmpty() ? 0 : single ? 1 : value.split("\\\\", -1).length;
            text = value.isEmpty() ? "(no value available)" : "[" + value + "]";
        } else {
            text = switch (vr) {
                case OB, UN -> binaryText(bytes, 1);
                case OW -> binaryText(bytes, 2);
                case OL -> binaryText(bytes, 4);
                case OV -> binaryText(bytes, 8);
                default -> numbers(owner, e);
            };
            vm = switch (vr) {
                case OB, UN, OW, OL, OV, OF, OD -> 1;
                default -> bytes.length / vr.valueSize();
            };
        }
        // the length as written: odd values are padded to even length, as dcmtk does when it loads them
        appendLine(out, level, e.tag(), vr.name(), text, bytes.length + (bytes.length & 1), vm, keyword);
    }

    /** dcmdump's name: the keyword, prefixed with RETIRED_ for retired attributes. */
    private static String keyword(int tag) {
        boolean retired = DicomDictionary.lookup(tag).map(DicomDictionary.Entry::retired).orElse(false);
        return (retired ? "RETIRED_" : "") + DicomDictionary.keyword(tag);
    }

    private static void appendLine(StringBuilder out, int level, int tag, String vr, String text, long length, int vm, String keyword) {
        out.append("  ".repeat(level)).append(Tag.toString(tag)).append(' ').append(vr).append(' ');
        if (text.length() > LINE_LIMIT) {
            text = text.substring(0, LINE_LIMIT - 3) + "...";
        }
        out.append(text);
        if (text.length() < VALUE_COLUMN) {
            out.append(" ".repeat(VALUE_COLUMN - text.length()));
        }
        out.append(" # ");
        out.append(length < 0 ? "u/l" : String.format(Locale.ROOT, "%3d", length));
        out.append(',').append(String.format(Locale.ROOT, "%2d", vm)).append(' ').append(keyword).append('\n');
    }

    /** Hex values of {@code size} bytes each, "00\01", shortened after as many values as fit the line. */
    private static String binaryText(byte[] bytes, int size) {
        int count = bytes.length / size;
        int width = size * 2 + 1;
        boolean shorten = count * width - 1 > LINE_LIMIT;
        int shown = shorten ? (LINE_LIMIT - 3) / width : count;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append('\\');
            }
            for (int b = size - 1; b >= 0; b--) {
                sb.append(String.format(Locale.ROOT, "%02x", bytes[i * size + b] & 0xFF));
            }
        }
        return shorten ? sb + "..." : sb.toString();
    }

    /** Numeric values joined with backslashes; as dcmdump, stops with "..." before a value that would not fit. */
    private static String numbers(Dataset owner, DicomElement e) {
        ByteBuffer buf = ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        List<String> values = new ArrayList<>();
        switch (e.vr()) {
            case FL, OF -> { while (buf.remaining() >= 4) values.add(formatG(buf.getFloat(), 9)); }
            case FD, OD -> { while (buf.remaining() >= 8) values.add(formatG(buf.getDouble(), 17)); }
            default -> {
                Dataset holder = new Dataset();
                holder.put(e);
                values.addAll(List.of(holder.getStrings(e.tag())));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            int needed = sb.length() + (sb.length() > 0 ? 1 : 0) + v.length();
            if (needed > LINE_LIMIT - 3) {
                return sb + "...";
            }
            if (sb.length() > 0) {
                sb.append('\\');
            }
            sb.append(v);
        }
        return sb.toString();
    }

    /** C's %.{precision}g, as dcmtk prints FL (9) and FD (17) values. */
    static String formatG(double v, int precision) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.toPlainString();
            return m + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
