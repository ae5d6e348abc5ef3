package io.secondlook.core.domain;

import java.util.Objects;

/** A finding with its latest decision; {@code decision} is null while the finding is undecided. */
public record ReviewedFinding(Finding finding, Decision decision) {

    public ReviewedFinding {
        Objects.requireNonNull(finding, "finding");
        if (decision != null && decision.findingId() != finding.id()) {
            throw new IllegalArgumentException("decision " + decision.id() + " is not about finding " + finding.id());
        }
    }

    public boolean decided() {
        return decision != null;
    }
}
