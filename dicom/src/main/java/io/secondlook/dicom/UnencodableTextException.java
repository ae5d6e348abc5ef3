package io.secondlook.dicom;

/** A text value holds a character that the data set's Specific Character Set (0008,0005) cannot encode. */
public final class UnencodableTextException extends IllegalArgumentException {
    public UnencodableTextException(String message) {
        super(message);
    }
}
