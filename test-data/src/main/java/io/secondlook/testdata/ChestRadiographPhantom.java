package io.secondlook.testdata;

import static io.secondlook.testdata.Shapes.chord;
import static io.secondlook.testdata.Shapes.clamp;
import static io.secondlook.testdata.Shapes.ellipse;
import static io.secondlook.testdata.Shapes.gauss;
import static io.secondlook.testdata.Shapes.lerp;
import static io.secondlook.testdata.Shapes.smoothstep;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * An analytic PA chest radiograph: path lengths through soft tissue, air and bone are summed per pixel and
 * mapped through a log-like detector response (bright where the beam was attenuated, as in MONOCHROME2).
 * Coordinates are millimetres at the detector: x to the viewer's right (the patient's left), y downwards,
 * origin at the image centre.
 */
final class ChestRadiographPhantom {
    static final int SIZE = 2048;
    static final double SPACING_MM = 0.2;
    static final int BITS_STORED = 12;
    /** Magnification from the anatomical model onto the detector, and where the lung apices land. */
    private static final double MAGNIFICATION = 1.1;
    private static final double APEX_Y = -150;
    private static final double BONE_TO_SOFT = 2.4;

    private final boolean consolidation;
    private final ValueNoise texture = new ValueNoise(0xD1A6L);

    ChestRadiographPhantom(boolean consolidation) {
        this.consolidation = consolidation;
    }

    short[] render(VesselTree vessels) {
        float[] vessel = projectVessels(vessels);
        float[] log = new float[SIZE * SIZE];
        IntStream.range(0, SIZE).parallel().forEach(r -> renderRow(r, vessel, log));
        return present(log);
    }

    private void renderRow(int r, float[] vessel, float[] log) {
        double y = (r - (SIZE - 1) / 2.0) * SPACING_MM;
        LungRow right = new LungRow(false, y);
        LungRow left = new LungRow(true, y);
        for (int c = 0; c < SIZE; c++) {
            double x = (c - (SIZE - 1) / 2.0) * SPACING_MM;
            int i = r * SIZE + c;
            double air = lungAir(right, -x, y) + lungAir(left, x, y);
            if (air > 0) {
                air = Math.max(0, air * (1 + 0.06 * texture.fractal(x / 9, y / 9, 3)) - vessel[i]);
            }
            double body = bodyThickness(x, y);
            // Aerated lung still holds about a tenth of its volume in tissue, and the chest wall stays in the path.
            double soft = body - 0.9 * Math.min(air, Math.max(0, body - 30)) - airway(x, y);
            double attenuation = soft + BONE_TO_SOFT * bone(x, y);
            log[i] = (float) (1 - Math.exp(-attenuation / 125));
        }
    }

    /**
     * Presentation processing as on a real DX console: large-scale contrast is compressed and detail enhanced
     * (unsharp masking with a ~25 mm kernel), so ribs and spine stay visible over the heart and abdomen.
     */
    private static short[] present(float[] log) {
        float[] blurred = boxBlur(boxBlur(log, 60), 60);
        SplittableRandom noise = new SplittableRandom(0x5EC0DL);
        int max = (1 << BITS_STORED) - 1;
        short[] out = new short[log.length];
        for (int i = 0; i < log.length; i++) {
            double v = 0.62 * blurred[i] + 1.3 * (log[i] - blurred[i]);
            double p = 180 + 4300 * v + noise.nextGaussian() * 14;
            out[i] = (short) Math.round(clamp(p, 0, max));
        }
        return out;
    }

