package io.secondlook.inference.volume;

import java.util.Arrays;

/**
 * Voxel index (i, j, k) to world millimetres in the RAS+ convention of NIfTI (+x Right, +y Anterior, +z Superior);
 * DICOM's LPS patient coordinates are converted with {@link #fromLps}.
 * Stored as the top three rows of the 4x4 matrix, row-major.
 */
public record Affine(double[] rows) {

    public Affine {
        if (rows.length != 12) {
            throw new IllegalArgumentException("An affine has 12 values (3 rows of 4), got " + rows.length);
        }
        rows = rows.clone();
    }

    /** Axis-aligned grid with the given spacing and the origin at voxel (0,0,0). */
    public static Affine scaling(double sx, double sy, double sz) {
        return new Affine(new double[] {sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0});
    }

    /** From three voxel-axis columns and an origin, all in RAS. */
    public static Affine ofColumns(double[] i, double[] j, double[] k, double[] origin) {
        return new Affine(new double[] {
            i[0], j[0], k[0], origin[0],
            i[1], j[1], k[1], origin[1],
            i[2], j[2], k[2], origin[2]});
    }

    /** The same geometry given in DICOM patient coordinates (LPS): x and y change sign. */
    public static Affine fromLps(double[] i, double[] j, double[] k, double[] origin) {
        return ofColumns(flipXy(i), flipXy(j), flipXy(k), flipXy(origin));
    }

    /** The world step of one voxel along axis 0, 1 or 2 (RAS). */
    public double[] column(int axis) {
        return new double[] {rows[axis], rows[4 + axis], rows[8 + axis]};
    }

    /** The world position of voxel (0,0,0) (RAS). */
    public double[] origin() {
        return new double[] {rows[3], rows[7], rows[11]};
    }

    /** Column {@code axis} in DICOM LPS coordinates. */
    public double[] columnLps(int axis) {
        return flipXy(column(axis));
    }

    public double[] originLps() {
        return flipXy(origin());
    }

    /** The length of a voxel step along each axis, in mm. */
    public double[] spacing() {
        return new double[] {norm(column(0)), norm(column(1)), norm(column(2))};
    }

    @Override
    public double[] rows() {
        return rows.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine a && Arrays.equals(rows, a.rows);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rows);
    }

    @Override
    public String toString() {
        return "Affine" + Arrays.toString(rows);
    }

    static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static double[] flipXy(double[] v) {
        return new double[] {-v[0], -v[1], v[2]};
    }
}
