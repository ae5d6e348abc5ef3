package io.secondlook.app.cli;

import io.secondlook.core.audit.AuditVerification;
import io.secondlook.core.store.ClinicalStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** The audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Checks the audit trail.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    SecondLookCommand root;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "say what to do: verify");
    }

    /** Recomputes the hash chain. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recomputes the audit trail's hash chain. Prints OK with the number of events,",
                "or the first broken link and exits with 1."})
    public static final class Verify implements Callable<Integer> {

        @ParentCommand
        AuditCommand audit;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Override
        public Integer call() {
            AuditVerification result;
            try (ClinicalStore db = store.open(audit.root.appHome())) {
                result = db.auditLog().verify();
            }
            if (result.intact()) {
                System.out.println("OK: audit trail intact, " + result.eventCount() + " events");
                System.out.flush();
                return 0;
            }
            System.out.println("BROKEN: audit trail broken at sequence " + result.brokenSequence() + ": "
                    + result.problem() + " (" + result.eventCount() + " events before it verify)");
            System.out.flush();
            return 1;
        }
    }
}
