package io.secondlook.dicom.codec.jpegls;

/** Writes decoded lines into the frame's canonical bytes: components interleaved per pixel, little-endian. */
final class JpegLsSampleSink {
    private final byte[] out;
    private final int bytesPerSample;
    private final int components;
    private final int columns;

    JpegLsSampleSink(byte[] out, int bytesPerSample, JpegLsFrame frame) {
        this.out = out;
        this.bytesPerSample = bytesPerSample;
        this.components = frame.components();
        this.columns = frame.columns();
    }

    /** Line {@code row} of component {@code component}, samples at {@code line[1..columns]}. */
    void write(int[] line, int component, int row) {
        int stride = components * bytesPerSample;
        int at = ((row * columns) * components + component) * bytesPerSample;
        switch (bytesPerSample) {
            case 1 -> {
                for (int x = 1; x <= columns; x++, at += stride) {
                    out[at] = (byte) line[x];
                }
            }
            case 2 -> {
                for (int x = 1; x <= columns; x++, at += stride) {
                    int v = line[x];
                    out[at] = (byte) v;
                    out[at + 1] = (byte) (v >> 8);
                }
            }
            default -> {
                for (int x = 1; x <= columns; x++, at += stride) {
                    int v = line[x];
                    out[at] = (byte) v;
                    out[at + 1] = (byte) (v >> 8);
                    // higher bytes of wider containers stay 0: JPEG-LS samples have at most 16 bits
                }
            }
        }
    }
}
