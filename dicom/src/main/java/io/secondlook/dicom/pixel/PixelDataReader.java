package io.secondlook.dicom.pixel;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomElement;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.EncapsulatedFrames;
import io.secondlook.dicom.codec.FrameDecoder;
import io.secondlook.dicom.codec.FrameDecoders;

/**
 * Extracts one frame of native (uncompressed) pixel data in canonical form: row-major, samples interleaved per
 * pixel, each sample a little-endian integer of Bits Allocated width (1-bit data unpacked to one byte per
 * sample), masked to Bits Stored and sign-extended for signed data. Float and Double Float Pixel Data are
 * returned as their little-endian IEEE values.
 */
public final class PixelDataReader {
    private static final int EXTENDED_OFFSET_TABLE = 0x7FE00001;
    /** One decoded frame must fit a Java array (with room for float conversion downstream). */
    private static final long MAX_FRAME_BYTES = Integer.MAX_VALUE / 4;
    private PixelDataReader() {
    }

    public static byte[] canonicalFrame(DicomFile file, int frameIndex) throws DicomException {
        Dataset ds = file.dataset();
        ImagePixelDescription d = ImagePixelDescription.from(ds);
        String name = file.source() == null ? "data set" : file.source().toString();
        if (d.rows() <= 0 || d.columns() <= 0) {
            throw new DicomException("Cannot decode pixels of " + name + ": Rows/Columns missing or zero");
        }
        long decodedBytes = (long) d.rows() * d.columns() * Math.max(1, d.samplesPerPixel()) * Math.max(1, d.bitsAllocated() / 8);
        if (decodedBytes > MAX_FRAME_BYTES || d.samplesPerPixel() < 1 || d.samplesPerPixel() > 4) {
            throw new DicomException("Cannot decode pixels of " + name + ": a frame of " + d.columns() + "x" + d.rows() + "x"
                    + d.samplesPerPixel() + " samples of " + d.bitsAllocated() + " bits is not supported");
        }
        if (frameIndex < 0 || frameIndex >= d.frames()) {
            throw new DicomException("Cannot decode pixels of " + name + ": frame " + frameIndex + " out of range (" + d.frames() + " frames)");
        }
        DicomElement floats = ds.get(Tag.FloatPixelData) != null ? ds.get(Tag.FloatPixelData) : ds.get(Tag.DoubleFloatPixelData);
        if (floats != null && ds.get(Tag.PixelData) == null) {
            int size = floats.tag() == Tag.FloatPixelData ? 4 : 8;
            long frameBytes = (long) d.pixelsPerFrame() * d.samplesPerPixel() * size;
            return slice(floats.bytes(), frameIndex * frameBytes, frameBytes, name);
        }
        DicomElement pixelData = ds.get(Tag.PixelData);
        if (pixelData == null) {
            throw new DicomException("Cannot decode pixels of " + name + ": no Pixel Data");
        }
        if (d.bitsAllocated() != 1 && d.bitsAllocated() != 8 && d.bitsAllocated() != 16 && d.bitsAllocated() != 32) {
            throw new DicomException("Cannot decode pixels of " + name + ": Bits Allocated " + d.bitsAllocated() + " is not supported");
        }
        if (d.bitsStored() < 1 || d.bitsStored() > d.bitsAllocated() || d.highBit() >= d.bitsAllocated() || d.highBit() < d.bitsStored() - 1) {
            throw new DicomException("Cannot decode pixels of " + name + ": inconsistent Bits Stored " + d.bitsStored()
                    + " / High Bit " + d.highBit() + " for Bits Allocated " + d.bitsAllocated());
        }
        byte[] stored;
        long bitOffset;
        if (pixelData.isEncapsulated()) {
            TransferSyntax ts = TransferSyntax.fromUid(file.transferSyntaxUid()).orElse(null);
            EncapsulatedPixelData encapsulated = (EncapsulatedPixelData) pixelData.value();
            if (ts != TransferSyntax.ENCAPSULATED_UNCOMPRESSED) {
                return decodeCompressed(file, ts, encapsulated, d, frameIndex, name);
            }
            if (encapsulated.fragments().size() != d.frames()) {
                throw new DicomException("Cannot decode pixels of " + name + ": " + encapsulated.fragments().size()
                        + " fragments for " + d.frames() + " frames of encapsulated uncompressed data");
            }
            stored = encapsulated.fragments().get(frameIndex);
            bitOffset = 0;
        } else {
            stored = pixelData.bytes();
            bitOffset = frameIndex * d.storedBitsPerFrame();
        }
        long neededBits = bitOffset + d.storedBitsPerFrame();
        if (neededBits > (long) stored.length * 8) {
            throw new DicomException("Cannot decode pixels of " + name + ": Pixel Data holds " + stored.length
                    + " bytes, frame " + frameIndex + " needs " + ((neededBits + 7) / 8));
        }
        byte[] samples = d.bitsAllocated() == 1 ? unpackBits(stored, bitOffset, d.storedSamplesPerFrame())
                : maskSamples(stored, (int) (bitOffset / 8), d);
        if (d.samplesPerPixel() > 1 && d.chromaSubsampled()) {
            samples = expand422(samples, d);
        } else if (d.samplesPerPixel() > 1 && d.planarConfiguration() == 1) {
            samples = interleave(samples, d);
        }
        return samples;
    }

