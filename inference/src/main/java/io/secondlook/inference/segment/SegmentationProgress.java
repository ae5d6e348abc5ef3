package io.secondlook.inference.segment;

import java.time.Duration;

/**
 * Receives progress of a volume segmentation: on the segmenting thread, and on a helper thread while the network
 * runs.
 */
@FunctionalInterface
public interface SegmentationProgress {

    SegmentationProgress NONE = (stage, fraction, remaining) -> { };

    /**
     * @param fraction overall progress in [0, 1]
     * @param remaining estimated time left, or null while no estimate exists (the first run of a session)
     */
    void update(Stage stage, double fraction, Duration remaining);

    enum Stage { PREPARING, RUNNING_MODEL, POSTPROCESSING, DONE }
}
