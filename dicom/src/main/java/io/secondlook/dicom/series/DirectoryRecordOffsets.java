package io.secondlook.dicom.series;

import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.VR;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the byte offset (from the start of the file, as DICOMDIR offsets count) of every item of the Directory
 * Record Sequence by walking the raw element structure: the parsed {@code Dataset} keeps no positions. Returns
 * null when the structure cannot be walked (deflated, truncated, inconsistent); the caller then links records by
 * their order.
 */
final class DirectoryRecordOffsets {
    private static final int DIRECTORY_RECORD_SEQUENCE = 0x00041220;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_DEPTH = 32;

    private final byte[] data;
    private int pos;
    private boolean explicit = true;
    private boolean bigEndian;

    private DirectoryRecordOffsets(byte[] data) {
        this.data = data;
    }

    static long[] find(byte[] data) {
        try {
            return new DirectoryRecordOffsets(data).walk();
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private long[] walk() {
        if (data.length < 132 || data[128] != 'D' || data[129] != 'I' || data[130] != 'C' || data[131] != 'M') {
            return null;
        }
        pos = 132;
        String tsUid = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
        while (pos + 8 <= data.length && u16(pos) == 0x0002) {
            int tag = tag();
            long length = header();
            if (tag == 0x00020010) {
                tsUid = new String(data, pos, (int) length, StandardCharsets.US_ASCII).replace("\0", "").strip();
            }
            skip(length);
        }
        TransferSyntax ts = TransferSyntax.fromUid(tsUid).orElse(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        if (ts.deflated()) {
            return null;
        }
        explicit = ts.explicitVr();
        bigEndian = ts.bigEndian();
        while (pos + 8 <= data.length) {
            int tag = tag();
            long length = header();
            if (tag == DIRECTORY_RECORD_SEQUENCE) {
                return items(length);
            }
            skipValue(length, 0);
        }
        return null;
    }

    private long[] items(long length) {
        List<Long> offsets = new ArrayList<>();
        walkItems(length == UNDEFINED ? Long.MAX_VALUE : pos + length, 0, offsets);
        return offsets.stream().mapToLong(Long::longValue).toArray();
    }

    /** Walks the items of a sequence up to {@code end} or its delimiter, noting where each starts when asked. */
    private void walkItems(long end, int depth, List<Long> offsets) {
        while (pos < end) {
            int start = pos;
            int tag = tag();
            long itemLength = u32(pos);
            pos += 4;
            if (tag == SEQUENCE_DELIMITER) {
                return;
            }
            if (tag != ITEM) {
                throw new IllegalStateException("not an item");
            }
            if (offsets != null) {
                offsets.add((long) start);
            }
            skipItem(itemLength, depth + 1);
        }
    }

    private void skipItem(long length, int depth) {
        if (length != UNDEFINED) {
            skip(length);
            return;
        }
        while (true) {
            int tag = tag();
            if (tag == ITEM_DELIMITER) {
                pos += 4;
                return;
            }
            skipValue(header(), depth);
        }
    }

    private void skipValue(long length, int depth) {
        if (length != UNDEFINED) {
            skip(length);
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("nested too deep");
        }
        walkItems(Long.MAX_VALUE, depth, null);
    }

    /** Reads an element's tag (advancing 4 bytes). */
    private int tag() {
        int tag = u16(pos) << 16 | u16(pos + 2);
        pos += 4;
        return tag;
    }

    /** Reads the VR (when explicit) and the length after a tag. */
    private long header() {
        if (explicit && !(u16(pos - 4) == 0xFFFE)) {
            VR vr = VR.fromCode(data[pos] & 0xFF, data[pos + 1] & 0xFF);
            if (vr != null && vr.hasLongLength()) {
                long length = u32(pos + 4);
                pos += 8;
                return length;
            }
            int length = u16(pos + 2);
            pos += 4;
            return length;
        }
        long length = u32(pos);
        pos += 4;
        return length;
    }

    private void skip(long length) {
        if (length < 0 || pos + length > data.length) {
            throw new IllegalStateException("value beyond the end");
        }
        pos += (int) length;
    }

    private int u16(int at) {
        int a = data[at] & 0xFF;
        int b = data[at + 1] & 0xFF;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    private long u32(int at) {
        long a = u16(at);
        long b = u16(at + 2);
        return bigEndian ? (a << 16) | b : (b << 16) | a;
    }
}
