package io.secondlook.core.domain;

import java.util.Objects;

/**
 * A finding about to be recorded against a model run; the store assigns its id, UID and time.
 * Study and model come from the run.
 */
public record NewFinding(long modelRunId, String seriesUid, String sopInstanceUid, Integer frame, String label,
                         double probability, double threshold, boolean positive) {

    public NewFinding {
        Objects.requireNonNull(label, "label");
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
        }
    }

    /** A finding whose positive flag is {@code probability >= threshold}. */
    public static NewFinding of(long modelRunId, String seriesUid, String sopInstanceUid, Integer frame, String label,
                                double probability, double threshold) {
        return new NewFinding(modelRunId, seriesUid, sopInstanceUid, frame, label, probability, threshold,
                probability >= threshold);
    }
}
