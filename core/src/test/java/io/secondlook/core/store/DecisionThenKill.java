package io.secondlook.core.store;

import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.Outcome;
import java.nio.file.Path;

/** Run in a child JVM: records a decision, then dies at once without closing anything. */
final class DecisionThenKill {

    private DecisionThenKill() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        ClinicalStore store = ClinicalStore.open(db);
        Fixtures.importStudy(store, db.getParent());
        Finding finding = Fixtures.finding(store, Fixtures.run(store), "nodule", 0.9);
        store.recordDecision(finding.id(), Outcome.ACCEPTED, "saved before the crash", "dr.crash");
        Runtime.getRuntime().halt(3);
    }
}
