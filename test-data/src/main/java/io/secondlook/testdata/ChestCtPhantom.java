package io.secondlook.testdata;

import static io.secondlook.testdata.Shapes.clamp;
import static io.secondlook.testdata.Shapes.ellipse;
import static io.secondlook.testdata.Shapes.segmentDistance;
import static io.secondlook.testdata.Shapes.smoothstep;

import java.util.SplittableRandom;

/**
 * An analytic chest phantom sampled as axial CT slices in Hounsfield units. Anatomical coordinates are
 * millimetres from the body axis: x towards the patient's left, y posterior, s caudal from the lung apices
 * (patient z = -s). Tissue values: air -1000, lung about -850, fat -100, muscle 50, blood 40, bone 220 to 800.
 */
final class ChestCtPhantom implements VesselTree.LungTest {
    static final int SIZE = 512;
    static final double SPACING_MM = 0.75;
    /** The body axis sits this far anterior of the image centre, leaving room for the table. */
    static final double BODY_OFFSET_Y_MM = 12;
    static final double NODULE_X = 80;
    static final double NODULE_Y = -30;
    static final double NODULE_S = 72;
    static final double NODULE_RADIUS = 6.5;

    private static final int HU_AIR = -1000;
    private static final int HU_FAT = -100;
    private static final int HU_MUSCLE = 50;
    private static final int HU_BLOOD = 40;
    private static final int HU_LIVER = 60;
    private static final int HU_MARROW = 230;
    private static final int HU_CORTEX = 780;
    private static final double RIB_PITCH = 22;
    private static final double VERTEBRA_PITCH = 26;

    private final boolean consolidation;
    private final ValueNoise texture = new ValueNoise(0xC7A11L);
    private final VesselTree vessels;

    ChestCtPhantom(boolean consolidation) {
        this.consolidation = consolidation;
        this.vessels = VesselTree.grow(this, 0x7E55E1L);
    }

    VesselTree vessels() {
        return vessels;
    }

    /** One slice as stored values (HU + 1024), row by row, anterior at the top, patient's right on the left. */
    short[] renderSlice(double s, long noiseSeed) {
        Slice g = new Slice(s);
        float[] vessel = vesselFraction(s);
        SplittableRandom noise = new SplittableRandom(noiseSeed);
        short[] out = new short[SIZE * SIZE];
        for (int r = 0; r < SIZE; r++) {
            double y = (r - (SIZE - 1) / 2.0) * SPACING_MM + BODY_OFFSET_Y_MM;
            for (int c = 0; c < SIZE; c++) {
                double x = (c - (SIZE - 1) / 2.0) * SPACING_MM;
                int i = r * SIZE + c;
                double hu = hu(g, x, y, vessel[i]) + noise.nextGaussian() * 9;
                out[i] = (short) Math.round(clamp(hu, -1024, 3071) + 1024);
            }
        }
        return out;
    }

    @Override
    public boolean inside(double x, double y, double s) {
        Slice g = new Slice(s);
        return g.inCavity(x, y) && lungSide(g, x, y) && !mediastinal(g, x, y) && !g.inDome(x, y);
    }

    // ---- tissue classification -------------------------------------------------------------------------------

    private double hu(Slice g, double x, double y, float vessel) {
        double body = ellipse(x, y, 0, 0, g.a, g.b);
        if (body >= 1) {
            return table(x, y);
        }
        double rho = Math.sqrt(body);
        double skinDepth = (1 / rho - 1) * Math.hypot(x, y);
        if (skinDepth < 2) {
            return 25;
        }
        double bone = spine(g, x, y);
        if (!Double.isNaN(bone)) {
            return bone;
        }
        if (!g.inCavity(x, y)) {
            return chestWall(g, x, y, skinDepth);
        }
        if (g.inDome(x, y)) {
            return abdomen(g, x, y);
        }
        double m = mediastinum(g, x, y);
        if (!Double.isNaN(m)) {
            return m;
        }
        if (lungSide(g, x, y)) {
            return lung(g, x, y, vessel);
        }
        return HU_FAT + 60 * texture.at(x / 6, y / 6, g.s / 6);
    }

    private double table(double x, double y) {
        double top = 100 + BODY_OFFSET_Y_MM + 0.0009 * x * x;
        double depth = y - top;
        if (Math.abs(x) > 185 || depth < 0 || depth > 12) {
            return HU_AIR;
        }
        return depth < 2 || depth > 10 ? 250 : -900;
    }

