package io.secondlook.app.cli;

import io.secondlook.app.workflow.AppHome;
import io.secondlook.app.workflow.PathImporter;
import io.secondlook.core.store.ClinicalStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Imports DICOM folders, DICOMDIRs, FHIR bundles and lab tables into the clinical store. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports into the database: DICOM folders (recursively), DICOMDIR files, zips of DICOM files",
            "(extracted into <home>/imports), FHIR R4 bundles (*.json)",
            "and lab tables (*.csv: patient_id, issuer, loinc, name, value, unit, low, high, time).",
            "Prints one summary line per path. A malformed file is refused whole, naming the entry or line and field;",
            "paths before it stay imported, later ones are not tried."})
public final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    SecondLookCommand root;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Folders and files to import.")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        AppHome home = root.appHome().ensureExists();
        try (ClinicalStore store = ClinicalStore.openWithBackup(home.database(), home.backups())) {
            for (Path path : paths) {
                PathImporter.Outcome outcome = PathImporter.importPath(store, path, home.root().resolve("imports"));
                System.out.println(outcome.path() + ": " + outcome.summary());
                System.out.flush();
            }
        }
        return 0;
    }
}
