package io.secondlook.testdata.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.testdata.DemoStudyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticRecordsTest {

    @TempDir
    Path dir;

    @Test
    void hundredPatientsDeterministicWithTheDemoPatientFirst() throws Exception {
        SyntheticRecords.Written a = new SyntheticRecords().writeTo(dir.resolve("a"));
        SyntheticRecords.Written b = new SyntheticRecords().writeTo(dir.resolve("b"));
        assertEquals(SyntheticRecords.DEFAULT_PATIENTS, a.bundles().size());
        for (int i = 0; i < a.bundles().size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.bundles().get(i)), Files.readAllBytes(b.bundles().get(i)));
        }
        assertArrayEquals(Files.readAllBytes(a.labsCsv()), Files.readAllBytes(b.labsCsv()));
        assertTrue(a.bundleObservations() > 100 * 6 * 8, "years of labs: " + a.bundleObservations());

        JsonNode demo = new ObjectMapper().readTree(a.bundles().get(0).toFile());
        JsonNode patient = demo.get("entry").get(0).get("resource");
        assertEquals(DemoStudyGenerator.PATIENT_ID, patient.get("identifier").get(0).get("value").asText());
        assertEquals("DEMO", patient.get("name").get(0).get("family").asText());
        assertEquals("Chest", patient.get("name").get(0).get("given").get(0).asText());
        Set<String> types = demo.get("entry").findValues("resourceType").stream().map(JsonNode::asText)
                .collect(Collectors.toSet());
        assertEquals(Set.of("Patient", "Condition", "MedicationStatement", "MedicationRequest", "AllergyIntolerance",
                "Observation", "ImagingStudy", "DiagnosticReport"), types);

        List<String> demoCrp = Files.readAllLines(a.labsCsv()).stream()
                .filter(l -> l.startsWith(DemoStudyGenerator.PATIENT_ID + ",,1988-5,")).toList();
        assertEquals(3, demoCrp.size());
        double first = Double.parseDouble(demoCrp.get(0).split(",")[4]);
        double last = Double.parseDouble(demoCrp.get(2).split(",")[4]);
        assertTrue(first > 5 && last > first * 3, "CRP rises into pneumonia: " + demoCrp);
    }

    @Test
    void worklistRowsAreDeterministicAndCoverEveryAiState() {
        List<SyntheticWorklist.Row> rows = SyntheticWorklist.rows(10_000, 7);
        assertEquals(rows, SyntheticWorklist.rows(10_000, 7));
        assertEquals(10_000, rows.stream().map(SyntheticWorklist.Row::studyUid).distinct().count());
        assertEquals(Set.of(SyntheticWorklist.AiState.values()), rows.stream().map(SyntheticWorklist.Row::aiState)
                .collect(Collectors.toSet()));
    }
}
