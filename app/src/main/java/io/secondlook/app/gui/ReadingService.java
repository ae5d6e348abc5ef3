package io.secondlook.app.gui;

import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomPatient;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.viewer.FrameSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Everything the workstation window asks of the application: the catalogue, images, the model, decisions and
 * reports. Every method may block (disk, database, inference); the window calls them on background threads,
 * never on the JavaFX thread, possibly from several threads at once. Exceptions are shown to the user with their
 * message, so messages name the file or step that failed and never contain patient data.
 */
public interface ReadingService {

    /** The product version, shown in Help → About. Must not block. */
    String version();

    /** Patients in the local catalogue with their studies and series, in display order. */
    List<DicomPatient> patients() throws Exception;

    /**
     * Indexes the DICOM files under {@code folder} (recursively) into the catalogue. Reports progress as files
     * done of total; stops early, keeping what was imported, when {@code cancelled} turns true.
     */
    ImportResult importFolder(Path folder, TaskProgress progress, BooleanSupplier cancelled) throws Exception;

    /**
     * The frames of a series for the viewer: the instances in the series' order, each instance's frames in
     * order (a single-frame instance is one frame). {@link FrameSource#frame(int)} decodes on demand and is
     * called on a background thread.
     */
    FrameSource openSeries(DicomSeries series) throws Exception;

    /**
     * Whether a model applies to the series (its card names the series' modality); Analyze is offered only then.
     * May block (reads the model card).
     */
    default boolean canAnalyze(DicomSeries series) throws Exception {
        return true;
    }

    /** Model choice and series/volume runs, when this service offers them; the window then shows its model tools. */
    default Optional<ModelService> modelService() {
        return Optional.empty();
    }

    /** The model card of the model {@link #analyze} runs, as readable text; shown before its first run. */
    String modelCardText() throws Exception;

    /**
     * Runs the model on one frame, records the finding (undecided) and returns it with its explanation.
     * Throws {@link java.util.concurrent.CancellationException} when stopped by {@code cancelled}.
     */
    AnalysisView analyze(DicomInstance instance, int frame, TaskProgress progress, BooleanSupplier cancelled)
            throws Exception;

    /** Records the clinician's decision on a finding; returns only once it is durably stored. */
    DecisionView decide(long findingId, boolean accept, String comment) throws Exception;

    /** The AI findings recorded for a study, with their decisions, oldest first. */
    List<FindingView> findings(String studyInstanceUid) throws Exception;

    /**
     * Writes the study's signed report to {@code target} and returns the file written. Throws when a finding of
     * the study has no decision yet (the message says how many).
     */
    Path exportReport(String studyInstanceUid, Path target) throws Exception;

    /** The worklist and patient records, when this service offers them; the window then shows their tabs. */
    default Optional<RecordsService> recordsService() {
        return Optional.empty();
    }
}
