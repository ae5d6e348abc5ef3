package io.secondlook.core.store;

import io.secondlook.core.domain.Decision;
import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.Outcome;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM until it is killed: records decisions one after another and prints {@code ack <id> .} for
 * each as soon as {@code recordDecision} has returned, i.e. once the UI would show it as saved.
 */
final class DecisionLoop {

    private DecisionLoop() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        ClinicalStore store = ClinicalStore.open(db);
        Fixtures.importStudy(store, db.getParent());
        List<Finding> findings = store.findingsForStudy(Fixtures.STUDY_UID);
        Finding finding = findings.isEmpty() ? Fixtures.finding(store, Fixtures.run(store), "nodule", 0.9)
                : findings.get(0);
        for (long n = 0; ; n++) {
            Decision saved = store.recordDecision(finding.id(), n % 2 == 0 ? Outcome.ACCEPTED : Outcome.REJECTED,
                    "decision " + n, "dr.loop");
            System.out.println("ack " + saved.id() + " .");
            System.out.flush();
        }
    }
}