    private double chestWall(Slice g, double x, double y, double skinDepth) {
        double rib = rib(g, x, y);
        if (!Double.isNaN(rib)) {
            return rib;
        }
        if (g.s < 120 && y > 10) {
            double scapula = scapula(g, x, y);
            if (!Double.isNaN(scapula)) {
                return scapula;
            }
        }
        if (g.s > 30 && g.s < 185 && ellipse(x, y, 0, -g.bi - 9, 14, 7) < 1) {
            return ellipse(x, y, 0, -g.bi - 9, 11, 4.5) < 1 ? HU_MARROW : HU_CORTEX;
        }
        double fatDepth = 10 + 8 * smoothstep(0, -1, y / g.b) + 6 * smoothstep(0.4, 1, Math.abs(x) / g.a);
        if (skinDepth < fatDepth) {
            return HU_FAT + 25 * texture.at(x / 4, y / 4, g.s / 4);
        }
        return HU_MUSCLE + 12 * texture.at(x / 5, y / 5, g.s / 5);
    }

    /** Rib cross-sections: a band just outside the pleural cavity, posterior ends higher than anterior ones. */
    private double rib(Slice g, double x, double y) {
        double rc = Math.sqrt(ellipse(x, y, 0, 0, g.ai, g.bi));
        double outside = (rc - 1) * Math.hypot(x, y) / rc;
        if (outside < 0.5 || outside > 13) {
            return Double.NaN;
        }
        double theta = Math.atan2(y, x);
        double sAlong = g.s - 70 * (1 - Math.sin(theta)) / 2;
        int index = (int) Math.floor((sAlong + RIB_PITCH / 2) / RIB_PITCH);
        if (index < 0 || index > 11 || (index > 9 && y < 0)) {
            return Double.NaN;
        }
        double phase = sAlong - index * RIB_PITCH;
        double q = ellipse(outside, phase, 5.5, 0, 4, 5);
        if (q >= 1) {
            return Double.NaN;
        }
        if (y < -0.6 * g.bi && Math.abs(x) < 55) {
            return 110; // costal cartilage
        }
        return q < 0.45 ? HU_MARROW : HU_CORTEX;
    }

    private double scapula(Slice g, double x, double y) {
        double rc = Math.sqrt(ellipse(x, y, 0, 0, g.ai, g.bi));
        double outside = (rc - 1) * Math.hypot(x, y) / rc;
        double theta = Math.toDegrees(Math.atan2(y, Math.abs(x)));
        if (theta < 25 || theta > 62 || outside < 16 || outside > 21) {
            return Double.NaN;
        }
        return outside < 17 || outside > 20 ? HU_CORTEX - 150 : HU_MARROW;
    }

    /** The vertebra (body, canal, lamina, spinous and transverse processes); NaN where there is none. */
    private double spine(Slice g, double x, double y) {
        if (Math.abs(x) > 36 || y < g.b - 96) {
            return Double.NaN;
        }
        double bodyY = g.b - 76;
        double vb = ellipse(x, y, 0, bodyY, 17, 16);
        if (vb < 1) {
            boolean disc = Math.floorMod((long) Math.floor(g.s + 1000), (long) VERTEBRA_PITCH) < 5;
            if (disc) {
                return 85;
            }
            return vb > 0.78 ? HU_CORTEX : HU_MARROW + 30 * texture.at(x / 3, y / 3, g.s / 3);
        }
        double canalY = g.b - 50;
        double canal = Math.hypot(x, y - canalY);
        if (canal < 8) {
            return 25;
        }
        if (canal < 13 && y > bodyY + 8) {
            return canal > 11 ? HU_CORTEX - 100 : HU_MARROW + 100;
        }
        if (ellipse(x, y, 0, g.b - 31, 5, 13) < 1 || ellipse(Math.abs(x), y, 24, g.b - 50, 11, 5) < 1) {
            return 550;
        }
        return Double.NaN;
    }

    private double abdomen(Slice g, double x, double y) {
        if (x > 0 && g.s > 205 && ellipse(x, y, 55, -35, 34, 26) < 1) {
            return y < -38 ? HU_AIR + 20 : 20; // gastric air over fluid
        }
        return (x < 0 ? HU_LIVER : 45) + 10 * texture.at(x / 8, y / 8, g.s / 8);
    }

