package io.secondlook.dicom.codec.jpeg;

import io.secondlook.dicom.DicomException;
import java.util.Arrays;

/** Huffman decoding of sequential DCT scans into coefficients, then dequantisation, IDCT and upsampling. */
final class SequentialScan {
    /** Zig-zag index → natural (row-major) index, padded as libjpeg does so corrupt run lengths land on 63. */
    static final int[] NATURAL_ORDER = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
        63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63
    };

    private SequentialScan() {
    }

    static void allocate(JpegComponent[] components, int width, int height, int maxH, int maxV) {
        int mcusWide = ceilDiv(width, 8 * maxH);
        int mcusHigh = ceilDiv(height, 8 * maxV);
        for (JpegComponent c : components) {
            c.blocksWide = mcusWide * c.h;
            c.blocksHigh = mcusHigh * c.v;
            c.coefficients = new short[c.blocksWide * c.blocksHigh * 64];
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static void decode(EntropyReader in, JpegComponent[] scan, HuffmanTable[] dc, HuffmanTable[] ac,
                       int restartInterval, int width, int height, int maxH, int maxV) throws DicomException {
        for (JpegComponent c : scan) {
            c.dcPrediction = 0;
            if (c.scanned) {
                Arrays.fill(c.coefficients, (short) 0); // a second scan of a component starts from zero again
            }
            c.scanned = true;
        }
        if (scan.length == 1) {
            // a non-interleaved scan codes only the blocks that hold the component's samples, one per MCU
            JpegComponent c = scan[0];
            int wide = ceilDiv(c.width, 8);
            int high = ceilDiv(c.height, 8);
            int mcu = 0;
            for (int by = 0; by < high; by++) {
                for (int bx = 0; bx < wide; bx++, mcu++) {
                    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                        in.restart();
                        c.dcPrediction = 0;
                    }
                    decodeBlock(in, c, dc[0], ac[0], (by * c.blocksWide + bx) * 64);
                }
            }
            return;
        }
        int mcusWide = ceilDiv(width, 8 * maxH);
        int mcusHigh = ceilDiv(height, 8 * maxV);
        int mcu = 0;
        for (int my = 0; my < mcusHigh; my++) {
            for (int mx = 0; mx < mcusWide; mx++, mcu++) {
                if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                    in.restart();
                    for (JpegComponent c : scan) {
                        c.dcPrediction = 0;
                    }
                }
                for (int i = 0; i < scan.length; i++) {
                    JpegComponent c = scan[i];
                    for (int v = 0; v < c.v; v++) {
                        int row = (my * c.v + v) * c.blocksWide + mx * c.h;
                        for (int h = 0; h < c.h; h++) {
                            decodeBlock(in, c, dc[i], ac[i], (row + h) * 64);
                        }
                    }
                }
            }
        }
    }

    private static void decodeBlock(EntropyReader in, JpegComponent c, HuffmanTable dc, HuffmanTable ac, int base)
            throws DicomException {
        short[] coef = c.coefficients;
        int s = in.decode(dc);
        if (s > 16) {
            throw new DicomException("JPEG data is corrupt: DC difference category " + s);
        }
        c.dcPrediction += in.extend(s);
        coef[base] = (short) c.dcPrediction;
        for (int k = 1; k < 64; k++) {
            int rs = in.decode(ac);
            int r = rs >> 4;
            s = rs & 15;
            if (s != 0) {
                k += r;
                coef[base + NATURAL_ORDER[k]] = (short) in.extend(s);
            } else if (r == 15) {
                k += 15;
            } else {
                break;
            }
        }
    }

    /** Dequantises and inverse-transforms every block, then brings each component to full size. */
    static JpegImage finish(JpegComponent[] components, int precision, int width, int height, int maxH, int maxV) {
        IslowIdct idct = new IslowIdct(precision);
        int[][] planes = new int[components.length][];
        int[] strides = new int[components.length];
        for (int i = 0; i < components.length; i++) {
            JpegComponent c = components[i];
            int stride = c.blocksWide * 8;
            int[] plane = new int[stride * c.blocksHigh * 8];
            if (c.quant != null) { // a component no scan carried stays zero, as in libjpeg
                for (int by = 0; by < c.blocksHigh; by++) {
                    for (int bx = 0; bx < c.blocksWide; bx++) {
                        idct.transform(c.coefficients, (by * c.blocksWide + bx) * 64, c.quant,
                                plane, by * 8 * stride + bx * 8, stride);
                    }
                }
            }
            c.coefficients = null;
            if (c.h == maxH && c.v == maxV) {
                planes[i] = plane;
                strides[i] = stride;
            } else {
                planes[i] = Upsampler.upsample(plane, stride, c.width, c.height, maxH / c.h, maxV / c.v, width, height);
                strides[i] = width;
            }
        }
        return new JpegImage(precision, width, height, planes, strides);
    }
}
