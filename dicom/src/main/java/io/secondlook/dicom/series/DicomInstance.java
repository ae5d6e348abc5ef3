package io.secondlook.dicom.series;

import java.nio.file.Path;

/**
 * One image file of a series as indexed from its header, or one frame of an enhanced multi-frame file that the
 * {@link SeriesAssembler} split into stacks.
 *
 * @param path the file; for a member of a zip archive, the file it was extracted to (see {@link FolderScanner#scanZip})
 * @param frames the frames this entry stands for: the file's Number of Frames, or 1 for one frame of a stack
 * @param imagePosition Image Position (Patient), 3 values, or null when absent (a stack frame's own position)
 * @param imageOrientation Image Orientation (Patient), 6 values, or null when absent (a stack frame's own)
 * @param frame the file's frame (0-based) this entry stands for, or {@link #ALL_FRAMES} for the whole file
 */
public record DicomInstance(Path path, String sopInstanceUid, String sopClassUid, String transferSyntaxUid,
                            int instanceNumber, int rows, int columns, int frames,
                            double[] imagePosition, double[] imageOrientation, int frame) {
    public static final int ALL_FRAMES = -1;

    /** A whole file. */
    public DicomInstance(Path path, String sopInstanceUid, String sopClassUid, String transferSyntaxUid,
                         int instanceNumber, int rows, int columns, int frames,
                         double[] imagePosition, double[] imageOrientation) {
        this(path, sopInstanceUid, sopClassUid, transferSyntaxUid, instanceNumber, rows, columns, frames,
                imagePosition, imageOrientation, ALL_FRAMES);
    }

    /** The frame of the file (0-based) that is frame {@code index} of this entry: what to decode. */
    public int fileFrame(int index) {
        return frame == ALL_FRAMES ? index : frame;
    }
}
