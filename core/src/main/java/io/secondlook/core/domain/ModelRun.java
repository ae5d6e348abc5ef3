package io.secondlook.core.domain;

import java.time.Instant;

/**
 * One run of an AI model over a study (or one of its series).
 *
 * @param device     where it ran, e.g. {@code cpu} or {@code cuda:0}
 * @param finishedAt null while running
 * @param seriesUid  null when the run covered the whole study
 */
public record ModelRun(long id, String modelId, String modelVersion, String device, Instant startedAt,
                       Instant finishedAt, String studyUid, String seriesUid, Status status) {

    /** Lifecycle of a model run. */
    public enum Status { RUNNING, SUCCEEDED, FAILED }
}
