package io.secondlook.core.store;

import io.secondlook.core.domain.Finding;
import java.util.List;
import java.util.stream.Collectors;

/** A report was asked for while some AI findings still have no clinician decision. */
public class UndecidedFindingsException extends RuntimeException {

    private final transient List<Finding> undecided;

    public UndecidedFindingsException(List<Finding> undecided) {
        super(undecided.size() + " finding(s) have no decision yet; accept or reject each before exporting: "
                + undecided.stream().map(f -> f.label() + " (finding " + f.id() + ")")
                .collect(Collectors.joining(", ")));
        this.undecided = List.copyOf(undecided);
    }

    /** The findings that still need a decision. */
    public List<Finding> undecided() {
        return undecided;
    }
}
