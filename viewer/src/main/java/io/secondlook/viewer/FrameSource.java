package io.secondlook.viewer;

import io.secondlook.dicom.pixel.GrayscaleFrame;

/**
 * The frames a {@link Viewport} shows, in display order. {@link #frame(int)} may be slow (decoding a file):
 * the viewport calls it on a background thread, never on the JavaFX thread, and caches the results.
 */
public interface FrameSource {

    int frameCount();

    /** The decoded frame at {@code index} (0-based); the exception's message is shown to the user. */
    GrayscaleFrame frame(int index) throws Exception;

    /** Where the slice at {@code index} lies, for the annotation; {@link SliceInfo#UNKNOWN} when not known. */
    default SliceInfo sliceInfo(int index) {
        return SliceInfo.UNKNOWN;
    }
}
