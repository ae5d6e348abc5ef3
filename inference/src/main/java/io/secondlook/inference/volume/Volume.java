package io.secondlook.inference.volume;

/**
 * A scalar 3D image: {@code values} in modality units (NIfTI scl_slope/inter or the DICOM Modality LUT applied),
 * index {@code i + width * (j + height * k)} (i fastest, as NIfTI stores voxels and as DICOM stores a slice's
 * columns), and the voxel-to-world {@link Affine}.
 *
 * @param source where the volume came from (file or series), for messages; never patient data
 */
public record Volume(int width, int height, int depth, float[] values, Affine affine, String source) {

    public Volume {
        if (width <= 0 || height <= 0 || depth <= 0) {
            throw new IllegalArgumentException("Volume dimensions must be positive, got " + width + "x" + height
                    + "x" + depth);
        }
        if ((long) width * height * depth != values.length) {
            throw new IllegalArgumentException("Volume " + width + "x" + height + "x" + depth + " holds "
                    + values.length + " values");
        }
    }

    public int voxelCount() {
        return values.length;
    }

    public int[] dims() {
        return new int[] {width, height, depth};
    }

    /** Voxel size along i, j, k in mm. */
    public double[] spacing() {
        return affine.spacing();
    }

    /** One voxel's volume in mm³ (the absolute determinant of the affine's 3x3 part). */
    public double voxelVolumeMm3() {
        double[] r = affine.rows();
        return Math.abs(r[0] * (r[5] * r[10] - r[6] * r[9]) - r[1] * (r[4] * r[10] - r[6] * r[8])
                + r[2] * (r[4] * r[9] - r[5] * r[8]));
    }

    public int index(int i, int j, int k) {
        return i + width * (j + height * k);
    }

    public float value(int i, int j, int k) {
        return values[index(i, j, k)];
    }

    /** The smallest and largest value. */
    public float[] range() {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new float[] {min, max};
    }

    /** Anatomical orientation code of the voxel axes, e.g. "LIA" (see {@link Orientation}). */
    public String orientation() {
        return Orientation.code(affine);
    }
}
