package io.secondlook.dicom.codec.jpeg;

import io.secondlook.dicom.DicomException;

/**
 * Decodes one JPEG codestream (ITU-T T.81) of the sequential Huffman processes: baseline and extended DCT (8 and
 * 12 bits) and lossless (process 14, 2 to 16 bits), with interleaved or separate scans and restart intervals.
 * Results follow libjpeg 6b as built into dcmtk: ISLOW IDCT, fancy upsampling, modular lossless reconstruction.
 */
final class JpegDecoder {
    private static final int MAX_COMPONENTS = 4;
    /** Decoding holds an int per sample: bounds the memory a frame header can demand. */
    private static final long MAX_SAMPLES = 1L << 27;

    private final byte[] data;
    private final HuffmanTable[] dcTables = new HuffmanTable[4];
    private final HuffmanTable[] acTables = new HuffmanTable[4];
    private final int[][] quantTables = new int[4][];
    private int restartInterval;
    private JpegComponent[] components;
    private int precision;
    private boolean lossless;
    private int width;
    private int height;
    private int maxH;
    private int maxV;
    private int scans;

    private JpegDecoder(byte[] data) {
        this.data = data;
    }

    /**
     * @param expectedWidth columns the DICOM header declares; the frame header must agree (bounds memory use)
     * @param expectedHeight rows the DICOM header declares
     * @param outputBytes bytes per output sample (1 or 2): a single-component DCT frame of no more bits decodes
     *                    straight into {@link JpegImage#samples()} of that size
     */
    static JpegImage decode(byte[] codestream, int expectedWidth, int expectedHeight, int outputBytes)
            throws DicomException {
        return new JpegDecoder(codestream).run(expectedWidth, expectedHeight, outputBytes);
    }

    private JpegImage run(int expectedWidth, int expectedHeight, int outputBytes) throws DicomException {
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
            throw new DicomException("JPEG data does not start with an SOI marker (FFD8)");
        }
        int pos = 2;
        while (true) {
            pos = nextMarker(pos);
            if (pos < 0) {
                break; // truncated: libjpeg warns and keeps what it decoded
            }
            int marker = data[pos + 1] & 0xFF;
            pos += 2;
            if (marker == 0xD9) {
                break;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            int length = segmentLength(pos, marker);
            int body = pos + 2;
            int end = pos + length;
            switch (marker) {
                case 0xC0, 0xC1, 0xC3 -> readFrameHeader(body, end, marker, expectedWidth, expectedHeight, outputBytes);
                case 0xC2, 0xC6 -> throw new DicomException("progressive JPEG (SOF" + (marker - 0xC0)
                        + ") is not supported; DICOM JPEG transfer syntaxes .50/.51/.57/.70 are sequential");
                case 0xC5, 0xC7 -> throw new DicomException("hierarchical JPEG (SOF" + (marker - 0xC0) + ") is not supported");
                case 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF -> throw new DicomException(
                        "arithmetic-coded JPEG (SOF" + (marker - 0xC0) + ") is not supported");
                case 0xC4 -> readHuffmanTables(body, end);
                case 0xDB -> readQuantTables(body, end);
                case 0xDD -> restartInterval = u16(body, end);
                case 0xDA -> {
                    end = decodeScan(body, end);
                    scans++;
                }
                case 0xDC -> { // DNL: the frame header must already have given the height
                }
                default -> { // APPn, COM and the rest carry nothing the decoder needs
                }
            }
            pos = end;
        }
        if (components == null) {
            throw new DicomException("JPEG data has no frame header (SOF0, SOF1 or SOF3)");
        }
        if (scans == 0) {
            throw new DicomException("JPEG data has no scan (SOS)");
        }
        return lossless ? LosslessScan.finish(components, precision, width, height)
                : SequentialScan.finish(components, precision, width, height, maxH, maxV);
    }

    /** Index of the next marker's FF at or after {@code pos}, skipping fill bytes and stray data; -1 at the end. */
    private int nextMarker(int pos) {
        int p = pos;
        while (p + 1 < data.length) {
            if (data[p] == (byte) 0xFF && data[p + 1] != 0 && data[p + 1] != (byte) 0xFF) {
                return p;
            }
            p++;
        }
        return -1;
    }

