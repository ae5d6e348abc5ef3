package io.secondlook.core.store;

import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.Instance;
import io.secondlook.core.domain.ModelRun;
import io.secondlook.core.domain.NewFinding;
import io.secondlook.core.domain.NewModelRun;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.Series;
import io.secondlook.core.domain.Study;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** A small synthetic study: one CT patient, one series with two instances, one model run. */
final class Fixtures {

    static final String PATIENT_ID = "SL-000123";
    static final String STUDY_UID = "1.2.826.0.1.3680043.10.1234.1";
    static final String SERIES_UID = STUDY_UID + ".1";
    static final String SOP_1 = SERIES_UID + ".1";
    static final String SOP_2 = SERIES_UID + ".2";

    static final Patient PATIENT = new Patient(PATIENT_ID, "HOSP", "Doe^Jane", LocalDate.of(1970, 3, 14), "F");
    static final Study STUDY = new Study(STUDY_UID, PATIENT_ID, "HOSP", LocalDate.of(2026, 1, 2),
            LocalTime.of(9, 30, 15), "CT CHEST", "ACC-42", List.of("CT", "SR"));
    static final Series SERIES = new Series(SERIES_UID, STUDY_UID, "CT", 3, "Axial 1mm", 2);

    private Fixtures() {
    }

    static void importStudy(ClinicalStore store, Path folder) {
        store.upsertPatient(PATIENT);
        store.upsertStudy(STUDY);
        store.upsertSeries(SERIES);
        store.upsertInstances(List.of(
                new Instance(SOP_1, SERIES_UID, "1.2.840.10008.5.1.4.1.1.2", 1, 1, folder.resolve("1.dcm")),
                new Instance(SOP_2, SERIES_UID, "1.2.840.10008.5.1.4.1.1.2", 2, 1, folder.resolve("2.dcm"))));
    }

    static ModelRun run(ClinicalStore store) {
        return store.recordModelRun(NewModelRun.started("demo-nodule", "1.0.0", "cpu", STUDY_UID, SERIES_UID));
    }

    static Finding finding(ClinicalStore store, ModelRun run, String label, double probability) {
        return store.recordFinding(NewFinding.of(run.id(), SERIES_UID, SOP_1, 1, label, probability, 0.5));
    }

    /** A plain JDBC connection to the file, bypassing the store, as a tamperer or an old build would. */
    static Connection raw(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }
}
