package io.secondlook.inference.classify;

import java.time.Duration;

/**
 * Progress of a series run: {@code done} of {@code total} images, time so far and the estimate of the time left
 * (elapsed per image times images left; null before the first batch finished).
 */
public record SeriesProgress(int done, int total, Duration elapsed, Duration remaining) {

    public double fraction() {
        return total == 0 ? 1 : (double) done / total;
    }
}
