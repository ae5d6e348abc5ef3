package io.secondlook.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, branching tree of pulmonary vessels in anatomical coordinates (millimetres: x towards the patient's
 * left, y posterior, s downwards from the lung apices), grown from both hila and clipped to the lungs. The CT
 * phantom draws it voxel by voxel and the radiograph projects it, so both series share the same vasculature.
 */
final class VesselTree {
    /** One straight vessel piece of radius {@code r}. */
    record Segment(double x1, double y1, double s1, double x2, double y2, double s2, double r) {
        double sMin() {
            return Math.min(s1, s2) - r;
        }

        double sMax() {
            return Math.max(s1, s2) + r;
        }
    }

    /** Whether a point lies inside a lung. */
    interface LungTest {
        boolean inside(double x, double y, double s);
    }

    private static final double[][] MAIN_BRANCHES = {
        // lateral, posterior, caudal components for the patient's right lung; mirrored for the left
        {-0.35, 0.1, -1.0}, {-0.6, -0.5, -0.6}, {-1.0, 0.0, -0.1}, {-0.7, -0.6, 0.6},
        {-0.5, 0.2, 1.0}, {-0.3, 0.9, 0.7}, {-0.2, 0.6, -0.6}, {-0.6, 0.5, 1.0}, {-0.9, 0.2, 0.8},
        {-0.2, 0.3, 1.0},
    };
    private static final double MIN_RADIUS = 0.6;

    private final List<Segment> segments = new ArrayList<>();
    private final LungTest lung;
    private final SplittableRandom random;

    private VesselTree(LungTest lung, long seed) {
        this.lung = lung;
        this.random = new SplittableRandom(seed);
    }

    static VesselTree grow(LungTest lung, long seed) {
        VesselTree tree = new VesselTree(lung, seed);
        tree.growHilum(-52, -8, 118, -1);
        tree.growHilum(50, -4, 110, 1);
        return tree;
    }

    List<Segment> segments() {
        return segments;
    }

    private void growHilum(double x, double y, double s, int side) {
        for (double[] d : MAIN_BRANCHES) {
            double[] dir = normalise(new double[] {side < 0 ? d[0] : -d[0], d[1], d[2]});
            branch(x, y, s, dir, 38, 4.6, 0);
        }
    }

    private void branch(double x, double y, double s, double[] dir, double length, double radius, int depth) {
        if (radius < MIN_RADIUS || depth > 9) {
            return;
        }
        double len = length;
        double ex = x + dir[0] * len;
        double ey = y + dir[1] * len;
        double es = s + dir[2] * len;
        while (!lung.inside(ex, ey, es) && len > 4) {
            len *= 0.6;
            ex = x + dir[0] * len;
            ey = y + dir[1] * len;
            es = s + dir[2] * len;
        }
        if (!lung.inside(ex, ey, es)) {
            return;
        }
        segments.add(new Segment(x, y, s, ex, ey, es, radius));
        for (int child = 0, children = depth < 3 ? 3 : 2; child < children; child++) {
            double[] next = deviate(dir, Math.toRadians(20 + random.nextDouble() * 20));
            branch(ex, ey, es, next, length * (0.72 + random.nextDouble() * 0.1), radius * 0.77, depth + 1);
        }
    }

    /** The direction turned by {@code angle} about a random axis perpendicular to it. */
    private double[] deviate(double[] dir, double angle) {
        double[] helper = Math.abs(dir[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double[] u = normalise(cross(dir, helper));
        double[] v = cross(dir, u);
        double phi = random.nextDouble() * 2 * Math.PI;
        double c = Math.cos(angle);
        double sn = Math.sin(angle);
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = dir[i] * c + sn * (u[i] * Math.cos(phi) + v[i] * Math.sin(phi));
        }
        return normalise(out);
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalise(double[] a) {
        double n = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
