package io.secondlook.dicom.series;

import java.nio.file.Path;

/**
 * One image file of a series as indexed from its header.
 *
 * @param path the file; for a member of a zip archive, the file it was extracted to (see {@link FolderScanner#scanZip})
 * @param imagePosition Image Position (Patient), 3 values, or null when absent
 * @param imageOrientation Image Orientation (Patient), 6 values, or null when absent
 */
public record DicomInstance(Path path, String sopInstanceUid, String sopClassUid, String transferSyntaxUid,
                            int instanceNumber, int rows, int columns, int frames,
                            double[] imagePosition, double[] imageOrientation) {
}
