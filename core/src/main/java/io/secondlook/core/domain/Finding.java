package io.secondlook.core.domain;

import java.time.Instant;

/**
 * What a model run flagged, where, and how sure it was.
 *
 * @param findingUid     a DICOM UID ({@code 2.25.<uuid>}) that identifies the finding in exports
 * @param modelId        model of the run, joined from the run for convenience
 * @param seriesUid      null when the finding concerns the whole study
 * @param sopInstanceUid null when the finding concerns a whole series or study
 * @param frame          1-based frame number within a multi-frame instance, or null
 * @param positive       whether {@code probability} reached {@code threshold}
 */
public record Finding(long id, String findingUid, long modelRunId, String modelId, String modelVersion,
                      String studyUid, String seriesUid, String sopInstanceUid, Integer frame, String label,
                      double probability, double threshold, boolean positive, Instant createdAt) {
}