    private int segmentLength(int pos, int marker) throws DicomException {
        if (pos + 2 > data.length) {
            throw new DicomException(String.format("JPEG marker FF%02X at offset %d is truncated", marker, pos - 2));
        }
        int length = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        if (length < 2 || pos + length > data.length) {
            throw new DicomException(String.format("JPEG marker FF%02X at offset %d has length %d but %d bytes remain",
                    marker, pos - 2, length, data.length - pos));
        }
        return length;
    }

    private int u8(int pos, int end) throws DicomException {
        if (pos >= end) {
            throw new DicomException("JPEG marker segment is shorter than its contents at offset " + pos);
        }
        return data[pos] & 0xFF;
    }

    private int u16(int pos, int end) throws DicomException {
        return (u8(pos, end) << 8) | u8(pos + 1, end);
    }

    private void readFrameHeader(int pos, int end, int marker, int expectedWidth, int expectedHeight, int outputBytes)
            throws DicomException {
        if (components != null) {
            throw new DicomException("JPEG data has more than one frame header");
        }
        lossless = marker == 0xC3;
        precision = u8(pos, end);
        height = u16(pos + 1, end);
        width = u16(pos + 3, end);
        int count = u8(pos + 5, end);
        if (lossless ? precision < 2 || precision > 16 : precision != 8 && precision != 12) {
            throw new DicomException("JPEG " + (lossless ? "lossless" : "DCT") + " sample precision " + precision
                    + " is not valid (DCT: 8 or 12, lossless: 2 to 16)");
        }
        if (height == 0) {
            throw new DicomException("JPEG frame header gives no height (DNL-defined height is not supported)");
        }
        if (width != expectedWidth || height != expectedHeight) {
            throw new DicomException("JPEG frame is " + width + "x" + height + " but the image is "
                    + expectedWidth + "x" + expectedHeight);
        }
        if (count < 1 || count > MAX_COMPONENTS) {
            throw new DicomException("JPEG frame has " + count + " components (1 to 4 supported)");
        }
        if ((long) width * height * count > MAX_SAMPLES) {
            throw new DicomException("JPEG frame of " + width + "x" + height + "x" + count
                    + " samples is larger than this decoder handles (" + MAX_SAMPLES + " samples)");
        }
        components = new JpegComponent[count];
        for (int i = 0; i < count; i++) {
            int p = pos + 6 + 3 * i;
            int hv = u8(p + 1, end);
            int h = hv >> 4;
            int v = hv & 15;
            if (h < 1 || h > 4 || v < 1 || v > 4) {
                throw new DicomException("JPEG component " + i + " has invalid sampling factors " + h + "x" + v);
            }
            components[i] = new JpegComponent(u8(p, end), h, v, u8(p + 2, end) & 3);
            maxH = Math.max(maxH, h);
            maxV = Math.max(maxV, v);
        }
        for (JpegComponent c : components) {
            if (maxH % c.h != 0 || maxV % c.v != 0) {
                throw new DicomException("JPEG sampling factors " + c.h + "x" + c.v + " against " + maxH + "x"
                        + maxV + " are not integral ratios (not supported, as in libjpeg)");
            }
            if (lossless && (c.h != maxH || c.v != maxV)) {
                throw new DicomException("subsampled lossless JPEG is not supported");
            }
            c.width = (width * c.h + maxH - 1) / maxH;
            c.height = (height * c.v + maxV - 1) / maxV;
        }
        if (lossless) {
            LosslessScan.allocate(components);
        } else {
            boolean direct = count == 1 && (outputBytes == 1 || outputBytes == 2) && precision <= 8 * outputBytes;
            SequentialScan.allocate(components, width, height, maxH, maxV, direct ? outputBytes : 0);
        }
    }

