package io.secondlook.core.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.core.domain.Patient;
import io.secondlook.core.records.fhir.FhirBundleReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FhirBundleReaderTest {

    static final Path FILE = Path.of("bundle.json");

    static String bundle() throws IOException {
        try (InputStream in = FhirBundleReaderTest.class.getResourceAsStream("bundle.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static RecordFile parse(String json) {
        return FhirBundleReader.parse(FILE, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryKeptResourceWithItsEntryIndex() throws IOException {
        RecordFile file = parse(bundle());
        assertEquals(RecordSourceKind.FHIR_BUNDLE, file.kind());
        assertEquals(2, file.skipped(), "the Encounter and the coded smoking-status Observation");
        assertEquals(64, file.sha256().length());
        PatientRecords p = file.patients().get(0);
        assertEquals(new Patient("SL-000123", "HOSP", "Doe^Jane", LocalDate.of(1970, 3, 14), "F"), p.patient(),
                "the MR identifier wins over the first one");

        Problem copd = p.problems().get(0);
        assertEquals(new Coding("http://snomed.info/sct", "13645005", "Chronic obstructive lung disease"),
                copd.coding());
        assertEquals("active", copd.clinicalStatus());
        assertEquals(LocalDate.of(2015, 6, 1), copd.onset());
        assertEquals("entry[2]", copd.locator());

        assertEquals(2, p.medications().size());
        assertEquals("2 puffs as needed", p.medications().get(0).dosage());
        assertEquals(LocalDate.of(2016, 1, 10), p.medications().get(0).start());
        assertEquals("Amoxicillin 500 mg capsules", p.medications().get(1).coding().display());
        assertEquals(LocalDate.of(2023, 11, 2), p.medications().get(1).start());

        assertEquals(new Allergy(new Coding("http://snomed.info/sct", "764146007", "Penicillin"), "high", "Urticaria",
                "entry[5]"), p.allergies().get(0));

        List<Observation> labs = p.observations();
        assertEquals(3, labs.size());
        assertEquals(new Observation("1988-5", "CRP", 87.5, "mg/L", null, 5.0,
                Instant.parse("2024-03-13T20:30:00Z"), "entry[7]"), labs.get(1));
        assertTrue(labs.get(1).outOfRange());
        assertFalse(labs.get(0).outOfRange());
        assertEquals("10*9/L", labs.get(2).unit());
        assertEquals(4.0, labs.get(2).low());
        assertEquals(Instant.parse("2024-03-13T00:00:00Z"), labs.get(2).effective());

        ImagingStudyRef ct = p.imagingStudies().get(0);
        assertEquals("1.2.826.0.1.3680043.10.1234.1", ct.studyUid());
        assertEquals(List.of("CT"), ct.modalities());

        PriorReport report = p.reports().get(0);
        assertEquals("Emphysematous changes. No consolidation.", report.conclusion(), "decoded presentedForm");
        assertEquals("Chest CT", report.title());
        assertEquals("1.2.826.0.1.3680043.10.1234.1", report.studyUid(), "linked through ImagingStudy/img1");
    }

    @Test
    void issuerComesFromTheIdentifierSystem() {
        assertEquals("1.2.3.4", FhirBundleReader.issuer("urn:oid:1.2.3.4"));
        assertEquals("https://hospital.example/mrn", FhirBundleReader.issuer("https://hospital.example/mrn"));
        assertEquals("", FhirBundleReader.issuer(null));
    }

    private static RecordFileException refused(String json) {
        return assertThrows(RecordFileException.class, () -> parse(json));
    }

    @Test
    void malformedResourceNamesTheEntryAndTheField() throws IOException {
        RecordFileException text = refused(bundle().replace("\"value\": 87.5", "\"value\": \"87.5\""));
        assertEquals("entry[7]", text.location());
        assertEquals("Observation.valueQuantity.value", text.field());
        assertTrue(text.getMessage().startsWith("bundle.json: entry[7] Observation.valueQuantity.value: must be"),
                text.getMessage());
        assertFalse(text.getMessage().contains("87.5"), "values are never quoted");

        RecordFileException unit = refused(bundle().replace("\"code\": \"10*9/L\"", "\"code\": \"10*9/L\"")
                .replace("\"system\": \"http://unitsofmeasure.org\", \"code\": \"10*9/L\"",
                        "\"system\": \"http://example.org/units\", \"code\": \"10*9/L\""));
        assertEquals("entry[8]", unit.location());
        assertEquals("Observation.valueQuantity.system", unit.field());

        RecordFileException loinc = refused(bundle().replace("\"code\": \"6690-2\"", "\"code\": \"WBC\""));
        assertEquals("entry[8]", loinc.location());

        RecordFileException subject = refused(bundle().replace("\"patient\": {\"reference\": \"Patient/p1\"}",
                "\"patient\": {\"reference\": \"Patient/nobody\"}"));
        assertEquals("entry[5]", subject.location());
        assertEquals("AllergyIntolerance.patient.reference", subject.field());

        RecordFileException uid = refused(bundle().replace("urn:oid:1.2.826.0.1.3680043.10.1234.1", "urn:oid:1.2.abc"));
        assertEquals("entry[10]", uid.location());
        assertEquals("ImagingStudy.identifier[0].value", uid.field());

        RecordFileException date = refused(bundle().replace("\"onsetDateTime\": \"2015-06-01\"",
                "\"onsetDateTime\": \"June 2015\""));
        assertEquals("Condition.onsetDateTime", date.field());

        RecordFileException noId = refused(bundle().replace("\"value\": \"SL-000123\"", "\"value\": \"\"")
                .replace("\"value\": \"OTHER-9\"", "\"value\": \" \""));
        assertEquals("entry[0]", noId.location());
        assertEquals("Patient.identifier", noId.field());
    }

    @Test
    void notABundleOrNotJsonIsRefused() {
        RecordFileException json = refused("{\"resourceType\": \"Bundle\", \"entry\": [ {]}");
        assertTrue(json.getMessage().contains("line 1 column"), json.getMessage());
        assertTrue(json.getMessage().contains("not valid JSON"), json.getMessage());
        RecordFileException type = refused("{\"resourceType\": \"Patient\"}");
        assertEquals("Bundle.resourceType", type.field());
        RecordFileException entry = refused("{\"resourceType\": \"Bundle\", \"entry\": [{\"fullUrl\": \"x\"}]}");
        assertEquals("entry[0]", entry.location());
        assertEquals("entry.resource", entry.field());
        assertNull(parse("{\"resourceType\": \"Bundle\"}").patients().stream().findFirst().orElse(null));
    }
}
