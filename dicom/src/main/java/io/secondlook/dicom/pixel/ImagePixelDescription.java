package io.secondlook.dicom.pixel;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.Tag;

/**
 * How the pixels of an image are laid out (PS3.3 C.7.6.3), read from the Image Pixel module.
 *
 * @param photometric Photometric Interpretation, e.g. "MONOCHROME2", "RGB", "YBR_FULL_422", "PALETTE COLOR"
 * @param planarConfiguration 0 = samples interleaved per pixel, 1 = one plane per sample
 */
public record ImagePixelDescription(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
                                    int highBit, int pixelRepresentation, String photometric,
                                    int planarConfiguration, int frames) {

    public static ImagePixelDescription from(Dataset ds) {
        int bitsAllocated = ds.getInt(Tag.BitsAllocated, 0);
        int bitsStored = ds.getInt(Tag.BitsStored, bitsAllocated);
        if (bitsAllocated == 0 && ds.contains(Tag.FloatPixelData)) {
            bitsAllocated = bitsStored = 32;
        } else if (bitsAllocated == 0 && ds.contains(Tag.DoubleFloatPixelData)) {
            bitsAllocated = bitsStored = 64;
        }
        return new ImagePixelDescription(
                ds.getInt(Tag.Rows, 0),
                ds.getInt(Tag.Columns, 0),
                ds.getInt(Tag.SamplesPerPixel, 1),
                bitsAllocated,
                bitsStored,
                ds.getInt(Tag.HighBit, bitsStored - 1),
                ds.getInt(Tag.PixelRepresentation, 0),
                ds.getString(Tag.PhotometricInterpretation, "MONOCHROME2").toUpperCase(java.util.Locale.ROOT),
                ds.getInt(Tag.PlanarConfiguration, 0),
                Math.max(1, ds.getInt(Tag.NumberOfFrames, 1)));
    }

    public int pixelsPerFrame() {
        return rows * columns;
    }

    public boolean signed() {
        return pixelRepresentation == 1;
    }

    public boolean monochrome() {
        return photometric.startsWith("MONOCHROME");
    }

    public boolean monochrome1() {
        return photometric.equals("MONOCHROME1");
    }

    /** YBR_FULL_422 and YBR_PARTIAL_422 store two luminance samples per chrominance pair when uncompressed. */
    public boolean chromaSubsampled() {
        return photometric.equals("YBR_FULL_422") || photometric.equals("YBR_PARTIAL_422");
    }

    /** Samples stored for one frame in native (uncompressed) Pixel Data. */
    public long storedSamplesPerFrame() {
        if (chromaSubsampled() && samplesPerPixel == 3) {
            return (long) pixelsPerFrame() * 2;
        }
        return (long) pixelsPerFrame() * samplesPerPixel;
    }

    /** Bits one frame occupies in native Pixel Data (frames of 1-bit data are packed without padding). */
    public long storedBitsPerFrame() {
        return storedSamplesPerFrame() * bitsAllocated;
    }

    /** Bytes per sample in canonical form: 1 for 1- and 8-bit data, else Bits Allocated / 8. */
    public int canonicalBytesPerSample() {
        return bitsAllocated <= 8 ? 1 : bitsAllocated / 8;
    }

    /** Bytes of one frame in canonical form (all samples of all pixels, interleaved). */
    public long canonicalFrameLength() {
        return (long) pixelsPerFrame() * samplesPerPixel * canonicalBytesPerSample();
    }
}
