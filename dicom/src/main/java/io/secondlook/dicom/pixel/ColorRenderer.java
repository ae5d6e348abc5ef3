package io.secondlook.dicom.pixel;

import io.secondlook.dicom.DicomException;
import java.util.Locale;

/**
 * Canonical colour samples to display RGB: RGB as is, YBR_FULL / YBR_FULL_422 and YBR_PARTIAL_422 / _420 with
 * the equations of PS3.3 C.7.6.3.1.2 (rounded and clipped as pydicom's convert_color_space does), PALETTE COLOR
 * through its tables. Samples wider than 8 bits are scaled to 8 bits.
 */
final class ColorRenderer {
    private ColorRenderer() {
    }

    static int[] render(byte[] canonical, ImagePixelDescription d, PaletteLut palette) throws DicomException {
        int pixels = d.pixelsPerFrame();
        int[] out = new int[pixels];
        int size = d.canonicalBytesPerSample();
        String photometric = d.photometric();
        if (palette != null) {
            for (int p = 0; p < pixels; p++) {
                out[p] = palette.argb(sample(canonical, p, size, d.signed() && d.bitsAllocated() > 1));
            }
            return out;
        }
        if (d.samplesPerPixel() != 3) {
            throw new DicomException("Cannot render " + photometric + " with " + d.samplesPerPixel() + " samples per pixel in colour");
        }
        int max = (1 << Math.min(d.bitsStored(), 16)) - 1;
        double half = (max + 1) / 2.0;
        Conversion conversion = conversion(photometric);
        for (int p = 0; p < pixels; p++) {
            double a = sample(canonical, 3 * p, size, false);
            double b = sample(canonical, 3 * p + 1, size, false);
            double c = sample(canonical, 3 * p + 2, size, false);
            double r;
            double g;
            double bl;
            switch (conversion) {
                case FULL -> {
                    b -= half;
                    c -= half;
                    r = a + 1.402 * c;
                    g = a - 0.114 * 1.772 / 0.587 * b - 0.299 * 1.402 / 0.587 * c;
                    bl = a + 1.772 * b;
                }
                case PARTIAL -> {
                    // Y in 16..235 and CbCr in 16..240 of 255, scaled for wider samples.
                    double scale = max / 255.0;
                    double y = (a - 16 * scale) * 255.0 / 219.0;
                    b = (b - half) * 255.0 / 224.0;
                    c = (c - half) * 255.0 / 224.0;
                    r = y + 1.402 * c;
                    g = y - 0.114 * 1.772 / 0.587 * b - 0.299 * 1.402 / 0.587 * c;
                    bl = y + 1.772 * b;
                }
                default -> {
                    r = a;
                    g = b;
                    bl = c;
                }
            }
            out[p] = ColorFrame.pack(to8(r, max), to8(g, max), to8(bl, max));
        }
        return out;
    }

    private enum Conversion { NONE, FULL, PARTIAL }

    private static Conversion conversion(String photometric) throws DicomException {
        return switch (photometric.toUpperCase(Locale.ROOT)) {
            case "RGB", "YBR_ICT", "YBR_RCT" -> Conversion.NONE;
            case "YBR_FULL", "YBR_FULL_422" -> Conversion.FULL;
            case "YBR_PARTIAL_422", "YBR_PARTIAL_420" -> Conversion.PARTIAL;
            default -> throw new DicomException("Photometric Interpretation " + photometric + " is not a colour model we can display");
        };
    }

    private static int to8(double v, int max) {
        double clipped = Math.max(0, Math.min(max, Math.rint(v)));
        return max == 255 ? (int) clipped : (int) Math.round(clipped * 255.0 / max);
    }

    private static int sample(byte[] b, int index, int size, boolean signed) {
        int p = index * size;
        if (size == 1) {
            return signed ? b[p] : b[p] & 0xFF;
        }
        int v = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
        if (size == 2) {
            return signed ? (short) v : v;
        }
        return v | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
