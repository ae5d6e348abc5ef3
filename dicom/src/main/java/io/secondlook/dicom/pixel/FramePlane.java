package io.secondlook.dicom.pixel;

/**
 * Where one frame lies in the patient: Image Position and Orientation (Patient) and Pixel Spacing, from the
 * per-frame or shared functional groups of an enhanced multi-frame object, else from the top-level attributes.
 * Any of them is null when the file does not give it.
 *
 * @param position x, y, z in mm of the centre of the first transmitted pixel
 * @param orientation row direction cosines then column direction cosines (6 values)
 * @param pixelSpacing row spacing then column spacing in mm
 */
public record FramePlane(double[] position, double[] orientation, double[] pixelSpacing, double sliceThickness) {

    /** The slice normal (row × column direction), or null without orientation. */
    public double[] normal() {
        if (orientation == null) {
            return null;
        }
        double[] o = orientation;
        return new double[] {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
    }
}