    /** Separable running-mean blur of half-width {@code radius} pixels, edges clamped. */
    private static float[] boxBlur(float[] in, int radius) {
        float[] tmp = new float[in.length];
        float[] out = new float[in.length];
        float norm = 1f / (2 * radius + 1);
        for (int r = 0; r < SIZE; r++) {
            int row = r * SIZE;
            double sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += in[row + Math.max(0, Math.min(SIZE - 1, k))];
            }
            for (int c = 0; c < SIZE; c++) {
                tmp[row + c] = (float) (sum * norm);
                sum += in[row + Math.min(SIZE - 1, c + radius + 1)] - in[row + Math.max(0, c - radius)];
            }
        }
        for (int c = 0; c < SIZE; c++) {
            double sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += tmp[Math.max(0, Math.min(SIZE - 1, k)) * SIZE + c];
            }
            for (int r = 0; r < SIZE; r++) {
                out[r * SIZE + c] = (float) (sum * norm);
                sum += tmp[Math.min(SIZE - 1, r + radius + 1) * SIZE + c] - tmp[Math.max(0, r - radius) * SIZE + c];
            }
        }
        return out;
    }

    // ---- soft tissue ------------------------------------------------------------------------------------------

    private static double bodyThickness(double x, double y) {
        double shoulders = smoothstep(-200, -140, y);
        double halfWidth = lerp(62, 176, shoulders) - 10 * smoothstep(60, 200, y);
        double depth = lerp(120, 235, shoulders);
        double torso = halfWidth > Math.abs(x) ? depth * Math.sqrt(1 - Math.pow(x / halfWidth, 2)) : 0;
        return torso;
    }

    /** Air path length through one lung; {@code u} is the distance from the midline towards that lung's side. */
    /** The parts of one lung's outline that depend only on the image row. */
    private static final class LungRow {
        final boolean left;
        final double top;
        final double lateral;
        final double medial;

        LungRow(boolean left, double y) {
            this.left = left;
            this.top = left ? -146 : -150;
            this.lateral = 34 + 128 * Math.pow(Shapes.clamp((y - top) / 178, 0, 1), 0.42);
            double m = left ? 25 + 18 * gauss((y + 80) / 18) : 20 + 3 * gauss((y + 60) / 30);
            double hy = (y - 50) / (y < 50 ? (left ? 92 : 70) : 62);
            if (Math.abs(hy) < 1) {
                double heart = (left ? 80 : 50) * Math.pow(1 - hy * hy, 0.75) + (left ? 16 : -16);
                m = Math.max(m, heart);
            }
            this.medial = m;
        }
    }

    private double lungAir(LungRow row, double u, double y) {
        boolean left = row.left;
        double top = row.top;
        if (u <= 0 || y <= top || u >= row.lateral || u <= row.medial) {
            return 0;
        }
        double lateral = row.lateral;
        double medial = row.medial;
        double domeTop = left ? 86 : 74;
        double dome = domeTop + 0.0058 * Math.pow(u - (left ? 80 : 86), 2);
        // Tangential air-tissue interfaces (diaphragm, heart border) are crisp; the chest wall curves away slowly.
        double depth = 185 * edge((lateral - u) / 38) * edge((u - medial) / 14) * edge((dome - y) / 9)
                * edge((y - top) / 45);
        if (depth <= 0) {
            return 0;
        }
        if (!left && consolidation) {
            double d = ellipse(u, y, 92, 48, 52, 40);
            if (d < 1) {
                double patch = texture.fractal(u / 16, y / 16 + 40, 4);
                double fill = smoothstep(0.0, 1.0, (1 - d) * 0.85 + 0.5 * patch);
                depth *= 1 - 0.45 * fill;
            }
        }
        return depth;
    }

    private static double edge(double t) {
        if (t <= 0) {
            return 0;
        }
        double c = Math.min(1, t);
        return 1 - (1 - c) * (1 - c);
    }

    private static double airway(double x, double y) {
        double trachea = y < -42 ? chord(8.5, Math.abs(x + 1.5)) : 0;
        double right = Shapes.segmentDistance(x, y, -1.5, -44, -44, -16);
        double left = Shapes.segmentDistance(x, y, -1.5, -44, 40, -6);
        return Math.max(trachea, Math.max(chord(6.5, right), chord(6, left)) * smoothstep(-46, -40, y));
    }

    private float[] projectVessels(VesselTree tree) {
        float[] out = new float[SIZE * SIZE];
        for (VesselTree.Segment v : tree.segments()) {
            double ax = v.x1() * MAGNIFICATION;
            double ay = APEX_Y + v.s1() * MAGNIFICATION;
            double bx = v.x2() * MAGNIFICATION;
            double by = APEX_Y + v.s2() * MAGNIFICATION;
            double radius = v.r() * MAGNIFICATION;
            int c0 = Math.max(0, toPixel(Math.min(ax, bx) - radius));
            int c1 = Math.min(SIZE - 1, toPixel(Math.max(ax, bx) + radius) + 1);
            int r0 = Math.max(0, toPixel(Math.min(ay, by) - radius));
            int r1 = Math.min(SIZE - 1, toPixel(Math.max(ay, by) + radius) + 1);
            for (int r = r0; r <= r1; r++) {
                double y = (r - (SIZE - 1) / 2.0) * SPACING_MM;
                for (int c = c0; c <= c1; c++) {
                    double x = (c - (SIZE - 1) / 2.0) * SPACING_MM;
                    double d = Shapes.segmentDistance(x, y, ax, ay, bx, by);
                    if (d < radius) {
                        out[r * SIZE + c] = (float) Math.max(out[r * SIZE + c], 1.5 * chord(radius, d));
                    }
                }
            }
        }
        return out;
    }

    private static int toPixel(double mm) {
        return (int) Math.floor(mm / SPACING_MM + (SIZE - 1) / 2.0);
    }

    // ---- bone (path length through bone, in mm) ---------------------------------------------------------------

    private static double bone(double x, double y) {
        double u = Math.abs(x);
        return spine(x, y) + ribs(u, y) + clavicle(u, y);
    }

    private static double spine(double x, double y) {
        if (Math.abs(x) > 24) {
            return 0;
        }
        double pitch = 23 + 4 * smoothstep(-160, 200, y);
        double phase = Math.floorMod((long) Math.floor((y + 400) * 10), (long) Math.round(pitch * 10)) / 10.0;
        double height = pitch - 5;
        double total = 0;
        if (phase < height) {
            double half = 15 + 3 * smoothstep(-150, 150, y);
            double body = 0.22 * chord(half, Math.abs(x));
            double cortex = 2.5 * (gauss((Math.abs(x) - half + 1) / 1.6) + 0.6 * gauss((phase - 0.8) / 0.8)
                    + 0.6 * gauss((phase - height + 0.8) / 0.8));
            total += body + (Math.abs(x) < half ? cortex : 0);
            double pedicle = ellipse(Math.abs(x), phase, 11, 6, 3.8, 5.2);
            if (pedicle < 1.3 && pedicle > 0.55) {
                total += 3;
            }
            if (ellipse(x, phase, 0, height * 0.75, 3, 4.5) < 1) {
                total += 2;
            }
        }
        return total;
    }

    private static double ribs(double u, double y) {
        double total = 0;
        for (int i = 0; i < 10; i++) {
            double y0 = -148 + 21.5 * i;
            // posterior rib: leaves the spine almost level, then sweeps down towards the chest wall
            if (u > 14 && y > y0 - 20 && y < y0 + 70) {
                double end = 158 + 4 * Math.min(i, 5);
                double t = (u - 14) / 150;
                double yc = y0 - 24 * t + 60 * t * t + 45 * t * t * t * t;
                double slope = (-24 + 120 * t + 180 * t * t * t) / 150;
                double d = (y - yc) / Math.sqrt(1 + slope * slope);
                double half = 4.6 + 0.12 * i;
                if (Math.abs(d) < half && u < end + 6) {
                    double fade = 1 - smoothstep(end - 4, end + 6, u);
                    double tangential = 1 + 1.2 * smoothstep(end - 30, end, u);
                    total += 0.55 * fade * tangential * tube(d / half, half);
                }
            }
            // anterior rib: runs down and inwards from the chest wall to the costal cartilage
            double yLateral = y0 + 46;
            if (i < 9 && u > 45 && y > yLateral - 15 && y < yLateral + 80) {
                double uLateral = 160;
                double w = uLateral - u;
                double yc = yLateral + 0.38 * w + 0.0011 * w * w;
                double slope = 0.38 + 0.0022 * w;
                double d = (y - yc) / Math.sqrt(1 + slope * slope);
                double half = 4.2;
                if (Math.abs(d) < half && u < uLateral + 4) {
                    double fade = smoothstep(52, 75, u) * (1 - smoothstep(uLateral - 6, uLateral + 4, u));
                    total += 0.35 * fade * tube(d / half, half);
                }
            }
        }
        return total;
    }

    /** Path length through a hollow bone of half-width {@code half} at normalised offset {@code q}. */
    private static double tube(double q, double half) {
        double outer = Math.sqrt(Math.max(0, 1 - q * q));
        double inner = Math.sqrt(Math.max(0, 0.5 - q * q));
        return half * (1.6 * (outer - inner) + 0.35 * inner) * 1.2;
    }

    private static double clavicle(double u, double y) {
        if (u < 18 || u > 158) {
            return 0;
        }
        double t = (u - 18) / 140;
        double yc = -130 - 12 * t + 6 * Math.sin(Math.PI * t);
        double half = 7 - 1.5 * t;
        double d = Math.abs(y - yc);
        return d < half ? tube(d / half, half) * 1.3 * (1 - smoothstep(150, 158, u)) : 0;
    }
}