    /** Mediastinal structures and fat; NaN outside the mediastinum. */
    private double mediastinum(Slice g, double x, double y) {
        double s = g.s;
        if (s < 96 && Math.hypot(x, y + 8) < 10) {
            return Math.hypot(x, y + 8) < 8 ? HU_AIR : 40; // trachea
        }
        if (s >= 92 && s < 120) {
            double t = s - 92;
            double right = Math.hypot(x + 10 + 1.3 * t, y + 6);
            double left = Math.hypot(x - 10 - 1.1 * t, y + 4);
            if (right < 7 || left < 6) {
                return right < 5.5 || left < 4.5 ? HU_AIR : 40;
            }
        }
        if (vessel(s, x, y)) {
            return HU_BLOOD + 6 * texture.at(x / 6, y / 6, s / 6);
        }
        double heart = g.heartAt(x, y);
        if (heart < 1) {
            return heart > 0.94 ? -70 : HU_BLOOD + 8 * texture.at(x / 6, y / 6, s / 6);
        }
        if (Math.hypot(x - 8, y - 6) < 7) {
            return 35; // oesophagus
        }
        if (mediastinal(g, x, y)) {
            return HU_FAT + 20 * texture.at(x / 5, y / 5, s / 5);
        }
        return Double.NaN;
    }

    private static boolean vessel(double s, double x, double y) {
        double descendingX = 22 - 14 * smoothstep(150, 240, s);
        return (s > 56 && Math.hypot(x - descendingX, y - 14) < 12)                                  // descending aorta
                || (s > 62 && s < 132 && Math.hypot(x + 8, y + 42) < 15)                             // ascending aorta
                || (s >= 48 && s <= 62 && segmentDistance(x, y, -8, -42, 22, 14) < 13)              // arch
                || (s > 98 && s < 118 && Math.hypot(x - 18, y + 48) < 14)                            // pulmonary trunk
                || (s > 104 && s < 116 && segmentDistance(x, y, 18, -40, -50, -8) < 9)              // right PA
                || (s > 96 && s < 108 && segmentDistance(x, y, 18, -48, 50, -6) < 9)                // left PA
                || (s > 18 && s < 125 && Math.hypot(x + 32, y + 36) < 10)                            // SVC
                || (s < 48 && (Math.hypot(x + 20, y + 34) < 7 || Math.hypot(x - 6, y + 30) < 6
                        || Math.hypot(x - 18, y + 22) < 5));                                          // arch branches
    }

    private static boolean mediastinal(Slice g, double x, double y) {
        return ellipse(x, y, 0, -30, g.mediastinumHalfWidth, 60) < 1 || ellipse(x, y, 0, g.b - 72, 29, 30) < 1
                || vessel(g.s, x, y) || g.heartAt(x, y) < 1.15;
    }

    private static boolean lungSide(Slice g, double x, double y) {
        double cx = x < 0 ? -68 : 68;
        return Math.hypot(x - cx, y - 8) < g.apexRadius;
    }

    private double lung(Slice g, double x, double y, float vessel) {
        double s = g.s;
        double hu = -858 + 28 * texture.fractal(x / 14, y / 14, s / 14, 3) + 55 * smoothstep(-0.2, 1, y / g.bi);
        if (consolidation) {
            double d = Math.sqrt(ellipse(x, y, -88, 40, 34, 30) + Math.pow((s - 188) / 30, 2));
            if (d < 1) {
                double patch = texture.fractal(x / 9, y / 9, s / 9, 3);
                double fill = smoothstep(0.15, 0.75, (1 - d * d) * 0.8 + 0.6 * patch);
                hu += (15 - hu) * fill;
            }
        }
        double dn = Math.sqrt(Math.pow(x - NODULE_X, 2) + Math.pow(y - NODULE_Y, 2) + Math.pow(s - NODULE_S, 2));
        double lobulated = NODULE_RADIUS * (1 + 0.12 * texture.at(x / 2, y / 2, s / 2));
        double nodule = clamp(lobulated - dn + 0.5, 0, 1);
        hu += (30 - hu) * Math.max(nodule, vessel);
        return hu;
    }

