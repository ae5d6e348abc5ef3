package io.secondlook.core.domain;

import java.time.Instant;

/** A clinician's decision on a finding. A later decision on the same finding supersedes this one. */
public record Decision(long id, long findingId, Outcome outcome, String comment, String reader, Instant decidedAt) {
}
