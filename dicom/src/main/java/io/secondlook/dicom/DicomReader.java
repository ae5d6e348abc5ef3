package io.secondlook.dicom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads DICOM Part 10 files (and bare data sets without preamble or meta header, as dcmtk does): the File Meta
 * Information in Explicit VR Little Endian, then the data set in Implicit VR LE, Explicit VR LE, Explicit VR BE
 * (binary values swapped so the {@link Dataset} stays little-endian) or Deflated Explicit VR LE.
 *
 * <p>Malformed input never escapes as a runtime exception: recoverable problems (odd lengths, a truncated value,
 * a missing delimiter) give a partial data set with warnings; the rest a {@link DicomException} naming the file,
 * the byte offset and the element.
 */
public final class DicomReader {
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_DEPTH = 64;

    /** @param stopBeforePixelData stop at the top-level Pixel Data (header-only indexing); its bytes are not read */
    public record ReadOptions(boolean stopBeforePixelData) {
        public static final ReadOptions DEFAULT = new ReadOptions(false);
        public static final ReadOptions HEADER_ONLY = new ReadOptions(true);
    }

    /** Thrown when the input is not DICOM at all (no DICM prefix and no plausible first element). */
    public static final class NotDicomException extends DicomException {
        private static final long serialVersionUID = 1L;

        NotDicomException(String message) {
            super(message);
        }
    }

    private record Encoding(boolean explicitVr, boolean bigEndian) {
        static final Encoding IMPLICIT_LE = new Encoding(false, false);
        static final Encoding EXPLICIT_LE = new Encoding(true, false);
        static final Encoding EXPLICIT_BE = new Encoding(true, true);
    }

    private enum Stop { END, ITEM_DELIMITER, SEQUENCE_DELIMITER, TRUNCATED }

    private final String sourceName;
    private final ReadOptions options;
    private final List<String> warnings = new ArrayList<>();
    private ByteInput in;
    private String offsetNote = "";
    private int currentTag = -1;

    private DicomReader(String sourceName, ReadOptions options) {
        this.sourceName = sourceName;
        this.options = options;
    }

    public static DicomFile read(Path file) throws DicomException {
        return read(file, ReadOptions.DEFAULT);
    }

