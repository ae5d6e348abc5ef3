package io.secondlook.dicom.codec;

import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.util.List;

/** How far two sets of canonical frames are apart: differing samples, max absolute error and PSNR. */
public record FrameComparison(long samples, long differing, long maxAbsError, double psnr, String firstDifference) {

    public boolean identical() {
        return differing == 0;
    }

    public static FrameComparison of(List<byte[]> expected, List<byte[]> actual, ImagePixelDescription d) {
        if (expected.size() != actual.size()) {
            return new FrameComparison(0, -1, Long.MAX_VALUE, 0, expected.size() + " frames expected, got " + actual.size());
        }
        int bytes = d.canonicalBytesPerSample();
        long samples = 0;
        long differing = 0;
        long maxError = 0;
        double squares = 0;
        String first = null;
        for (int f = 0; f < expected.size(); f++) {
            byte[] e = expected.get(f);
            byte[] a = actual.get(f);
            if (e.length != a.length) {
                return new FrameComparison(0, -1, Long.MAX_VALUE, 0, "frame " + (f + 1) + " has " + a.length + " bytes, expected " + e.length);
            }
            for (int p = 0; p < e.length; p += bytes) {
                long ve = sample(e, p, bytes, d.signed());
                long va = sample(a, p, bytes, d.signed());
                samples++;
                if (ve != va) {
                    long error = Math.abs(ve - va);
                    if (first == null) {
                        first = "frame " + (f + 1) + " sample " + (p / bytes) + ": expected " + ve + ", got " + va;
                    }
                    differing++;
                    maxError = Math.max(maxError, error);
                    squares += (double) error * error;
                }
            }
        }
        double peak = Math.pow(2, Math.min(d.bitsStored(), 8 * bytes)) - 1;
        double psnr = differing == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(peak * peak / (squares / samples));
        return new FrameComparison(samples, differing, maxError, psnr, first);
    }

    private static long sample(byte[] b, int p, int bytes, boolean signed) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (b[p + i] & 0xFF);
        }
        if (signed) {
            int shift = 64 - 8 * bytes;
            v = (v << shift) >> shift;
        }
        return v;
    }

    @Override
    public String toString() {
        return identical() ? samples + " samples identical"
                : differing + " of " + samples + " samples differ, max abs error " + maxAbsError
                        + String.format(", PSNR %.1f dB", psnr) + " (first: " + firstDifference + ")";
    }
}
