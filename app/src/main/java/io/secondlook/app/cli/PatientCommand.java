package io.secondlook.app.cli;

import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.Study;
import io.secondlook.core.records.Allergy;
import io.secondlook.core.records.IdentityConflict;
import io.secondlook.core.records.LabSeries;
import io.secondlook.core.records.Medication;
import io.secondlook.core.records.PatientView;
import io.secondlook.core.records.PriorReport;
import io.secondlook.core.records.Problem;
import io.secondlook.core.store.ClinicalStore;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Prints what the patient panel shows; opening the patient is recorded in the audit trail. */
@Command(name = "patient", mixinStandardHelpOptions = true,
        description = {"Prints a patient's demographics, studies, problems, medications, allergies, prior reports and",
            "lab series. Opening the patient is recorded in the audit trail (not with --read-only)."})
public final class PatientCommand implements Callable<Integer> {

    @ParentCommand
    SecondLookCommand root;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Parameters(paramLabel = "ID", description = "The Patient ID.")
    String patientId;

    @Option(names = "--issuer", paramLabel = "I", description = "Issuer of the Patient ID (default: none).")
    String issuer = "";

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        Optional<PatientView> found;
        try (ClinicalStore db = store.open(root.appHome())) {
            found = db.readOnly() ? db.patientView(patientId, issuer) : db.openPatient(patientId, issuer);
        }
        PatientView view = found.orElseThrow(() -> new IllegalArgumentException("no patient with this ID"
                + (issuer.isEmpty() ? "" : " and issuer") + " in the database"));
        if (json) {
            System.out.println(StoreOptions.json(view));
        } else {
            print(view);
        }
        System.out.flush();
        return 0;
    }

    private static void print(PatientView v) {
        Patient p = v.patient();
        System.out.println(p.name() + "  ID " + p.patientId() + (p.issuer().isEmpty() ? "" : " (" + p.issuer() + ")")
                + "  born " + (p.birthDate() == null ? "?" : p.birthDate()) + "  sex " + (p.sex() == null ? "?" : p.sex()));
        for (IdentityConflict c : v.openConflicts()) {
            System.out.println("! identity conflict " + c.id() + ": " + c.source() + " names " + c.incomingName()
                    + ", born " + c.incomingBirthDate() + "; its records are held back until resolved");
        }
        section("Studies", v.studies().size());
        for (Study s : v.studies()) {
            System.out.println("  " + s.date() + "  " + String.join("/", s.modalities()) + "  " + s.description());
        }
        section("Problems", v.problems().size());
        for (Problem x : v.problems()) {
            System.out.println("  " + x.coding().display() + opt(x.clinicalStatus()) + opt(x.onset() == null ? null
                    : "since " + x.onset()));
        }
        section("Medications", v.medications().size());
        for (Medication m : v.medications()) {
            System.out.println("  " + m.coding().display() + opt(m.dosage()) + opt(m.status()));
        }
        section("Allergies", v.allergies().size());
        for (Allergy a : v.allergies()) {
            System.out.println("  " + a.coding().display() + opt(a.reaction()) + opt(a.criticality()));
        }
        section("Prior reports", v.priorReports().size());
        for (PriorReport r : v.priorReports()) {
            System.out.println("  " + (r.issued() == null ? "" : r.issued().toString().substring(0, 10) + "  ")
                    + r.title() + opt(r.conclusion()));
        }
        section("Labs", v.labs().size());
        for (LabSeries lab : v.labs()) {
            LabSeries.Point last = lab.points().get(lab.points().size() - 1);
            System.out.printf(Locale.ROOT, "  %-8s %-50s latest %s %s (%s .. %s) on %s, %d results%n", lab.loinc(),
                    lab.display(), trim(last.value()), last.unit() == null ? "" : last.unit(),
                    last.low() == null ? "" : trim(last.low()), last.high() == null ? "" : trim(last.high()),
                    last.time().toString().substring(0, 10), lab.points().size());
        }
    }

    private static void section(String title, int count) {
        System.out.println(title + " (" + count + ")");
    }

    private static String opt(String text) {
        return text == null ? "" : " — " + text;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
