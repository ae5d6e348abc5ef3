package io.secondlook.core.domain;

import java.time.Instant;
import java.util.Objects;

/** A model run about to be recorded; the store assigns its id. {@code finishedAt} is null while running. */
public record NewModelRun(String modelId, String modelVersion, String device, Instant startedAt, Instant finishedAt,
                          String studyUid, String seriesUid, ModelRun.Status status) {

    public NewModelRun {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(studyUid, "studyUid");
        Objects.requireNonNull(status, "status");
    }

    /** A run that starts now and is still running. */
    public static NewModelRun started(String modelId, String modelVersion, String device, String studyUid,
                                      String seriesUid) {
        return new NewModelRun(modelId, modelVersion, device, Instant.now(), null, studyUid, seriesUid,
                ModelRun.Status.RUNNING);
    }
}
