package io.secondlook.dicom.codec.jpeg;

import io.secondlook.dicom.DicomException;

/** Huffman decoding of sequential DCT scans, dequantisation and IDCT block by block, then upsampling. */
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

    /** @param directBytes 1 or 2 to decode a single component straight to output bytes, else 0 */
    static void allocate(JpegComponent[] components, int width, int height, int maxH, int maxV, int directBytes) {
        int mcusWide = ceilDiv(width, 8 * maxH);
        int mcusHigh = ceilDiv(height, 8 * maxV);
        for (JpegComponent c : components) {
            c.blocksWide = mcusWide * c.h;
            c.blocksHigh = mcusHigh * c.v;
            if (directBytes > 0) {
                c.output = new byte[width * height * directBytes];
                c.outputBytes = directBytes;
            } else {
                c.plane = new int[c.blocksWide * c.blocksHigh * 64];
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * Decodes the scan's blocks and inverse-transforms each as soon as it is read: a later scan of the same
     * component rewrites its blocks, as libjpeg's decoding of that scan from zeroed coefficients would.
     */
    static void decode(EntropyReader in, JpegComponent[] scan, HuffmanTable[] dc, HuffmanTable[] ac,
                       int restartInterval, int width, int height, int maxH, int maxV, int precision)
            throws DicomException {
        BlockDecoder blocks = new BlockDecoder(in, IslowIdct.forPrecision(precision));
        for (JpegComponent c : scan) {
            c.dcPrediction = 0;
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
                    blocks.decode(c, dc[0], ac[0], bx * 8, by * 8);
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
                        for (int h = 0; h < c.h; h++) {
                            blocks.decode(c, dc[i], ac[i], (mx * c.h + h) * 8, (my * c.v + v) * 8);
                        }
                    }
                }
            }
        }
    }

    /** One block at a time: Huffman decoding and dequantisation into a scratch block, IDCT, then storing. */
    private static final class BlockDecoder {
        private final EntropyReader in;
        private final IslowIdct idct;
        private final int[] block = new int[64];
        private final int[] workspace = new int[64];
        private final int[] samples = new int[64];

        BlockDecoder(EntropyReader in, IslowIdct idct) {
            this.in = in;
            this.idct = idct;
        }

        /** @param x column of the block's first sample in the component, {@code y} its row */
        void decode(JpegComponent c, HuffmanTable dc, HuffmanTable ac, int x, int y) throws DicomException {
            int[] coef = block;
            int[] quant = c.quant;
            int diff;
            int dcEntry = in.value(dc);
            if (dcEntry != 0) {
                diff = dcEntry >> 16;
            } else {
                int s = in.decode(dc);
                if (s > 16) {
                    throw new DicomException("JPEG data is corrupt: DC difference category " + s);
                }
                diff = in.extend(s);
            }
            c.dcPrediction += diff;
            coef[0] = (short) c.dcPrediction * quant[0];
            long nonZero = 1;
            for (int k = 1; k < 64; k++) {
                int entry = in.value(ac);
                if (entry != 0) {
                    k += (entry >> 4) & 15;
                    int v = entry >> 16;
                    if (v != 0) {
                        int n = NATURAL_ORDER[k];
                        coef[n] = v * quant[n];
                        nonZero |= 1L << n;
                    } else if ((entry & HuffmanTable.ZERO_OR_END) != 0) {
                        break;
                    }
                    continue;
                }
                int rs = in.decode(ac);
                int r = rs >> 4;
                int s = rs & 15;
                if (s != 0) {
                    k += r;
                    int n = NATURAL_ORDER[k];
                    coef[n] = (short) in.extend(s) * quant[n];
                    nonZero |= 1L << n;
                } else if (r == 15) {
                    k += 15;
                } else {
                    break;
                }
            }
            if (c.output != null) {
                idct.transform(coef, nonZero, workspace, samples, 0, 8);
                store(c, x, y);
            } else {
                int stride = c.blocksWide * 8;
                idct.transform(coef, nonZero, workspace, c.plane, y * stride + x, stride);
            }
            for (long m = nonZero; m != 0; m &= m - 1) {
                coef[Long.numberOfTrailingZeros(m)] = 0;
            }
        }

        /** The block's samples that fall inside the frame, into the component's output bytes. */
        private void store(JpegComponent c, int x, int y) {
            int cols = Math.min(8, c.width - x);
            int rows = Math.min(8, c.height - y);
            byte[] out = c.output;
            int[] in = samples;
            if (c.outputBytes == 1) {
                for (int r = 0; r < rows; r++) {
                    int o = (y + r) * c.width + x;
                    for (int i = 0; i < cols; i++) {
                        out[o + i] = (byte) in[r * 8 + i];
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int o = ((y + r) * c.width + x) * 2;
                    for (int i = 0; i < cols; i++) {
                        int v = in[r * 8 + i];
                        out[o + 2 * i] = (byte) v;
                        out[o + 2 * i + 1] = (byte) (v >> 8);
                    }
                }
            }
        }
    }

    /** Brings each component's plane to full size. */
    static JpegImage finish(JpegComponent[] components, int precision, int width, int height, int maxH, int maxV) {
        if (components.length == 1 && components[0].output != null) {
            return JpegImage.ofSamples(precision, width, height, components[0].output);
        }
        int[][] planes = new int[components.length][];
        int[] strides = new int[components.length];
        for (int i = 0; i < components.length; i++) {
            JpegComponent c = components[i];
            int stride = c.blocksWide * 8;
            int[] plane = c.plane;
            c.plane = null;
            if (c.h == maxH && c.v == maxV) {
                planes[i] = plane;
                strides[i] = stride;
            } else {
                planes[i] = Upsampler.upsample(plane, stride, c.width, c.height, maxH / c.h, maxV / c.v, width, height);
                strides[i] = width;
            }
        }
        return JpegImage.ofPlanes(precision, width, height, planes, strides);
    }
}
