package io.secondlook.dicom.codec.jpeg;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.FrameDecoder;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.util.Set;

/**
 * JPEG Baseline, Extended (12-bit), Lossless and Lossless SV1 frames, decoded in pure Java to the same samples as
 * dcmtk's {@code dcmdjpeg} with its default options: YCbCr is converted to RGB exactly when the Photometric
 * Interpretation says YBR_FULL, YBR_FULL_422 or YBR_PARTIAL_422 (APP14/JFIF markers are not consulted), everything
 * else is returned as coded.
 *
 * <p>Pure Java for all four syntaxes rather than TwelveMonkeys' ImageIO reader (the JDK's native libjpeg for DCT):
 * that reader cannot read 12-bit DCT, decodes a 3-component lossless corpus file differently from dcmdjpeg, and its
 * lossless decoder is about three times slower than this one (see {@code JpegDecodeBenchmark}).
 */
public final class JpegFrameDecoder implements FrameDecoder {

    @Override
    public Set<TransferSyntax> transferSyntaxes() {
        return Set.of(TransferSyntax.JPEG_BASELINE, TransferSyntax.JPEG_EXTENDED,
                TransferSyntax.JPEG_LOSSLESS, TransferSyntax.JPEG_LOSSLESS_SV1);
    }

    @Override
    public byte[] decode(byte[] codestream, ImagePixelDescription image) throws DicomException {
        int bytes = image.canonicalBytesPerSample();
        JpegImage decoded = JpegDecoder.decode(codestream, image.columns(), image.rows(), bytes);
        if (decoded.components() != image.samplesPerPixel()) {
            throw new DicomException("JPEG frame has " + decoded.components() + " components but Samples per Pixel is "
                    + image.samplesPerPixel());
        }
        if (decoded.precision() > 8 * bytes) {
            throw new DicomException("JPEG sample precision " + decoded.precision() + " exceeds Bits Allocated "
                    + image.bitsAllocated());
        }
        if (decoded.samples() != null) {
            return decoded.samples();
        }
        if (convertsToRgb(image)) {
            int[][] p = fullWidth(decoded);
            new YccToRgb(decoded.precision()).convert(p[0], p[1], p[2], decoded.width() * decoded.height());
            decoded = JpegImage.ofPlanes(decoded.precision(), decoded.width(), decoded.height(), p,
                    new int[] {decoded.width(), decoded.width(), decoded.width()});
        }
        return interleave(decoded, bytes);
    }

    @Override
    public String decodedPhotometric(ImagePixelDescription image) {
        return convertsToRgb(image) ? "RGB" : image.photometric();
    }

    /** dcmtk's default ("+cp"): convert when the DICOM header calls the colour YCbCr. */
    private static boolean convertsToRgb(ImagePixelDescription image) {
        String pi = image.photometric();
        return image.samplesPerPixel() == 3
                && (pi.equals("YBR_FULL") || pi.equals("YBR_FULL_422") || pi.equals("YBR_PARTIAL_422"));
    }

    /** The planes cropped to the image width, as the colour converter wants them. */
    private static int[][] fullWidth(JpegImage image) {
        int w = image.width();
        int h = image.height();
        int[][] out = new int[image.components()][];
        for (int c = 0; c < out.length; c++) {
            int stride = image.strides()[c];
            int[] plane = image.planes()[c];
            if (stride == w) {
                out[c] = plane;
            } else {
                out[c] = new int[w * h];
                for (int y = 0; y < h; y++) {
                    System.arraycopy(plane, y * stride, out[c], y * w, w);
                }
            }
        }
        return out;
    }

    private static byte[] interleave(JpegImage image, int bytesPerSample) {
        int w = image.width();
        int h = image.height();
        int n = image.components();
        byte[] out = new byte[w * h * n * bytesPerSample];
        for (int c = 0; c < n; c++) {
            int[] plane = image.planes()[c];
            int stride = image.strides()[c];
            int step = n * bytesPerSample;
            for (int y = 0; y < h; y++) {
                int in = y * stride;
                int o = (y * w * n + c) * bytesPerSample;
                if (bytesPerSample == 1) {
                    for (int x = 0; x < w; x++, o += step) {
                        out[o] = (byte) plane[in + x];
                    }
                } else {
                    for (int x = 0; x < w; x++, o += step) {
                        int v = plane[in + x];
                        out[o] = (byte) v;
                        out[o + 1] = (byte) (v >> 8);
                    }
                }
            }
        }
        return out;
    }
}
