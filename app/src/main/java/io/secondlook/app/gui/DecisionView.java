package io.secondlook.app.gui;

import java.time.Instant;

/** A stored decision on a finding: accepted or rejected, the clinician's comment (may be empty) and when. */
public record DecisionView(long findingId, boolean accepted, String comment, Instant decidedAt) {

    public DecisionView {
        comment = comment == null ? "" : comment;
    }
}
