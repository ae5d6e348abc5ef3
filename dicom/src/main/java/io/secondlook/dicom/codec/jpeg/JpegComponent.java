package io.secondlook.dicom.codec.jpeg;

/** One component of a JPEG frame, with its decoding state (DCT sample plane or lossless samples). */
final class JpegComponent {
    final int id;
    final int h;
    final int v;
    final int quantSelector;
    /** Size of the component's sample plane (before upsampling), T.81 A.1.1. */
    int width;
    int height;
    /** Blocks per row and per column covering whole MCUs (DCT processes). */
    int blocksWide;
    int blocksHigh;
    /** DCT: inverse-transformed samples of every block, row stride {@code blocksWide * 8}. */
    int[] plane;
    /** DCT, single component: the frame's samples as little-endian bytes instead of {@link #plane}. */
    byte[] output;
    int outputBytes;
    int[] quant;
    /** Lossless: reconstructed samples before the point transform, row stride {@link #width}. */
    int[] samples;
    int pointTransform;
    int dcPrediction;

    JpegComponent(int id, int h, int v, int quantSelector) {
        this.id = id;
        this.h = h;
        this.v = v;
        this.quantSelector = quantSelector;
    }
}
