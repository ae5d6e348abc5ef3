package io.secondlook.dicom.codec.jpegls;

/**
 * Gradient quantisation (T.87 A.3.3) as a table: entry {@code d + MAXVAL} holds the region (-4..4) of the local
 * gradient d. The last table is kept, since the frames of a series share their parameters.
 */
final class JpegLsGradients {
    private record Table(int maxVal, int near, int t1, int t2, int t3, byte[] regions) {
    }

    private static volatile Table last;

    private JpegLsGradients() {
    }

    static byte[] table(JpegLsParameters p) {
        Table t = last;
        if (t != null && t.maxVal == p.maxVal() && t.near == p.near() && t.t1 == p.t1() && t.t2 == p.t2() && t.t3 == p.t3()) {
            return t.regions;
        }
        byte[] regions = new byte[2 * p.maxVal() + 1];
        for (int d = -p.maxVal(); d <= p.maxVal(); d++) {
            regions[d + p.maxVal()] = (byte) region(d, p);
        }
        last = new Table(p.maxVal(), p.near(), p.t1(), p.t2(), p.t3(), regions);
        return regions;
    }

    private static int region(int d, JpegLsParameters p) {
        if (d <= -p.t3()) {
            return -4;
        } else if (d <= -p.t2()) {
            return -3;
        } else if (d <= -p.t1()) {
            return -2;
        } else if (d < -p.near()) {
            return -1;
        } else if (d <= p.near()) {
            return 0;
        } else if (d < p.t1()) {
            return 1;
        } else if (d < p.t2()) {
            return 2;
        } else if (d < p.t3()) {
            return 3;
        }
        return 4;
    }
}
