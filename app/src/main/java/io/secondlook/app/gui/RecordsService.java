package io.secondlook.app.gui;

import io.secondlook.core.records.PatientView;
import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.core.worklist.WorklistQuery;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The worklist and the patient records behind the window. Like {@link ReadingService}, every method but
 * {@link #readOnly()} may block and is called on background threads; messages name the step and hold no patient
 * data.
 */
public interface RecordsService {

    /** The studies the query selects, in its order. */
    List<WorklistEntry> worklist(WorklistQuery query) throws Exception;

    /** The patient's record for the patient panel; recorded in the audit trail as the user opening the patient. */
    Optional<PatientView> openPatient(String patientId, String issuer) throws Exception;

    /**
     * Brings a stored study's images into the catalogue (scanning the folder they were indexed from); false when
     * the store knows no images for it, e.g. a study known only from imported records.
     */
    boolean loadStudyImages(String studyUid, TaskProgress progress, BooleanSupplier cancelled) throws Exception;

    /** Whether the database is open read-only: nothing can be decided, analysed or exported. Must not block. */
    boolean readOnly();
}
