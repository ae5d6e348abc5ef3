package io.secondlook.testdata;

/** Small geometric helpers for the analytic phantoms; lengths are in millimetres. */
final class Shapes {
    private Shapes() {
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : Math.min(v, hi);
    }

    static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    /** Hermite step from 0 at {@code edge0} to 1 at {@code edge1}. */
    static double smoothstep(double edge0, double edge1, double v) {
        double t = clamp((v - edge0) / (edge1 - edge0), 0, 1);
        return t * t * (3 - 2 * t);
    }

    static double gauss(double t) {
        return Math.exp(-t * t);
    }

    /** Squared normalised radius of (x, y) in the ellipse centred at (cx, cy): below 1 is inside. */
    static double ellipse(double x, double y, double cx, double cy, double rx, double ry) {
        double u = (x - cx) / rx;
        double v = (y - cy) / ry;
        return u * u + v * v;
    }

    /** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
    static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0, 1);
        double ex = px - (ax + t * dx);
        double ey = py - (ay + t * dy);
        return Math.sqrt(ex * ex + ey * ey);
    }

    /** Chord length through a cylinder of radius r at distance d from its axis (0 outside). */
    static double chord(double r, double d) {
        return d >= r ? 0 : 2 * Math.sqrt(r * r - d * d);
    }
}
