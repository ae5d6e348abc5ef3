package io.secondlook.dicom.codec.jpegls;

import io.secondlook.dicom.DicomException;

/**
 * Walks the markers of a JPEG-LS codestream (T.87 Annex C): SOI, SOF55, LSE, DRI, SOS with its scan, EOI;
 * APPn, COM and other segments are skipped. {@link #readFrame()} stops at the first scan so the caller can
 * check the frame against the DICOM header; {@link #decode} then decodes every scan into the output.
 */
final class JpegLsCodestream {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DRI = 0xDD;
    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;
    private static final int APP8 = 0xE8;
    private static final int RST0 = 0xD0;

    private final byte[] data;
    private int pos;
    private JpegLsFrame frame;
    private JpegLsPreset preset = JpegLsPreset.DEFAULTS;
    private int restartInterval;
    private int oversizeRows;
    private int oversizeColumns;

    JpegLsCodestream(byte[] data) {
        this.data = data;
    }

    /** Reads the markers up to the first SOS and returns the frame header. */
    JpegLsFrame readFrame() throws DicomException {
        if (data.length < 4 || u8(0) != 0xFF || u8(1) != SOI) {
            throw new DicomException("Not a JPEG-LS codestream: no SOI marker at the start");
        }
        pos = 2;
        while (true) {
            int marker = nextMarker();
            if (marker == SOS) {
                pos -= 2;
                break;
            }
            if (marker == EOI) {
                throw new DicomException("JPEG-LS codestream ends (EOI) before any scan");
            }
            segment(marker);
        }
        if (frame == null) {
            throw new DicomException("JPEG-LS codestream has no SOF55 frame header before its first scan");
        }
        if (frame.rows() == 0 || frame.columns() == 0) {
            throw new DicomException("JPEG-LS frame size " + frame.columns() + "x" + frame.rows() + " is not defined");
        }
        return frame;
    }

    /**
     * Decodes every scan into {@code out}: row-major, the frame's components interleaved per pixel, each sample
     * a little-endian integer of {@code bytesPerSample} bytes.
     */
    void decode(byte[] out, int bytesPerSample) throws DicomException {
        JpegLsSampleSink sink = new JpegLsSampleSink(out, bytesPerSample, frame);
        boolean[] decoded = new boolean[frame.components()];
        while (true) {
            if (pos >= data.length - 1 && allTrue(decoded)) {
                return; // EOI missing after the last scan: tolerated, as every sample is there
            }
            int marker = nextMarker();
            if (marker == EOI) {
                break;
            }
            if (marker == SOS) {
                scan(sink, decoded);
            } else {
                segment(marker);
            }
        }
        for (int i = 0; i < decoded.length; i++) {
            if (!decoded[i]) {
                throw new DicomException("JPEG-LS codestream has no scan for component " + frame.componentIds()[i]);
            }
        }
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    /** The next marker code after {@code pos}, skipping fill bytes (0xFF). */
    private int nextMarker() throws DicomException {
        if (pos >= data.length || u8(pos) != 0xFF) {
            throw new DicomException("JPEG-LS codestream: expected a marker at offset " + pos
                    + (pos >= data.length ? " (end of data)" : ""));
        }
        while (pos < data.length && u8(pos) == 0xFF) {
            pos++;
        }
        if (pos >= data.length) {
            throw new DicomException("JPEG-LS codestream ends inside a marker");
        }
        return u8(pos++);
    }

    /** A marker segment other than SOS and EOI; on return {@code pos} is past it. */
    private void segment(int marker) throws DicomException {
        if (marker == SOI || marker >= RST0 && marker < RST0 + 8 || marker == 0x01) {
            throw new DicomException("JPEG-LS codestream: unexpected marker FF" + hex(marker) + " at offset " + (pos - 2));
        }
        int start = pos;
        int length = segmentLength();
        switch (marker) {
            case SOF55 -> frame(start, length);
            case LSE -> presetParameters(start, length);
            case DRI -> restartInterval(start, length);
            case APP8 -> colourTransform(start, length);
            default -> {
                if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    throw new DicomException("Codestream is JPEG (SOF" + (marker - 0xC0) + "), not JPEG-LS");
                }
            }
        }
        pos = start + length;
    }

    private int segmentLength() throws DicomException {
        if (pos + 2 > data.length) {
            throw new DicomException("JPEG-LS codestream ends inside a marker segment at offset " + pos);
        }
        int length = u16(pos);
        if (length < 2 || pos + length > data.length) {
            throw new DicomException("JPEG-LS marker segment at offset " + pos + " has length " + length
                    + " but " + (data.length - pos) + " bytes remain");
        }
        return length;
    }

    private void frame(int start, int length) throws DicomException {
        if (frame != null) {
            throw new DicomException("JPEG-LS codestream has a second SOF55 frame header");
        }
        if (length < 8) {
            throw new DicomException("JPEG-LS SOF55 segment too short (" + length + " bytes)");
        }
        int precision = u8(start + 2);
        int rows = u16(start + 3);
        int columns = u16(start + 5);
        int components = u8(start + 7);
        if (precision < 2 || precision > 16) {
            throw new DicomException("JPEG-LS sample precision " + precision + " is outside 2..16");
        }
        if (components < 1 || length != 8 + 3 * components) {
            throw new DicomException("JPEG-LS SOF55 segment: length " + length + " does not fit " + components + " components");
        }
        int[] ids = new int[components];
        for (int i = 0; i < components; i++) {
            int at = start + 8 + 3 * i;
            ids[i] = u8(at);
            if (u8(at + 1) != 0x11) {
                throw new DicomException("JPEG-LS component " + ids[i] + " has sampling factors " + hex(u8(at + 1))
                        + "; subsampled components are not supported");
            }
        }
        frame = new JpegLsFrame(precision, rows != 0 ? rows : oversizeRows, columns != 0 ? columns : oversizeColumns, ids);
    }

