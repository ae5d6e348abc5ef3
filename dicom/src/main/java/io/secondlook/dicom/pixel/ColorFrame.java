package io.secondlook.dicom.pixel;

/** One frame ready for display in colour: row-major packed ARGB pixels (alpha always opaque), 8 bits per channel. */
public record ColorFrame(int width, int height, int[] argb) {

    public ColorFrame {
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException("Frame " + width + "x" + height + " holds " + argb.length + " pixels");
        }
    }

    public int argb(int x, int y) {
        return argb[y * width + x];
    }

    /** The pixels as interleaved R, G, B bytes (a PPM body). */
    public byte[] rgb() {
        byte[] out = new byte[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            out[3 * i] = (byte) (argb[i] >> 16);
            out[3 * i + 1] = (byte) (argb[i] >> 8);
            out[3 * i + 2] = (byte) argb[i];
        }
        return out;
    }

    static int pack(int r, int g, int b) {
        return 0xFF000000 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