    /** Per-pixel fraction of each voxel filled by vessels of the tree, with a one-voxel partial-volume edge. */
    private float[] vesselFraction(double s) {
        float[] out = new float[SIZE * SIZE];
        for (VesselTree.Segment v : vessels.segments()) {
            if (s < v.sMin() || s > v.sMax()) {
                continue;
            }
            double ds = v.s2() - v.s1();
            double t = Math.abs(ds) < 1e-6 ? 0.5 : clamp((s - v.s1()) / ds, 0, 1);
            double cx = v.x1() + t * (v.x2() - v.x1());
            double cy = v.y1() + t * (v.y2() - v.y1());
            double extent = v.r() + Math.max(Math.abs(v.x2() - v.x1()), Math.abs(v.y2() - v.y1())) + 1;
            int c0 = Math.max(0, toColumn(cx - extent));
            int c1 = Math.min(SIZE - 1, toColumn(cx + extent));
            int r0 = Math.max(0, toRow(cy - extent));
            int r1 = Math.min(SIZE - 1, toRow(cy + extent));
            for (int r = r0; r <= r1; r++) {
                double y = (r - (SIZE - 1) / 2.0) * SPACING_MM + BODY_OFFSET_Y_MM;
                for (int c = c0; c <= c1; c++) {
                    double x = (c - (SIZE - 1) / 2.0) * SPACING_MM;
                    double d = distance3d(v, x, y, s);
                    float f = (float) clamp((v.r() - d) / SPACING_MM + 0.5, 0, 1);
                    int i = r * SIZE + c;
                    if (f > out[i]) {
                        out[i] = f;
                    }
                }
            }
        }
        return out;
    }

    private static double distance3d(VesselTree.Segment v, double x, double y, double s) {
        double dx = v.x2() - v.x1();
        double dy = v.y2() - v.y1();
        double ds = v.s2() - v.s1();
        double len2 = dx * dx + dy * dy + ds * ds;
        double t = clamp(((x - v.x1()) * dx + (y - v.y1()) * dy + (s - v.s1()) * ds) / len2, 0, 1);
        double ex = x - v.x1() - t * dx;
        double ey = y - v.y1() - t * dy;
        double es = s - v.s1() - t * ds;
        return Math.sqrt(ex * ex + ey * ey + es * es);
    }

    private static int toColumn(double x) {
        return (int) Math.floor(x / SPACING_MM + (SIZE - 1) / 2.0);
    }

    private static int toRow(double y) {
        return (int) Math.floor((y - BODY_OFFSET_Y_MM) / SPACING_MM + (SIZE - 1) / 2.0);
    }

    /** Dimensions of the anatomy at one level. */
    private static final class Slice {
        final double s;
        final double a;
        final double b;
        final double ai;
        final double bi;
        final double apexRadius;
        final double mediastinumHalfWidth;
        final double heartScale;
        final double domeRight;
        final double domeLeft;

        Slice(double s) {
            this.s = s;
            this.a = 150 + 4 * Math.sin(s / 80);
            this.b = 106 + 4 * smoothstep(0, 120, s);
            this.ai = a - 24;
            this.bi = b - 20;
            this.apexRadius = 24 + 3.2 * Math.max(0, s + 6);
            this.mediastinumHalfWidth = 24 + 14 * smoothstep(30, 70, s);
            double h = (s - 165) / 62;
            this.heartScale = Math.abs(h) < 1 ? Math.sqrt(1 - h * h) : 0;
            this.domeRight = s > 195 ? Math.sqrt(300 * (s - 195)) : 0;
            this.domeLeft = s > 207 ? Math.sqrt(300 * (s - 207)) : 0;
        }

        boolean inCavity(double x, double y) {
            return ellipse(x, y, 0, 0, ai, bi) < 1;
        }

        boolean inDome(double x, double y) {
            return (domeRight > 0 && Math.hypot(x + 65, y + 5) < domeRight)
                    || (domeLeft > 0 && Math.hypot(x - 65, y) < domeLeft);
        }

        /** Normalised squared radius in the heart's cross-section (infinite above and below the heart). */
        double heartAt(double x, double y) {
            return heartScale == 0 ? Double.POSITIVE_INFINITY : ellipse(x, y, 18, -28, 72 * heartScale, 56 * heartScale);
        }
    }
}
