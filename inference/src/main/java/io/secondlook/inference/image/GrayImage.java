package io.secondlook.inference.image;

/**
 * Display-ready grayscale image: values in [0,1] after the VOI window, row-major, {@code width * height} pixels.
 * The array is not copied; callers must not modify it after construction.
 */
public record GrayImage(int width, int height, float[] pixels) {

    public GrayImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        if (pixels == null || pixels.length != (long) width * height) {
            throw new IllegalArgumentException("Expected " + (long) width * height + " pixels for " + width + "x"
                    + height + ", got " + (pixels == null ? "null" : pixels.length));
        }
    }

    /** Wraps 8-bit gray levels as v / 255. */
    public static GrayImage fromUnsignedBytes(int width, int height, byte[] gray, int offset) {
        float[] px = new float[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = (gray[offset + i] & 0xFF) / 255f;
        }
        return new GrayImage(width, height, px);
    }

    public float at(int x, int y) {
        return pixels[y * width + x];
    }
}
