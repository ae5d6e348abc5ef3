package io.secondlook.app.gui;

import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomSeries;

/**
 * Which instance and frame (of the file) a viewer slice of a series is, in the order {@link ReadingService#openSeries}
 * uses.
 */
record FrameRef(DicomInstance instance, int frame) {

    /** The slice {@code index} (0-based) of the series, or null when the series has fewer frames. */
    static FrameRef locate(DicomSeries series, int index) {
        int first = 0;
        for (DicomInstance instance : series.instances()) {
            int frames = Math.max(1, instance.frames());
            if (index < first + frames) {
                return new FrameRef(instance, instance.fileFrame(index - first));
            }
            first += frames;
        }
        return null;
    }

    /** Frames in the series. */
    static int count(DicomSeries series) {
        return series.instances().stream().mapToInt(i -> Math.max(1, i.frames())).sum();
    }
}
