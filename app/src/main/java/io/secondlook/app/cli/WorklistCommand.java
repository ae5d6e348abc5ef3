package io.secondlook.app.cli;

import io.secondlook.core.store.ClinicalStore;
import io.secondlook.core.worklist.AiStatus;
import io.secondlook.core.worklist.WorklistColumn;
import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.core.worklist.WorklistQuery;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Lists the studies with their patient and AI status. */
@Command(name = "worklist", mixinStandardHelpOptions = true,
        description = "Lists every study with patient, modality, date, description, AI status and highest AI score.")
public final class WorklistCommand implements Callable<Integer> {

    @ParentCommand
    SecondLookCommand root;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--modality", paramLabel = "X", description = "Only studies with this modality, e.g. CT.")
    String modality;

    @Option(names = "--search", paramLabel = "TEXT",
            description = "Only studies whose patient name, Patient ID, description or accession contains TEXT.")
    String search;

    @Option(names = "--status", paramLabel = "STATUS", split = ",",
            description = "Only studies in these AI states: ${COMPLETION-CANDIDATES}.")
    Set<AiStatus> statuses;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Only studies on or after this date.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Only studies on or before this date.")
    LocalDate to;

    @Option(names = "--sort", paramLabel = "COLUMN", description = "Sort by ${COMPLETION-CANDIDATES} (default: DATE).")
    WorklistColumn sort = WorklistColumn.DATE;

    @Option(names = "--ascending", description = "Sort ascending (default: descending).")
    boolean ascending;

    @Option(names = "--triage", description = "Highest AI score first.")
    boolean triage;

    @Option(names = "--limit", paramLabel = "N", description = "At most N studies (default: all).")
    int limit;

    @Override
    public Integer call() {
        WorklistQuery query = WorklistQuery.all().withModality(modality).withSearch(search).withStatuses(statuses)
                .withDates(from, to).sortedBy(sort, !ascending).withTriage(triage).withLimit(limit);
        List<WorklistEntry> entries;
        try (ClinicalStore db = store.open(root.appHome())) {
            entries = db.worklist(query);
        }
        if (json) {
            System.out.println(StoreOptions.json(entries));
        } else {
            System.out.printf(Locale.ROOT, "%-10s  %-8s  %-24s  %-16s  %-32s  %-14s  %5s%n", "DATE", "MODALITY",
                    "PATIENT", "PATIENT ID", "DESCRIPTION", "AI STATUS", "SCORE");
            for (WorklistEntry e : entries) {
                System.out.printf(Locale.ROOT, "%-10s  %-8s  %-24s  %-16s  %-32s  %-14s  %5s%n",
                        e.date() == null ? "" : e.date(), String.join("/", e.modalities()), cut(e.patientName(), 24),
                        cut(e.patientId(), 16), cut(e.description(), 32), e.aiStatus(),
                        e.aiScore() == null ? "" : String.format(Locale.ROOT, "%.3f", e.aiScore()));
            }
            System.out.println(entries.size() + " stud" + (entries.size() == 1 ? "y" : "ies"));
        }
        System.out.flush();
        return 0;
    }

    private static String cut(String text, int width) {
        if (text == null) {
            return "";
        }
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
