package io.secondlook.dicom.pixel;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.Tag;
import java.util.List;

/**
 * The Modality LUT (PS3.3 C.11.1): stored values to modality units (Hounsfield units for CT), either the linear
 * Rescale Slope/Intercept or a Modality LUT Sequence table.
 */
public final class ModalityLut {
    private static final int MODALITY_LUT_SEQUENCE = 0x00283000;

    private final double slope;
    private final double intercept;
    private final int[] table;
    private final int firstMapped;

    private ModalityLut(double slope, double intercept, int[] table, int firstMapped) {
        this.slope = slope;
        this.intercept = intercept;
        this.table = table;
        this.firstMapped = firstMapped;
    }

    public static final ModalityLut IDENTITY = new ModalityLut(1, 0, null, 0);

    public static ModalityLut linear(double slope, double intercept) {
        return new ModalityLut(slope, intercept, null, 0);
    }

    /** The LUT a data set (or a functional group item) defines; identity when it defines none. */
    public static ModalityLut from(Dataset ds) {
        List<Dataset> seq = ds.getSequence(MODALITY_LUT_SEQUENCE);
        if (!seq.isEmpty()) {
            ModalityLut lut = fromSequenceItem(seq.get(0), ds.getInt(Tag.PixelRepresentation, 0) == 1);
            if (lut != null) {
                return lut;
            }
        }
        double slope = ds.getDouble(Tag.RescaleSlope, 1);
        double intercept = ds.getDouble(Tag.RescaleIntercept, 0);
        if (slope == 0 || Double.isNaN(slope)) {
            slope = 1;
        }
        return new ModalityLut(slope, Double.isNaN(intercept) ? 0 : intercept, null, 0);
    }

    private static ModalityLut fromSequenceItem(Dataset item, boolean signedInput) {
        return LookupTable.fromItem(item, signedInput).map(t -> new ModalityLut(1, 0, t.entries(), t.firstMapped())).orElse(null);
    }

    public boolean isIdentity() {
        return table == null && slope == 1 && intercept == 0;
    }

    public double slope() {
        return slope;
    }

    public double intercept() {
        return intercept;
    }

    public float apply(double stored) {
        if (table != null) {
            int i = (int) stored - firstMapped;
            return table[Math.max(0, Math.min(table.length - 1, i))];
        }
        return (float) (stored * slope + intercept);
    }

    /**
     * {@link #apply} of each 16-bit little-endian stored sample of {@code samples} into {@code out} (one sample
     * per pixel), with the same arithmetic in a loop without per-pixel dispatch.
     */
    public void applyToSamples16(byte[] samples, boolean signed, float[] out) {
        if (samples.length < out.length * 2) {
            throw new IllegalArgumentException(samples.length + " bytes for " + out.length + " 16-bit samples");
        }
        if (table != null) {
            for (int p = 0; p < out.length; p++) {
                int v = (samples[2 * p] & 0xFF) | (samples[2 * p + 1] & 0xFF) << 8;
                out[p] = apply(signed ? (short) v : v);
            }
            return;
        }
        for (int p = 0; p < out.length; p++) {
            int v = (samples[2 * p] & 0xFF) | (samples[2 * p + 1] & 0xFF) << 8;
            double stored = signed ? (short) v : v;
            out[p] = (float) (stored * slope + intercept);
        }
    }
}