    /**
     * How the canonical samples of a frame are laid out: as stored, except that a codec may have changed the
     * Photometric Interpretation (YBR JPEG decoded to RGB) and always delivers interleaved, full-resolution samples.
     */
    public static ImagePixelDescription decodedDescription(DicomFile file) {
        ImagePixelDescription d = ImagePixelDescription.from(file.dataset());
        DicomElement pixelData = file.dataset().get(Tag.PixelData);
        if (pixelData == null || !pixelData.isEncapsulated()) {
            return d;
        }
        return TransferSyntax.fromUid(file.transferSyntaxUid()).flatMap(FrameDecoders::forSyntax)
                .map(decoder -> decoded(d, decoder.decodedPhotometric(d)))
                .orElse(d);
    }

    private static ImagePixelDescription decoded(ImagePixelDescription d, String photometric) {
        return new ImagePixelDescription(d.rows(), d.columns(), d.samplesPerPixel(), d.bitsAllocated(), d.bitsStored(),
                d.bitsStored() - 1, d.pixelRepresentation(), photometric, 0, d.frames());
    }

    private static byte[] decodeCompressed(DicomFile file, TransferSyntax ts, EncapsulatedPixelData encapsulated,
                                           ImagePixelDescription d, int frameIndex, String name) throws DicomException {
        FrameDecoder decoder = (ts == null ? java.util.Optional.<FrameDecoder>empty() : FrameDecoders.forSyntax(ts))
                .orElseThrow(() -> new DicomException("Cannot decode pixels of " + name + ": "
                        + TransferSyntax.describe(file.transferSyntaxUid()) + " is not supported"));
        byte[] decoded;
        try {
            byte[] codestream = EncapsulatedFrames.frame(encapsulated, d.frames(), frameIndex,
                    file.dataset().getBytes(EXTENDED_OFFSET_TABLE));
            decoded = decoder.decode(codestream, d);
        } catch (DicomException e) {
            throw new DicomException("Cannot decode frame " + (frameIndex + 1) + " of " + name + " ("
                    + TransferSyntax.describe(file.transferSyntaxUid()) + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DicomException("Cannot decode frame " + (frameIndex + 1) + " of " + name + " ("
                    + TransferSyntax.describe(file.transferSyntaxUid()) + "): corrupt codestream (" + e + ")", e);
        }
        ImagePixelDescription out = decoded(d, decoder.decodedPhotometric(d));
        long expected = out.canonicalFrameLength();
        if (decoded.length != expected) {
            throw new DicomException("Cannot decode frame " + (frameIndex + 1) + " of " + name + ": the codec gave "
                    + decoded.length + " bytes, the image needs " + expected);
        }
        if (out.bitsAllocated() == 1) {
            // Codecs give 1-bit data one byte per sample, as canonical frames are; only the low bit counts.
            for (int i = 0; i < decoded.length; i++) {
                decoded[i] &= 1;
            }
            return decoded;
        }
        return maskInPlace(decoded, out);
    }

    private static byte[] slice(byte[] data, long offset, long length, String name) throws DicomException {
        if (offset + length > data.length) {
            throw new DicomException("Cannot decode pixels of " + name + ": pixel data holds " + data.length
                    + " bytes, need " + (offset + length));
        }
        byte[] out = new byte[(int) length];
        System.arraycopy(data, (int) offset, out, 0, (int) length);
        return out;
    }

    private static byte[] unpackBits(byte[] stored, long bitOffset, long count) {
        byte[] out = new byte[(int) count];
        for (int i = 0; i < count; i++) {
            long bit = bitOffset + i;
            out[i] = (byte) ((stored[(int) (bit >>> 3)] >>> (bit & 7)) & 1);
        }
        return out;
    }

    private static byte[] maskSamples(byte[] stored, int offset, ImagePixelDescription d) {
        byte[] out = new byte[(int) d.storedSamplesPerFrame() * (d.bitsAllocated() / 8)];
        System.arraycopy(stored, offset, out, 0, out.length);
        return maskInPlace(out, d);
    }

    /** Moves each sample's Bits Stored (ending at High Bit) down to bit 0, sign-extended for signed data. */
    private static byte[] maskInPlace(byte[] out, ImagePixelDescription d) {
        int bytes = d.bitsAllocated() / 8;
        int count = (int) d.storedSamplesPerFrame();
        int shift = d.highBit() + 1 - d.bitsStored();
        if (d.bitsStored() == d.bitsAllocated() && shift == 0) {
            return out;
        }
        if (bytes == 2) {
            mask16(out, count, 32 - (d.highBit() + 1), 32 - d.bitsStored(), d.signed());
            return out;
        }
        long mask = (1L << d.bitsStored()) - 1;
        int signShift = 64 - d.bitsStored();
        for (int i = 0; i < count; i++) {
            int p = i * bytes;
            long v = 0;
            for (int b = bytes - 1; b >= 0; b--) {
                v = (v << 8) | (out[p + b] & 0xFF);
            }
            v = (v >>> shift) & mask;
            if (d.signed()) {
                v = (v << signShift) >> signShift;
            }
            for (int b = 0; b < bytes; b++) {
                out[p + b] = (byte) (v >>> (8 * b));
            }
        }
        return out;
    }

    /** 16-bit samples: shifting the high bit up to bit 31 and back down masks, moves and sign-extends at once. */
    private static void mask16(byte[] out, int count, int up, int down, boolean signed) {
        if (signed) {
            for (int i = 0, p = 0; i < count; i++, p += 2) {
                int v = (((out[p] & 0xFF) | (out[p + 1] << 8)) << up) >> down;
                out[p] = (byte) v;
                out[p + 1] = (byte) (v >> 8);
            }
        } else {
            for (int i = 0, p = 0; i < count; i++, p += 2) {
                int v = (((out[p] & 0xFF) | (out[p + 1] << 8)) << up) >>> down;
                out[p] = (byte) v;
                out[p + 1] = (byte) (v >> 8);
            }
        }
    }

    private static byte[] interleave(byte[] planar, ImagePixelDescription d) {
        int bytes = d.canonicalBytesPerSample();
        int pixels = d.pixelsPerFrame();
        int spp = d.samplesPerPixel();
        byte[] out = new byte[planar.length];
        for (int s = 0; s < spp; s++) {
            for (int p = 0; p < pixels; p++) {
                System.arraycopy(planar, (s * pixels + p) * bytes, out, (p * spp + s) * bytes, bytes);
            }
        }
        return out;
    }

    /** Y0 Y1 Cb Cr per pixel pair to Y Cb Cr per pixel (no colour conversion). */
    private static byte[] expand422(byte[] packed, ImagePixelDescription d) {
        int bytes = d.canonicalBytesPerSample();
        int pixels = d.pixelsPerFrame();
        byte[] out = new byte[pixels * 3 * bytes];
        for (int p = 0; p < pixels; p++) {
            int pair = p / 2;
            int base = pair * 4 * bytes;
            System.arraycopy(packed, base + (p % 2) * bytes, out, p * 3 * bytes, bytes);
            System.arraycopy(packed, base + 2 * bytes, out, (p * 3 + 1) * bytes, bytes);
            System.arraycopy(packed, base + 3 * bytes, out, (p * 3 + 2) * bytes, bytes);
        }
        return out;
    }
}
