package io.secondlook.dicom;

/** A DICOM file or value that cannot be read, decoded or written; the message says which file, offset and element. */
public class DicomException extends Exception {
    private static final long serialVersionUID = 1L;

    public DicomException(String message) {
        super(message);
    }

    public DicomException(String message, Throwable cause) {
        super(message, cause);
    }
}