    private void readHuffmanTables(int pos, int end) throws DicomException {
        int p = pos;
        while (p < end) {
            int tcth = u8(p, end);
            int tc = tcth >> 4;
            int th = tcth & 15;
            if (tc > 1 || th > 3) {
                throw new DicomException("JPEG Huffman table has invalid class/destination " + tc + "/" + th);
            }
            int[] counts = new int[17];
            int total = 0;
            for (int i = 1; i <= 16; i++) {
                counts[i] = u8(p + i, end);
                total += counts[i];
            }
            if (total > 256) {
                throw new DicomException("JPEG Huffman table defines " + total + " codes (at most 256)");
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = u8(p + 17 + i, end);
            }
            (tc == 0 ? dcTables : acTables)[th] = new HuffmanTable(counts, symbols, tc == 1);
            p += 17 + total;
        }
    }

    private void readQuantTables(int pos, int end) throws DicomException {
        int p = pos;
        while (p < end) {
            int pqtq = u8(p, end);
            int pq = pqtq >> 4;
            int tq = pqtq & 15;
            if (pq > 1 || tq > 3) {
                throw new DicomException("JPEG quantisation table has invalid precision/destination " + pq + "/" + tq);
            }
            int[] table = new int[64];
            for (int k = 0; k < 64; k++) {
                int q = pq == 0 ? u8(p + 1 + k, end) : u16(p + 1 + 2 * k, end);
                table[SequentialScan.NATURAL_ORDER[k]] = q;
            }
            quantTables[tq] = table;
            p += 1 + 64 * (pq + 1);
        }
    }

    /** Decodes the scan whose header starts at {@code pos}; returns where its entropy-coded data ended. */
    private int decodeScan(int pos, int end) throws DicomException {
        if (components == null) {
            throw new DicomException("JPEG scan comes before the frame header");
        }
        int count = u8(pos, end);
        if (count < 1 || count > components.length) {
            throw new DicomException("JPEG scan has " + count + " components but the frame has " + components.length);
        }
        JpegComponent[] scan = new JpegComponent[count];
        HuffmanTable[] dc = new HuffmanTable[count];
        HuffmanTable[] ac = new HuffmanTable[count];
        for (int i = 0; i < count; i++) {
            int id = u8(pos + 1 + 2 * i, end);
            int tables = u8(pos + 2 + 2 * i, end);
            scan[i] = component(id);
            dc[i] = table(dcTables, tables >> 4, "DC", id);
            if (!lossless) {
                ac[i] = table(acTables, tables & 15, "AC", id);
                if (scan[i].quant == null) {
                    int[] q = quantTables[scan[i].quantSelector];
                    if (q == null) {
                        throw new DicomException("JPEG component " + id + " uses undefined quantisation table "
                                + scan[i].quantSelector);
                    }
                    scan[i].quant = q.clone(); // libjpeg latches the table at the component's first scan
                }
            }
        }
        int p = pos + 1 + 2 * count;
        int ss = u8(p, end);
        int al = u8(p + 2, end) & 15;
        EntropyReader in = new EntropyReader(data, end);
        if (lossless) {
            if (ss < 1 || ss > 7) {
                throw new DicomException("JPEG lossless predictor " + ss + " is not valid (1 to 7)");
            }
            if (al >= precision) {
                throw new DicomException("JPEG lossless point transform " + al + " is not below the precision " + precision);
            }
            LosslessScan.decode(in, scan, dc, ss, al, precision, restartInterval);
        } else {
            SequentialScan.decode(in, scan, dc, ac, restartInterval, width, height, maxH, maxV, precision);
        }
        return in.position();
    }

    private JpegComponent component(int id) throws DicomException {
        for (JpegComponent c : components) {
            if (c.id == id) {
                return c;
            }
        }
        throw new DicomException("JPEG scan names component " + id + ", which the frame header does not define");
    }

    private static HuffmanTable table(HuffmanTable[] tables, int index, String kind, int id) throws DicomException {
        HuffmanTable t = index < 4 ? tables[index] : null;
        if (t == null) {
            throw new DicomException("JPEG component " + id + " uses undefined " + kind + " Huffman table " + index);
        }
        return t;
    }
}
