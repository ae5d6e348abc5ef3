package io.secondlook.app;

import io.secondlook.app.gui.RecordsService;
import io.secondlook.app.gui.TaskProgress;
import io.secondlook.app.workflow.Workstation;
import io.secondlook.core.domain.Instance;
import io.secondlook.core.domain.Series;
import io.secondlook.core.records.PatientView;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.core.worklist.WorklistQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The window's {@link RecordsService}, backed by the workstation's clinical store. */
final class WorkstationRecordsService implements RecordsService {
    private final Workstation workstation;

    WorkstationRecordsService(Workstation workstation) {
        this.workstation = workstation;
    }

    @Override
    public List<WorklistEntry> worklist(WorklistQuery query) {
        return workstation.store().worklist(query);
    }

    /** Audited as the reader opening the patient; a read-only store cannot record it and only reads. */
    @Override
    public Optional<PatientView> openPatient(String patientId, String issuer) {
        ClinicalStore store = workstation.store();
        return store.readOnly() ? store.patientView(patientId, issuer) : store.openPatient(patientId, issuer);
    }

    @Override
    public boolean loadStudyImages(String studyUid, TaskProgress progress, BooleanSupplier cancelled)
            throws IOException {
        ClinicalStore store = workstation.store();
        List<Path> files = store.seriesForStudy(studyUid).stream().map(Series::seriesInstanceUid)
                .flatMap(uid -> store.instancesForSeries(uid).stream()).map(Instance::path).toList();
        if (files.isEmpty()) {
            return false;
        }
        Path folder = commonFolder(files);
        if (!Files.isDirectory(folder)) {
            throw new IOException("The study's images are no longer in " + folder);
        }
        workstation.importFolder(folder, progress::update, cancelled);
        return true;
    }

    @Override
    public boolean readOnly() {
        return workstation.store().readOnly();
    }

    /** The deepest folder holding every file. */
    static Path commonFolder(List<Path> files) {
        Path common = files.get(0).toAbsolutePath().getParent();
        for (Path file : files) {
            Path folder = file.toAbsolutePath().getParent();
            while (!folder.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }
}
