package io.secondlook.dicom.codec.jpeg;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomElement;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.VR;
import io.secondlook.dicom.codec.DecodedFrames;
import io.secondlook.dicom.codec.GeneratedImages;
import io.secondlook.dicom.codec.GeneratedImages.Layout;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lossless JPEG with restart intervals, which no installed encoder writes: a minimal process-14 encoder here
 * (one Huffman table, whole rows per interval as libjpeg requires) codes a random image; we and dcmdjpeg decode
 * it, and both must give back the original (dcmdjpeg checks the predictors the encoder shares with us).
 */
class LosslessRestartTest {

    @ParameterizedTest(name = "{0} bits, {1} samples, predictor {2}, {3} rows per interval")
    @CsvSource({"8, 1, 1, 1", "8, 3, 4, 2", "16, 1, 7, 3", "16, 1, 6, 1", "12, 3, 5, 4", "16, 1, 2, 0"})
    void decodesExactlyAsDcmdjpegAndTheOriginal(int bits, int samples, int predictor, int rowsPerInterval,
                                                @TempDir Path tmp) throws Exception {
        Layout layout = new Layout(bits == 8 ? 8 : 16, bits, false, samples, 1, 21, 30);
        Path nativeFile = GeneratedImages.write(layout, bits * 31L + predictor, tmp.resolve("native.dcm"));
        DicomFile original = DicomReader.read(nativeFile);
        int[][] planes = planes(original.dataset().getBytes(Tag.PixelData), layout);
        byte[] jpeg = encode(planes, layout, predictor, rowsPerInterval);

        Dataset ds = original.dataset().copy();
        ds.put(new DicomElement(Tag.PixelData, VR.OB, new EncapsulatedPixelData(new byte[0], List.of(jpeg))));
        Path file = tmp.resolve("lossless.dcm");
        DicomWriter.write(file, ds, TransferSyntax.JPEG_LOSSLESS);
        DicomFile encoded = DicomReader.read(file);
        List<byte[]> ours = JpegOracle.ourFrames(encoded);
        String what = layout + " predictor " + predictor + " restart every " + rowsPerInterval + " rows";
        JpegOracle.assertSameSamples(what + " vs dcmdjpeg", JpegOracle.dcmdjpegFrames(file, tmp), ours,
                JpegOracle.description(encoded));
        JpegOracle.assertSameSamples(what + " vs original", DecodedFrames.all(original), ours,
                JpegOracle.description(original));
    }

    private static int[][] planes(byte[] pixels, Layout l) {
        int n = l.rows() * l.columns();
        int bytes = l.bitsAllocated() / 8;
        int[][] planes = new int[l.samples()][n];
        for (int i = 0; i < n * l.samples(); i++) {
            int v = pixels[i * bytes] & 0xFF;
            if (bytes == 2) {
                v |= (pixels[i * bytes + 1] & 0xFF) << 8;
            }
            planes[i % l.samples()][i / l.samples()] = v & ((1 << l.bitsStored()) - 1);
        }
        return planes;
    }

    /** Code lengths of difference categories 0..16 (a valid prefix code that never uses the all-ones code). */
    private static final int[] LENGTHS = {2, 3, 3, 3, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};

    private static byte[] encode(int[][] planes, Layout l, int predictor, int rowsPerInterval) {
        int w = l.columns();
        int p = l.bitsStored();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marker(out, 0xD8);
        int count = l.samples();
        segment(out, 0xC3, p, l.rows() >> 8, l.rows(), w >> 8, w, count, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0);
        int[] counts = new int[17];
        for (int len : LENGTHS) {
            counts[len]++;
        }
        int[] dht = new int[1 + 16 + 17];
        for (int len = 1; len <= 16; len++) {
            dht[len] = counts[len];
        }
        int k = 17;
        int[] codes = new int[17];
        int code = 0;
        for (int len = 1; len <= 16; len++) {
            for (int s = 0; s < 17; s++) {
                if (LENGTHS[s] == len) {
                    dht[k++] = s;
                    codes[s] = code++;
                }
            }
            code <<= 1;
        }
        segment(out, 0xC4, dht);
        int interval = rowsPerInterval * w;
        if (interval > 0) {
            segment(out, 0xDD, interval >> 8, interval);
        }
        int[] sos = new int[1 + 2 * count + 3];
        sos[0] = count;
        for (int c = 0; c < count; c++) {
            sos[1 + 2 * c] = c + 1;
        }
        sos[1 + 2 * count] = predictor;
        segment(out, 0xDA, sos);
        BitWriter bitsOut = new BitWriter(out);
        int restarts = 0;
        for (int y = 0; y < l.rows(); y++) {
            boolean first = y == 0 || (rowsPerInterval > 0 && y % rowsPerInterval == 0);
            if (y > 0 && first) {
                bitsOut.flush();
                marker(out, 0xD0 + (restarts++ & 7));
            }
            for (int x = 0; x < w; x++) {
                for (int[] plane : planes) {
                    int i = y * w + x;
                    int prediction;
                    if (first) {
                        prediction = x == 0 ? 1 << (p - 1) : plane[i - 1];
                    } else if (x == 0) {
                        prediction = plane[i - w];
                    } else {
                        prediction = LosslessScan.predict(predictor, plane[i - 1], plane[i - w], plane[i - w - 1]);
                    }
                    int d = (plane[i] - prediction) & 0xFFFF;
                    int s = d == 0 ? 0 : d == 0x8000 ? 16 : 32 - Integer.numberOfLeadingZeros(d < 0x8000 ? d : 0x10000 - d);
                    bitsOut.write(codes[s], LENGTHS[s]);
                    if (s > 0 && s < 16) {
                        bitsOut.write(d < 0x8000 ? d : d - 0x10000 - 1, s);
                    }
                }
            }
        }
        bitsOut.flush();
        marker(out, 0xD9);
        return out.toByteArray();
    }

    private static void marker(ByteArrayOutputStream out, int marker) {
        out.write(0xFF);
        out.write(marker);
    }

    /** A marker segment; for SOF the component list is cut to the frame's component count. */
    private static void segment(ByteArrayOutputStream out, int marker, int... body) {
        int length = marker == 0xC3 ? 6 + 3 * body[5] : body.length;
        marker(out, marker);
        out.write((length + 2) >> 8);
        out.write(length + 2);
        for (int i = 0; i < length; i++) {
            out.write(body[i]);
        }
    }

    /** Entropy-coded bits, most significant first, with 0xFF stuffing and 1-bit padding at the end. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out;
        private long buffer;
        private int count;

        BitWriter(ByteArrayOutputStream out) {
            this.out = out;
        }

        void write(int value, int bits) {
            buffer = (buffer << bits) | (value & ((1L << bits) - 1));
            count += bits;
            while (count >= 8) {
                emit((int) (buffer >>> (count - 8)) & 0xFF);
                count -= 8;
            }
        }

        void flush() {
            if (count > 0) {
                write((1 << (8 - count)) - 1, 8 - count);
            }
        }

        private void emit(int b) {
            out.write(b);
            if (b == 0xFF) {
                out.write(0);
            }
        }
    }
}
