package io.secondlook.dicom;

import java.util.List;
import java.util.Objects;

/**
 * One data element. The value is one of:
 * <ul>
 *   <li>{@code byte[]} for text and binary VRs, always little-endian (the reader swaps big-endian input),
 *       text still in the file's character set (decode with {@link Dataset#getString});</li>
 *   <li>{@code List<Dataset>} for SQ;</li>
 *   <li>{@link EncapsulatedPixelData} for compressed Pixel Data.</li>
 * </ul>
 */
public record DicomElement(int tag, VR vr, Object value) {

    public DicomElement {
        Objects.requireNonNull(vr, "vr");
        Objects.requireNonNull(value, "value");
        if (!(value instanceof byte[] || value instanceof List<?> || value instanceof EncapsulatedPixelData)) {
            throw new IllegalArgumentException("Unsupported value type for " + Tag.toString(tag) + ": " + value.getClass());
        }
    }

    public boolean isSequence() {
        return value instanceof List<?>;
    }

    public boolean isEncapsulated() {
        return value instanceof EncapsulatedPixelData;
    }

    /** The raw little-endian bytes; empty for sequences and encapsulated data. */
    public byte[] bytes() {
        return value instanceof byte[] b ? b : new byte[0];
    }

    @SuppressWarnings("unchecked")
    public List<Dataset> items() {
        return value instanceof List<?> l ? (List<Dataset>) l : List.of();
    }
}
