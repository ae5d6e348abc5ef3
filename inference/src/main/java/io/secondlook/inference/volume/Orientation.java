package io.secondlook.inference.volume;

/**
 * Axis codes and lossless reorientation. A code names, for voxel axes i, j, k, the anatomical direction each
 * points to in RAS+ terms: "RAS" is NIfTI's canonical grid, "LIA" FreeSurfer's conformed grid (i to the Left,
 * j Inferior, k Anterior), "LPS" a DICOM axial stack. Axes are matched to the nearest world axis, so oblique
 * grids reorient to the closest code without resampling.
 */
public final class Orientation {

    private static final String POSITIVE = "RAS";
    private static final String NEGATIVE = "LPI";

    private Orientation() {
    }

    public static String code(Affine affine) {
        char[] code = new char[3];
        boolean[] used = new boolean[3];
        for (int axis = 0; axis < 3; axis++) {
            double[] c = affine.column(axis);
            int world = 0;
            for (int w = 1; w < 3; w++) {
                if (Math.abs(c[w]) > Math.abs(c[world])) {
                    world = w;
                }
            }
            if (c[world] == 0 || used[world]) {
                throw new IllegalArgumentException("Degenerate voxel axes in " + affine);
            }
            used[world] = true;
            code[axis] = c[world] > 0 ? POSITIVE.charAt(world) : NEGATIVE.charAt(world);
        }
        return new String(code);
    }

    /** The permutation and flips that take {@code volume} to the orientation {@code target}. */
    public static Reorientation between(Volume volume, String target) {
        return Reorientation.of(volume.dims(), code(volume.affine()), target);
    }

    /** The volume resampled losslessly (axes permuted and flipped) into orientation {@code target}. */
    public static Volume reorient(Volume volume, String target) {
        return between(volume, target).apply(volume);
    }

    /** World axis 0 (R/L), 1 (A/P) or 2 (S/I) of a code letter. */
    static int worldAxis(char letter) {
        int p = POSITIVE.indexOf(Character.toUpperCase(letter));
        int n = NEGATIVE.indexOf(Character.toUpperCase(letter));
        if (p < 0 && n < 0) {
            throw new IllegalArgumentException("Not an orientation letter: '" + letter + "' (use R/L, A/P, S/I)");
        }
        return p >= 0 ? p : n;
    }
}
