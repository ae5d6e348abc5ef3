package io.secondlook.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.core.audit.AuditEvent;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.records.IdentityConflict;
import io.secondlook.core.records.ImportSummary;
import io.secondlook.core.records.LabSeries;
import io.secondlook.core.records.PatientView;
import io.secondlook.core.records.RecordFile;
import io.secondlook.core.records.fhir.FhirBundleReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patient records stored from a FHIR bundle, the patient view, and identity conflicts. */
class PatientRecordsTest {

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("secondlook.db");
    }

    private Path bundleFile(String name, String replace, String with) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/io/secondlook/core/records/bundle.json")) {
            Path file = dir.resolve(name);
            Files.writeString(file, new String(in.readAllBytes()).replace(replace, with));
            return file;
        }
    }

    @Test
    void bundleRecordsAreMatchedToTheDicomPatientAndShownInThePatientView() throws Exception {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            Fixtures.importStudy(store, dir);
            RecordFile file = FhirBundleReader.read(bundleFile("b.json", "", ""));
            ImportSummary summary = store.importRecords(file);
            assertEquals(1, summary.patients());
            assertEquals(3, summary.observations());
            assertEquals(0, summary.conflicts());

            PatientView view = store.patientView(Fixtures.PATIENT_ID, "HOSP").orElseThrow();
            assertEquals(Fixtures.PATIENT, view.patient());
            assertEquals(List.of(Fixtures.STUDY), view.studies(), "records join the DICOM patient");
            assertEquals("Chronic obstructive lung disease", view.problems().get(0).coding().display());
            assertEquals(List.of("Amoxicillin 500 mg capsules", "Salbutamol 100 mcg inhaler"),
                    view.medications().stream().map(m -> m.coding().display()).toList(), "newest first");
            assertEquals("Penicillin", view.allergies().get(0).coding().display());
            assertEquals(Fixtures.STUDY_UID, view.priorReports().get(0).studyUid());
            assertEquals(Fixtures.STUDY_UID, view.imagingStudies().get(0).studyUid());

            LabSeries crp = view.lab("1988-5").orElseThrow();
            assertEquals(List.of(new LabSeries.Point(Instant.parse("2024-01-10T08:00:00Z"), 4.0, "mg/L", null, 5.0),
                    new LabSeries.Point(Instant.parse("2024-03-13T20:30:00Z"), 87.5, "mg/L", null, 5.0)), crp.points());
            assertEquals(List.of("1988-5", "6690-2"), view.labs().stream().map(LabSeries::loinc).toList());

            // Importing the same file again replaces its records instead of doubling them.
            store.importRecords(file);
            assertEquals(2, store.patientView(Fixtures.PATIENT_ID, "HOSP").orElseThrow().lab("1988-5").orElseThrow()
                    .points().size());

            List<AuditEvent> imports = store.auditLog().events().stream()
                    .filter(e -> e.action().equals("RECORDS_IMPORTED")).toList();
            assertEquals(2, imports.size());
            assertEquals(Fixtures.PATIENT_ID + "^HOSP", imports.get(0).entityId());
            assertTrue(imports.get(0).afterJson().contains(file.sha256()), imports.get(0).afterJson());

            store.openPatient(Fixtures.PATIENT_ID, "HOSP");
            assertEquals("PATIENT_OPENED", store.auditLog().events().get(store.auditLog().events().size() - 1)
                    .action());
            assertTrue(store.auditLog().verify().intact());
        }
    }

    @Test
    void sameIdWithAnotherNameIsFlaggedAndHeldBackUntilResolved() throws Exception {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            Fixtures.importStudy(store, dir);
            ImportSummary summary = store.importRecords(FhirBundleReader.read(bundleFile("other.json",
                    "\"family\": \"Doe\", \"given\": [\"Jane\"]", "\"family\": \"Roe\", \"given\": [\"Richard\"]")));
            assertEquals(1, summary.conflicts());
            assertEquals("Doe^Jane", store.patient(Fixtures.PATIENT_ID, "HOSP").orElseThrow().name(),
                    "stored demographics are kept");

            PatientView held = store.patientView(Fixtures.PATIENT_ID, "HOSP").orElseThrow();
            assertTrue(held.problems().isEmpty() && held.labs().isEmpty(), "records wait for the user");
            IdentityConflict conflict = held.openConflicts().get(0);
            assertEquals("Doe^Jane", conflict.storedName());
            assertEquals("Roe^Richard", conflict.incomingName());
            assertTrue(conflict.source().endsWith("other.json"));
            assertEquals(List.of(conflict), store.identityConflicts(true));

            IdentityConflict resolved = store.resolveIdentityConflict(conflict.id(),
                    IdentityConflict.Resolution.SAME_PATIENT, "dr.who");
            assertEquals(IdentityConflict.Resolution.SAME_PATIENT, resolved.resolution());
            assertThrows(IllegalStateException.class, () -> store.resolveIdentityConflict(conflict.id(),
                    IdentityConflict.Resolution.DIFFERENT_PATIENT, "dr.who"));
            PatientView joined = store.patientView(Fixtures.PATIENT_ID, "HOSP").orElseThrow();
            assertEquals(1, joined.problems().size());
            assertTrue(joined.openConflicts().isEmpty());
            assertTrue(store.identityConflicts(true).isEmpty());
            assertEquals(1, store.identityConflicts(false).size());
            assertTrue(store.auditLog().verify().intact());
        }
    }

    @Test
    void differentPatientDiscardsTheHeldBackRecords() throws Exception {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            Fixtures.importStudy(store, dir);
            store.importRecords(FhirBundleReader.read(bundleFile("other.json", "1970-03-14", "1981-07-30")));
            IdentityConflict conflict = store.identityConflicts(true).get(0);
            assertEquals(java.time.LocalDate.of(1981, 7, 30), conflict.incomingBirthDate());
            store.resolveIdentityConflict(conflict.id(), IdentityConflict.Resolution.DIFFERENT_PATIENT, "dr.who");
            assertTrue(store.patientView(Fixtures.PATIENT_ID, "HOSP").orElseThrow().problems().isEmpty());
            try (Connection c = Fixtures.raw(db()); Statement s = c.createStatement()) {
                assertEquals(0, s.executeQuery("SELECT count(*) FROM observations").getInt(1));
            }
        }
    }

    @Test
    void dicomImportWithAnotherNameIsFlaggedNotOverwritten() {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            Fixtures.importStudy(store, dir);
            store.upsertPatient(new Patient(Fixtures.PATIENT_ID, "HOSP", "DOE^JANE^", null, "F"));
            assertTrue(store.identityConflicts(true).isEmpty(), "same name written differently is no conflict");
            store.upsertPatient(new Patient(Fixtures.PATIENT_ID, "HOSP", "Smith^John", null, "M"));
            store.upsertPatient(new Patient(Fixtures.PATIENT_ID, "HOSP", "Smith^John", null, "M"));
            assertEquals("Doe^Jane", store.patient(Fixtures.PATIENT_ID, "HOSP").orElseThrow().name());
            List<IdentityConflict> open = store.identityConflicts(true);
            assertEquals(1, open.size(), "the same disagreement is flagged once");
            assertEquals("DICOM", open.get(0).source());
            store.upsertPatient(new Patient("NEW-1", "", null, null, null));
            store.upsertPatient(new Patient("NEW-1", "", "Late^Name", java.time.LocalDate.of(2000, 1, 1), null));
            assertEquals("Late^Name", store.patient("NEW-1", "").orElseThrow().name(), "unknowns are filled in");
        }
    }

    @Test
    void unknownPatientHasNoView() {
        try (ClinicalStore store = ClinicalStore.open(db())) {
            assertTrue(store.patientView("nobody", null).isEmpty());
            assertTrue(store.openPatient("nobody", null).isEmpty());
            assertEquals(0, store.auditLog().verify().eventCount());
        }
    }
}