    private void presetParameters(int start, int length) throws DicomException {
        if (length < 3) {
            throw new DicomException("JPEG-LS LSE segment too short");
        }
        int id = u8(start + 2);
        switch (id) {
            case 1 -> {
                if (length != 13) {
                    throw new DicomException("JPEG-LS LSE preset parameters segment has length " + length + ", not 13");
                }
                preset = new JpegLsPreset(u16(start + 3), u16(start + 5), u16(start + 7), u16(start + 9), u16(start + 11));
            }
            case 2, 3 -> throw new DicomException("JPEG-LS mapping tables (LSE id " + id + ") are not supported");
            case 4 -> oversizeDimension(start, length);
            default -> throw new DicomException("JPEG-LS LSE segment with unknown id " + id);
        }
    }

    /** LSE id 4 (T.87 C.2.4.1.4): frame sizes above 65535. */
    private void oversizeDimension(int start, int length) throws DicomException {
        int width = length >= 4 ? u8(start + 3) : 0;
        if (width < 2 || width > 4 || length != 4 + 2 * width) {
            throw new DicomException("JPEG-LS LSE oversize dimension segment is malformed");
        }
        long rows = 0;
        long columns = 0;
        for (int i = 0; i < width; i++) {
            rows = rows << 8 | u8(start + 4 + i);
            columns = columns << 8 | u8(start + 4 + width + i);
        }
        if (rows > Integer.MAX_VALUE || columns > Integer.MAX_VALUE) {
            throw new DicomException("JPEG-LS frame size " + columns + "x" + rows + " is too large");
        }
        oversizeRows = (int) rows;
        oversizeColumns = (int) columns;
        if (frame != null) {
            frame = new JpegLsFrame(frame.precision(), frame.rows() != 0 ? frame.rows() : oversizeRows,
                    frame.columns() != 0 ? frame.columns() : oversizeColumns, frame.componentIds());
        }
    }

    private void restartInterval(int start, int length) throws DicomException {
        if (length < 4 || length > 6) {
            throw new DicomException("JPEG-LS DRI segment has length " + length);
        }
        int value = 0;
        for (int i = start + 2; i < start + length; i++) {
            value = value << 8 | u8(i);
        }
        restartInterval = value;
    }

    /** CharLS's APP8 "mrfx" segment names an HP colour transform, which DICOM files do not use. */
    private void colourTransform(int start, int length) throws DicomException {
        if (length == 7 && u8(start + 2) == 'm' && u8(start + 3) == 'r' && u8(start + 4) == 'f'
                && u8(start + 5) == 'x' && u8(start + 6) != 0) {
            throw new DicomException("JPEG-LS HP colour transform " + u8(start + 6) + " (APP8 mrfx) is not supported");
        }
    }

    private void scan(JpegLsSampleSink sink, boolean[] decoded) throws DicomException {
        int start = pos;
        int length = segmentLength();
        int ns = length >= 3 ? u8(start + 2) : 0;
        if (ns < 1 || length != 6 + 2 * ns) {
            throw new DicomException("JPEG-LS SOS segment: length " + length + " does not fit " + ns + " components");
        }
        int[] components = new int[ns];
        for (int i = 0; i < ns; i++) {
            int id = u8(start + 3 + 2 * i);
            int index = frame.indexOf(id);
            if (index < 0 || decoded[index]) {
                throw new DicomException("JPEG-LS scan names component " + id + ", which the frame lacks or an earlier scan held");
            }
            if (u8(start + 4 + 2 * i) != 0) {
                throw new DicomException("JPEG-LS mapping table " + u8(start + 4 + 2 * i) + " (component " + id + ") is not supported");
            }
            components[i] = index;
        }
        int at = start + 3 + 2 * ns;
        int near = u8(at);
        int ilv = u8(at + 1);
        int pointTransform = u8(at + 2) & 0x0F;
        if (ilv > 2 || ilv == 0 && ns != 1) {
            throw new DicomException("JPEG-LS interleave mode " + ilv + " is invalid for a scan of " + ns + " components");
        }
        if (pointTransform != 0) {
            throw new DicomException("JPEG-LS point transform " + pointTransform + " is not supported (nor by CharLS)");
        }
        JpegLsParameters params = JpegLsParameters.resolve(frame.precision(), near, preset);
        pos = start + length;
        JpegLsScan scan = new JpegLsScan(data, pos, frame, components, ilv, restartInterval, params, sink);
        pos = scan.decode();
        for (int c : components) {
            decoded[c] = true;
        }
    }

    private int u8(int at) {
        return data[at] & 0xFF;
    }

    private int u16(int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    private static String hex(int value) {
        return String.format("%02X", value);
    }

    static int rstMarker(int index) {
        return RST0 + (index & 7);
    }
}
