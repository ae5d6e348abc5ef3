package io.secondlook.dicom.codec.rle;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.FrameDecoder;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.util.Arrays;
import java.util.Set;

/**
 * RLE Lossless (PS3.5 annex G). A frame is a 64-byte header (segment count, then up to 15 little-endian segment
 * offsets) followed by PackBits segments; each segment is one byte plane of one sample, most significant byte
 * first, samples in order (so R-high, R-low, G-high, ... for 16-bit RGB). 1-bit data (SEG) is one segment of
 * packed bits, little-endian bit order within each byte as in native Pixel Data, unpacked to one byte per pixel.
 */
public final class RleDecoder implements FrameDecoder {
    private static final int HEADER = 64;
    private static final int MAX_SEGMENTS = 15;

    @Override
    public Set<TransferSyntax> transferSyntaxes() {
        return Set.of(TransferSyntax.RLE_LOSSLESS);
    }

    @Override
    public byte[] decode(byte[] codestream, ImagePixelDescription image) throws DicomException {
        int bits = image.bitsAllocated();
        if (bits != 1 && bits != 8 && bits != 16 && bits != 32) {
            throw new DicomException("RLE Lossless: Bits Allocated " + bits + " is not supported");
        }
        int samples = image.samplesPerPixel();
        int bytesPerSample = bits == 1 ? 1 : bits / 8;
        int expectedSegments = samples * bytesPerSample;
        if (codestream.length < HEADER) {
            throw new DicomException("RLE Lossless: frame of " + codestream.length + " bytes is shorter than the 64-byte header");
        }
        int segments = readInt(codestream, 0);
        if (segments < 1 || segments > MAX_SEGMENTS) {
            throw new DicomException("RLE Lossless: header gives " + Integer.toUnsignedString(segments) + " segments (1 to 15 allowed)");
        }
        if (segments != expectedSegments) {
            throw new DicomException("RLE Lossless: " + segments + " segments but " + samples + " sample(s) of "
                    + bits + " bits need " + expectedSegments);
        }
        int pixels = image.pixelsPerFrame();
        int planeLength = bits == 1 ? (pixels + 7) / 8 : pixels;
        long[] offsets = new long[segments + 1];
        for (int s = 0; s < segments; s++) {
            offsets[s] = Integer.toUnsignedLong(readInt(codestream, 4 + 4 * s));
            if (offsets[s] < HEADER || offsets[s] > codestream.length || (s > 0 && offsets[s] < offsets[s - 1])) {
                throw new DicomException("RLE Lossless: segment " + (s + 1) + " offset " + offsets[s]
                        + " is outside the frame of " + codestream.length + " bytes or out of order");
            }
        }
        offsets[segments] = codestream.length;
        if (bits == 1) {
            byte[] packed = new byte[planeLength];
            unpackSegment(codestream, (int) offsets[0], (int) offsets[1], packed, 0, 1, planeLength, 1);
            return unpackBits(packed, pixels);
        }
        int stride = samples * bytesPerSample;
        byte[] out = new byte[pixels * stride];
        for (int s = 0; s < segments; s++) {
            int sample = s / bytesPerSample;
            int significance = s % bytesPerSample; // 0 = most significant
            int start = sample * bytesPerSample + (bytesPerSample - 1 - significance);
            unpackSegment(codestream, (int) offsets[s], (int) offsets[s + 1], out, start, stride, planeLength, s + 1);
        }
        return out;
    }

    /**
     * PackBits: a header byte n in 0..127 copies the next n+1 bytes, -127..-1 repeats the next byte 1-n times,
     * -128 is a no-op. Output goes to {@code out[start + i * stride]}. Decoding stops when the plane is full (a run
     * past its end is cut there, as dcmtk and pydicom do; encoders pad segments to even length); a segment that
     * ends before the plane is full is an error.
     */
    static void unpackSegment(byte[] in, int from, int to, byte[] out, int start, int stride, int length, int segment)
            throws DicomException {
        int pos = from;
        int written = 0;
        int o = start;
        while (written < length && pos < to) {
            int n = in[pos++];
            if (n >= 0) {
                int count = n + 1;
                if (pos + count > to) {
                    throw new DicomException("RLE Lossless: literal run of " + count + " bytes overruns the data of segment " + segment);
                }
                int kept = Math.min(count, length - written);
                if (stride == 1) {
                    System.arraycopy(in, pos, out, o, kept);
                    o += kept;
                } else {
                    for (int i = 0; i < kept; i++, o += stride) {
                        out[o] = in[pos + i];
                    }
                }
                pos += count;
                written += kept;
            } else if (n != -128) {
                if (pos >= to) {
                    throw new DicomException("RLE Lossless: replicate run without its byte at the end of segment " + segment);
                }
                int count = Math.min(1 - n, length - written);
                byte value = in[pos++];
                if (stride == 1) {
                    Arrays.fill(out, o, o + count, value);
                    o += count;
                } else {
                    for (int i = 0; i < count; i++, o += stride) {
                        out[o] = value;
                    }
                }
                written += count;
            }
        }
        if (written < length) {
            throw new DicomException("RLE Lossless: segment " + segment + " decodes to " + written + " bytes, the plane needs " + length);
        }
    }

    private static byte[] unpackBits(byte[] packed, int count) {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = (byte) ((packed[i >>> 3] >>> (i & 7)) & 1);
        }
        return out;
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
