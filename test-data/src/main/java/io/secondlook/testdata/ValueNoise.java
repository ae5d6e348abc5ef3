package io.secondlook.testdata;

/**
 * Seeded lattice value noise in [-1, 1]. Values depend only on the seed and the coordinates, never on call
 * order, so slices and rows can be rendered in any order and still give identical pixels.
 */
final class ValueNoise {
    private final long seed;

    ValueNoise(long seed) {
        this.seed = seed;
    }

    double at(double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = fade(x - x0);
        double fy = fade(y - y0);
        return lerp(lerp(lattice(x0, y0, 0), lattice(x0 + 1, y0, 0), fx),
                lerp(lattice(x0, y0 + 1, 0), lattice(x0 + 1, y0 + 1, 0), fx), fy);
    }

    /** Two-dimensional octave sum, normalised to [-1, 1]. */
    double fractal(double x, double y, int octaves) {
        double sum = 0;
        double amplitude = 1;
        double norm = 0;
        for (int i = 0; i < octaves; i++) {
            sum += amplitude * at(x + 31.7 * i, y);
            norm += amplitude;
            amplitude *= 0.5;
            x *= 2;
            y *= 2;
        }
        return sum / norm;
    }

    double at(double x, double y, double z) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int z0 = (int) Math.floor(z);
        double fx = fade(x - x0);
        double fy = fade(y - y0);
        double fz = fade(z - z0);
        double c00 = lerp(lattice(x0, y0, z0), lattice(x0 + 1, y0, z0), fx);
        double c10 = lerp(lattice(x0, y0 + 1, z0), lattice(x0 + 1, y0 + 1, z0), fx);
        double c01 = lerp(lattice(x0, y0, z0 + 1), lattice(x0 + 1, y0, z0 + 1), fx);
        double c11 = lerp(lattice(x0, y0 + 1, z0 + 1), lattice(x0 + 1, y0 + 1, z0 + 1), fx);
        return lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz);
    }

    /** Sum of octaves, each twice the frequency and half the amplitude of the last, normalised to [-1, 1]. */
    double fractal(double x, double y, double z, int octaves) {
        double sum = 0;
        double amplitude = 1;
        double norm = 0;
        for (int i = 0; i < octaves; i++) {
            sum += amplitude * at(x, y, z + 17.31 * i);
            norm += amplitude;
            amplitude *= 0.5;
            x *= 2;
            y *= 2;
            z *= 2;
        }
        return sum / norm;
    }

    private double lattice(int i, int j, int k) {
        long h = seed ^ (i * 0x9E3779B97F4A7C15L) ^ (j * 0xC2B2AE3D27D4EB4FL) ^ (k * 0x165667B19E3779F9L);
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-52 - 1.0;
    }

    private static double fade(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