    public static DicomFile read(Path file, ReadOptions options) throws DicomException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16 && !options.stopBeforePixelData()) {
                throw new DicomException(file + ": files larger than 2 GiB are not supported (" + size + " bytes)");
            }
            int initial = options.stopBeforePixelData() ? (int) Math.min(size, 1 << 16) : (int) size;
            DicomReader reader = new DicomReader(file.toString(), options);
            return reader.parse(new ByteInput(channel, size, initial), file);
        } catch (NoSuchFileException e) {
            throw new DicomException(file + ": no such file", e);
        } catch (IOException e) {
            throw new DicomException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static DicomFile read(InputStream stream, String sourceName, ReadOptions options) throws DicomException {
        DicomReader reader = new DicomReader(sourceName, options);
        try {
            return reader.parse(new ByteInput(Channels.newChannel(stream), -1, 1 << 16), null);
        } catch (IOException e) {
            throw new DicomException(sourceName + ": cannot read: " + e.getMessage(), e);
        }
    }

    // ---- top level ---------------------------------------------------------------------------------------------

    private DicomFile parse(ByteInput input, Path source) throws DicomException, IOException {
        this.in = input;
        try {
            return parseFile(source);
        } catch (DicomException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new DicomException(sourceName + ": cannot parse at " + location() + ": " + e, e);
        }
    }

    private DicomFile parseFile(Path source) throws DicomException, IOException {
        Dataset meta = new Dataset();
        boolean hasMeta = false;
        if (in.has(132) && in.u8(128) == 'D' && in.u8(129) == 'I' && in.u8(130) == 'C' && in.u8(131) == 'M') {
            in.pos = 132;
            hasMeta = true;
        } else if (in.has(4) && in.u8(0) == 'D' && in.u8(1) == 'I' && in.u8(2) == 'C' && in.u8(3) == 'M') {
            in.pos = 4;
            hasMeta = true;
        } else if (in.has(8) && in.peekU16(0, false) == 0x0002) {
            warnings.add("No preamble and no DICM prefix: reading the File Meta Information at offset 0");
            hasMeta = true;
        }
        if (hasMeta) {
            readMeta(meta);
        }
        String tsUid = meta.getString(Tag.TransferSyntaxUID);
        Encoding enc;
        boolean deflated = false;
        if (tsUid == null) {
            enc = detectEncoding(hasMeta);
            if (enc == null) {
                if (in.atEnd() && hasMeta) {
                    return new DicomFile(source, meta, new Dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), warnings);
                }
                throw new NotDicomException(sourceName + ": not a DICOM file (no DICM prefix and no recognisable data element at offset " + in.pos + ")");
            }
            tsUid = enc.explicitVr()
                    ? (enc.bigEndian() ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).uid()
                    : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
            if (hasMeta) {
                warnings.add("No Transfer Syntax UID in the meta header; detected " + TransferSyntax.describe(tsUid));
            }
        } else {
            TransferSyntax ts = TransferSyntax.fromUid(tsUid).orElse(null);
            if (ts == null) {
                warnings.add("Unknown transfer syntax " + tsUid + "; reading the data set as Explicit VR Little Endian");
                enc = Encoding.EXPLICIT_LE;
            } else {
                enc = ts.explicitVr() ? (ts.bigEndian() ? Encoding.EXPLICIT_BE : Encoding.EXPLICIT_LE) : Encoding.IMPLICIT_LE;
                deflated = ts.deflated();
            }
        }
        if (deflated) {
            inflateRest();
        } else if (enc.explicitVr()) {
            Encoding detected = detectEncoding(false);
            if (detected != null && !detected.explicitVr()) {
                warnings.add(TransferSyntax.describe(tsUid) + " declared, but the data set is Implicit VR Little Endian; reading it as such");
                enc = detected;
            }
        }
        Dataset dataset = new Dataset();
        Stop stop = readDataset(dataset, -1, enc, 0, true);
        if (stop == Stop.ITEM_DELIMITER || stop == Stop.SEQUENCE_DELIMITER) {
            warnings.add("Unexpected delimiter at top level");
        }
        return new DicomFile(source, meta, dataset, tsUid.strip(), warnings);
    }

    private void readMeta(Dataset meta) throws DicomException, IOException {
        while (in.has(8) && in.peekU16(in.pos, false) == 0x0002) {
            Stop stop = readElement(meta, Encoding.EXPLICIT_LE, 0, false);
            if (stop == Stop.TRUNCATED) {
                throw new DicomException(sourceName + ": File Meta Information truncated at " + location());
            }
        }
        if (!meta.contains(Tag.FileMetaInformationGroupLength) && !meta.isEmpty()) {
            warnings.add("No Group Length available in Meta Information Header");
        }
    }

    /**
     * Guesses the encoding of a data set from its first element, as dcmtk does for files without meta header.
     * With {@code anyGroup} (the file had a DICM prefix) any first group is accepted, else only the usual ones.
     */
    private Encoding detectEncoding(boolean anyGroup) throws IOException {
        if (!in.has(8)) {
            return null;
        }
        int p = in.pos;
        boolean vrValid = VR.fromCode(in.u8(p + 4), in.u8(p + 5)) != null;
        int groupLe = in.peekU16(p, false);
        int groupBe = in.peekU16(p, true);
        if (anyGroup && !plausibleFirstGroup(groupBe)) {
            return vrValid ? Encoding.EXPLICIT_LE : Encoding.IMPLICIT_LE;
        }
        if (plausibleFirstGroup(groupLe)) {
            return vrValid ? Encoding.EXPLICIT_LE : Encoding.IMPLICIT_LE;
        }
        if (plausibleFirstGroup(groupBe) && vrValid) {
            return Encoding.EXPLICIT_BE;
        }
        return null;
    }

    private static boolean plausibleFirstGroup(int group) {
        return group == 0x0000 || group == 0x0002 || group == 0x0004 || group == 0x0008 || group == 0x0010
                || group == 0x0018 || group == 0x0020 || group == 0x0028;
    }

    private void inflateRest() throws IOException {
        byte[] head = in.loadedRest();
        InputStream raw = new ByteArrayInputStream(head);
        if (in.channel() != null) {
            raw = new SequenceInputStream(raw, Channels.newInputStream(in.channel()));
        }
        // Some writers wrap the deflate stream in a zlib header; accept both.
        boolean zlib = head.length >= 2 && (head[0] & 0x0F) == 8 && (((head[0] & 0xFF) << 8) | (head[1] & 0xFF)) % 31 == 0;
        if (zlib) {
            warnings.add("Deflated data set has a zlib header (expected raw deflate)");
        }
        InputStream inflated = new InflaterInputStream(raw, new Inflater(!zlib), 1 << 16);
        in = new ByteInput(Channels.newChannel(inflated), -1, 1 << 16);
        offsetNote = " of the inflated data set";
    }

    // ---- data sets and elements ------------------------------------------------------------------------------

    /** Reads elements until {@code end} (or a delimiter or the end of data when end is -1). */
    private Stop readDataset(Dataset ds, long end, Encoding enc, int depth, boolean topLevel) throws DicomException, IOException {
        if (depth > MAX_DEPTH) {
            throw new DicomException(sourceName + ": sequences nested deeper than " + MAX_DEPTH + " levels at " + location());
        }
        while (true) {
            if (end >= 0 && in.pos >= end) {
                return Stop.END;
            }
            if (!in.has(1)) {
                if (end >= 0 || depth > 0) {
                    warnings.add("Reached end of data before the end of " + (depth > 0 ? "an item" : "the data set") + " at " + location());
                    return Stop.TRUNCATED;
                }
                return Stop.END;
            }
            if (!in.has(8)) {
                long left = in.remaining();
                warnings.add(left + " trailing byte(s) after the last element at " + location() + " ignored");
                in.pos += (int) Math.min(left, Integer.MAX_VALUE);
                return depth > 0 ? Stop.TRUNCATED : Stop.END;
            }
            int tag = peekTag(enc);
            if (topLevel && options.stopBeforePixelData() && isPixelDataTag(tag)) {
                return Stop.END;
            }
            if (tag == Tag.ItemDelimitationItem || tag == Tag.SequenceDelimitationItem) {
                in.pos += 8;
                if (tag == Tag.ItemDelimitationItem && depth > 0 && end < 0) {
                    return Stop.ITEM_DELIMITER;
                }
                if (tag == Tag.SequenceDelimitationItem && depth > 0 && end < 0) {
                    warnings.add("Item Delimitation Item missing before " + Tag.toString(tag) + " at " + location());
                    return Stop.SEQUENCE_DELIMITER;
                }
                warnings.add("Unexpected delimiter " + Tag.toString(tag) + " at offset " + (in.pos - 8) + offsetNote + " ignored");
                continue;
            }
            Stop stop = readElement(ds, enc, depth, topLevel);
            if (stop == Stop.TRUNCATED) {
                return stop;
            }
        }
    }

    private int peekTag(Encoding enc) {
        int group = in.peekU16(in.pos, enc.bigEndian());
        int element = in.peekU16(in.pos + 2, enc.bigEndian());
        return (group << 16) | element;
    }

    private static boolean isPixelDataTag(int tag) {
        return tag == Tag.PixelData || tag == Tag.FloatPixelData || tag == Tag.DoubleFloatPixelData;
    }

    /** Reads one element header and value (8 bytes of header are known to be available). */
    private Stop readElement(Dataset ds, Encoding enc, int depth, boolean topLevel) throws DicomException, IOException {
        int start = in.pos;
        int tag = peekTag(enc);
        currentTag = tag;
        in.pos += 4;
        VR vr;
        long length;
        if (enc.explicitVr() && Tag.group(tag) != 0xFFFE) {
            int c0 = in.u8(in.pos);
            int c1 = in.u8(in.pos + 1);
            vr = VR.fromCode(c0, c1);
            if (vr == null) {
                // Not a standard VR: like dcmtk, assume a 2-byte length field and take the dictionary's VR.
                vr = DicomDictionary.vrOf(tag);
                warnings.add(String.format(Locale.ROOT, "Non-standard VR %02x\\%02x for %s at offset %d%s; assuming a 2-byte length, VR %s",
                        c0, c1, Tag.toString(tag), start, offsetNote, vr));
                in.pos += 2;
                length = in.u16(enc.bigEndian());
            } else if (vr.hasLongLength()) {
                if (!in.has(8)) {
                    return truncated("element header", tag, start, 12);
                }
                in.pos += 4;
                length = in.u32(enc.bigEndian());
            } else {
                in.pos += 2;
                length = in.u16(enc.bigEndian());
            }
        } else {
            length = in.u32(enc.bigEndian());
            vr = implicitVr(ds, tag, length);
        }
        if (length == UNDEFINED) {
            return readUndefinedLength(ds, tag, vr, enc, depth, start);
        }
        if (vr == VR.SQ) {
            return readDefinedSequence(ds, tag, length, enc, depth, start);
        }
        if (!in.has(length)) {
            return truncated(DicomDictionary.keyword(tag), tag, start, length);
        }
        if ((length & 1) != 0) {
            warnings.add("Length of element " + Tag.toString(tag) + " is not a multiple of 2 (VR=" + vr + ")");
        }
        byte[] value = in.take((int) length);
        if (enc.bigEndian()) {
            swap(value, vr.valueSize());
        }
        ds.put(new DicomElement(tag, vr, value));
        return Stop.END;
    }

    private VR implicitVr(Dataset ds, int tag, long length) {
        if (tag == Tag.PixelData) {
            return length == UNDEFINED ? VR.OB : VR.OW;
        }
        if (Tag.group(tag) == 0xFFFE) {
            return VR.UN;
        }
        var entry = DicomDictionary.lookup(tag);
        if (entry.isPresent() && entry.get().vrs().startsWith("US or SS")) {
            return ds.getInt(Tag.PixelRepresentation, 0) == 1 ? VR.SS : VR.US;
        }
        if (entry.isPresent() && entry.get().vrs().equals("OB or OW")) {
            return VR.OW;
        }
        return DicomDictionary.vrOf(tag);
    }

    private Stop truncated(String what, int tag, int start, long length) {
        warnings.add(String.format(Locale.ROOT, "%s: %s %s at offset %d%s larger (%d) than remaining bytes (%d); data set read up to there",
                sourceName, what, Tag.toString(tag), start, offsetNote, length, in.remaining()));
        in.pos = start;
        return Stop.TRUNCATED;
    }

    private Stop readUndefinedLength(Dataset ds, int tag, VR vr, Encoding enc, int depth, int start) throws DicomException, IOException {
        if (tag == Tag.PixelData) {
            return readEncapsulated(ds, tag, vr, enc, start);
        }
        Encoding itemEnc = enc;
        if (vr == VR.UN && enc.explicitVr()) {
            warnings.add("Found element " + Tag.toString(tag)
                    + " with VR UN and undefined length, reading a sequence with transfer syntax LittleEndianImplicit (CP-246)");
            itemEnc = Encoding.IMPLICIT_LE;
        } else if (vr != VR.SQ && vr != VR.UN) {
            warnings.add("Element " + Tag.toString(tag) + " (VR " + vr + ") has undefined length; reading it as a sequence");
        }
        List<Dataset> items = new ArrayList<>();
        Stop stop = readItems(items, -1, itemEnc, ds.charset(), depth, tag);
        ds.put(new DicomElement(tag, VR.SQ, items));
        return stop == Stop.TRUNCATED ? Stop.TRUNCATED : Stop.END;
    }

    private Stop readDefinedSequence(Dataset ds, int tag, long length, Encoding enc, int depth, int start) throws DicomException, IOException {
        if (!in.has(length)) {
            warnings.add(String.format(Locale.ROOT, "Sequence %s at offset %d%s is longer (%d) than the remaining bytes (%d)",
                    Tag.toString(tag), start, offsetNote, length, in.remaining()));
        }
        long end = in.pos + length;
        List<Dataset> items = new ArrayList<>();
        Stop stop = readItems(items, end, enc, ds.charset(), depth, tag);
        ds.put(new DicomElement(tag, VR.SQ, items));
        return stop == Stop.TRUNCATED ? Stop.TRUNCATED : Stop.END;
    }

    /** Reads the items of a sequence that ends at {@code end}, or at its delimiter when end is -1. */
    private Stop readItems(List<Dataset> items, long end, Encoding enc, SpecificCharacterSet charset, int depth, int seqTag)
            throws DicomException, IOException {
        while (end < 0 || in.pos < end) {
            if (!in.has(8)) {
                warnings.add("Reached end of data before the end of sequence " + DicomDictionary.keyword(seqTag) + " "
                        + Tag.toString(seqTag) + " at " + location());
                return Stop.TRUNCATED;
            }
            int itemStart = in.pos;
            int tag = peekTag(enc);
            in.pos += 4;
            long length = in.u32(enc.bigEndian());
            if (tag == Tag.SequenceDelimitationItem) {
                if (end >= 0) {
                    warnings.add("Sequence Delimitation Item in a sequence of defined length at offset " + itemStart + offsetNote);
                    continue;
                }
                return Stop.END;
            }
            if (tag != Tag.Item) {
                warnings.add("Expected an item in sequence " + Tag.toString(seqTag) + " but found " + Tag.toString(tag)
                        + " at offset " + itemStart + offsetNote + "; sequence ends there");
                in.pos = itemStart;
                if (end >= 0) {
                    in.pos = (int) Math.min(end, itemStart + in.remaining());
                }
                return Stop.END;
            }
            Dataset item = new Dataset();
            item.inheritCharset(charset);
            items.add(item);
            Stop stop;
            if (length == UNDEFINED) {
                stop = readDataset(item, -1, enc, depth + 1, false);
                if (stop == Stop.SEQUENCE_DELIMITER) {
                    return Stop.END;
                }
            } else {
                long itemEnd = in.pos + length;
                if (end >= 0 && itemEnd > end) {
                    warnings.add("Item at offset " + itemStart + offsetNote + " extends beyond its sequence " + Tag.toString(seqTag));
                }
                stop = readDataset(item, itemEnd, enc, depth + 1, false);
            }
            if (stop == Stop.TRUNCATED) {
                return stop;
            }
        }
        return Stop.END;
    }

    private Stop readEncapsulated(Dataset ds, int tag, VR vr, Encoding enc, int start) throws IOException {
        byte[] offsetTable = null;
        List<byte[]> fragments = new ArrayList<>();
        Stop result = Stop.END;
        while (true) {
            if (!in.has(8)) {
                warnings.add("Reached end of data before the end of sequence PixelData (7fe0,0010); Sequence Delimitation Item missing");
                result = Stop.TRUNCATED;
                break;
            }
            int itemStart = in.pos;
            int itemTag = peekTag(enc);
            in.pos += 4;
            long length = in.u32(enc.bigEndian());
            if (itemTag == Tag.SequenceDelimitationItem) {
                break;
            }
            if (itemTag != Tag.Item || length == UNDEFINED) {
                warnings.add("Unexpected " + Tag.toString(itemTag) + " in encapsulated Pixel Data at offset " + itemStart + offsetNote);
                in.pos = itemStart;
                result = Stop.TRUNCATED;
                break;
            }
            if (!in.has(length)) {
                warnings.add(String.format(Locale.ROOT, "Pixel Data fragment at offset %d%s larger (%d) than remaining bytes (%d)",
                        itemStart, offsetNote, length, in.remaining()));
                in.pos = itemStart;
                result = Stop.TRUNCATED;
                break;
            }
            byte[] value = in.take((int) length);
            if (offsetTable == null) {
                offsetTable = value;
            } else {
                fragments.add(value);
            }
        }
        ds.put(new DicomElement(tag, VR.OB, new EncapsulatedPixelData(offsetTable, fragments)));
        return result;
    }

    private static void swap(byte[] value, int size) {
        if (size <= 1) {
            return;
        }
        for (int i = 0; i + size <= value.length; i += size) {
            for (int a = i, b = i + size - 1; a < b; a++, b--) {
                byte t = value[a];
                value[a] = value[b];
                value[b] = t;
            }
        }
    }

    private String location() {
        return "offset " + in.pos + offsetNote + (currentTag == -1 ? "" : " (element " + Tag.toString(currentTag) + ")");
    }
}
