package io.secondlook.core.store;

import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.ReviewedFinding;
import java.util.List;

/** The rule that a report is exported only once the clinician has decided every AI finding. */
public final class ReportGate {

    private ReportGate() {
    }

    /** @throws UndecidedFindingsException listing the findings that have no decision */
    public static void ensureAllDecided(List<ReviewedFinding> findings) {
        List<Finding> undecided = findings.stream().filter(f -> !f.decided()).map(ReviewedFinding::finding).toList();
        if (!undecided.isEmpty()) {
            throw new UndecidedFindingsException(undecided);
        }
    }

    /** @throws UndecidedFindingsException listing the study's findings that have no decision */
    public static void ensureAllDecided(ClinicalStore store, String studyUid) {
        List<Finding> undecided = store.undecidedFindings(studyUid);
        if (!undecided.isEmpty()) {
            throw new UndecidedFindingsException(undecided);
        }
    }
}
