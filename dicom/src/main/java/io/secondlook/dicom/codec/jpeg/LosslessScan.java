package io.secondlook.dicom.codec.jpeg;

import io.secondlook.dicom.DicomException;

/**
 * Lossless (process 14) scans, T.81 Annex H: Huffman-coded differences added to one of seven predictors, modulo
 * 2^16 as in libjpeg; the point transform shifts the result left at the end.
 */
final class LosslessScan {
    private LosslessScan() {
    }

    static void allocate(JpegComponent[] components) {
        for (JpegComponent c : components) {
            c.samples = new int[c.width * c.height];
        }
    }

    static void decode(EntropyReader in, JpegComponent[] scan, HuffmanTable[] tables, int predictor, int pointTransform,
                       int precision, int restartInterval) throws DicomException {
        int width = scan[0].width;
        int height = scan[0].height;
        if (restartInterval > 0 && restartInterval % width != 0) {
            throw new DicomException("JPEG lossless restart interval " + restartInterval
                    + " is not a multiple of the " + width + " MCUs in a row (not supported, as in libjpeg)");
        }
        int rowsPerInterval = restartInterval / width;
        int initial = 1 << (precision - pointTransform - 1);
        for (JpegComponent c : scan) {
            c.pointTransform = pointTransform;
        }
        boolean firstRow = true;
        for (int y = 0; y < height; y++) {
            if (rowsPerInterval > 0 && y > 0 && y % rowsPerInterval == 0) {
                in.restart();
                firstRow = true;
            }
            if (scan.length == 1) {
                row(in, tables[0], scan[0].samples, y * width, width, firstRow, predictor, initial);
            } else {
                interleavedRow(in, tables, scan, y * width, width, firstRow, predictor, initial);
            }
            firstRow = false;
        }
    }

    private static int difference(EntropyReader in, HuffmanTable table) throws DicomException {
        int d = in.difference(table);
        if (d == Integer.MIN_VALUE) {
            throw new DicomException("JPEG lossless data is corrupt: difference category above 16");
        }
        return d;
    }

    private static void row(EntropyReader in, HuffmanTable table, int[] p, int start, int width, boolean firstRow,
                            int predictor, int initial) throws DicomException {
        int end = start + width;
        if (firstRow || predictor == 1) {
            p[start] = ((firstRow ? initial : p[start - width]) + difference(in, table)) & 0xFFFF;
            for (int i = start + 1; i < end; i++) {
                p[i] = (p[i - 1] + difference(in, table)) & 0xFFFF;
            }
            return;
        }
        p[start] = (p[start - width] + difference(in, table)) & 0xFFFF;
        for (int i = start + 1; i < end; i++) {
            p[i] = (predict(predictor, p[i - 1], p[i - width], p[i - width - 1]) + difference(in, table)) & 0xFFFF;
        }
    }

    private static void interleavedRow(EntropyReader in, HuffmanTable[] tables, JpegComponent[] scan, int start,
                                       int width, boolean firstRow, int predictor, int initial) throws DicomException {
        for (int x = 0; x < width; x++) {
            int i = start + x;
            for (int c = 0; c < scan.length; c++) {
                int[] p = scan[c].samples;
                int prediction;
                if (firstRow) {
                    prediction = x == 0 ? initial : p[i - 1];
                } else if (x == 0) {
                    prediction = p[i - width];
                } else {
                    prediction = predict(predictor, p[i - 1], p[i - width], p[i - width - 1]);
                }
                p[i] = (prediction + difference(in, tables[c])) & 0xFFFF;
            }
        }
    }

    /** T.81 Table H.1 predictors 1..7 from the left (a), upper (b) and upper-left (c) neighbours. */
    static int predict(int predictor, int ra, int rb, int rc) {
        return switch (predictor) {
            case 1 -> ra;
            case 2 -> rb;
            case 3 -> rc;
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }

    /** Applies the point transform and libjpeg's sample width (8 bits up to precision 8, else 16). */
    static JpegImage finish(JpegComponent[] components, int precision, int width, int height) {
        int mask = precision <= 8 ? 0xFF : 0xFFFF;
        int[][] planes = new int[components.length][];
        int[] strides = new int[components.length];
        for (int i = 0; i < components.length; i++) {
            JpegComponent c = components[i];
            int[] p = c.samples;
            if (c.pointTransform != 0 || precision <= 8) {
                for (int k = 0; k < p.length; k++) {
                    p[k] = (p[k] << c.pointTransform) & mask;
                }
            }
            planes[i] = p;
            strides[i] = width;
        }
        return JpegImage.ofPlanes(precision, width, height, planes, strides);
    }
}
