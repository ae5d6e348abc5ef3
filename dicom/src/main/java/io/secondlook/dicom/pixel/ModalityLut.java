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
    private static final int LUT_DESCRIPTOR = 0x00283002;
    private static final int LUT_DATA = 0x00283006;

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
        int[] descriptor = item.getInts(LUT_DESCRIPTOR);
        byte[] data = item.getBytes(LUT_DATA);
        if (descriptor.length < 3 || data == null) {
            return null;
        }
        int entries = descriptor[0] == 0 ? 65536 : descriptor[0];
        int first = signedInput ? (short) descriptor[1] : descriptor[1];
        int bits = descriptor[2];
        int[] table = new int[entries];
        boolean wide = bits > 8 || data.length >= entries * 2;
        for (int i = 0; i < entries; i++) {
            if (wide && 2 * i + 1 < data.length) {
                table[i] = (data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8;
            } else if (!wide && i < data.length) {
                table[i] = data[i] & 0xFF;
            }
        }
        return new ModalityLut(1, 0, table, first);
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
}
