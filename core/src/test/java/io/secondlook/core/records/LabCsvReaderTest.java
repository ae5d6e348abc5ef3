package io.secondlook.core.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.secondlook.core.records.csv.LabCsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCsvReaderTest {

    static final String HEADER = "patient_id,issuer,loinc,name,value,unit,low,high,time\n";

    @TempDir
    Path dir;

    private Path csv(String content) throws Exception {
        Path file = dir.resolve("labs.csv");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void readsResultsGroupedByPatient() throws Exception {
        RecordFile file = LabCsvReader.read(csv(HEADER
                + "SL-000123,HOSP,1988-5,CRP,4.5,mg/L,,5,2024-01-10T08:00:00Z\n"
                + "SL-000123,HOSP,6690-2,\"Leukocytes, blood\",12.1,10*9/L,4,11,2024-01-10\n"
                + "SL-DEMO-0001,,1988-5,CRP,120,mg/L,0,5,2024-03-13T21:00\n"));
        assertEquals(RecordSourceKind.LAB_CSV, file.kind());
        assertEquals(2, file.patients().size());
        PatientRecords first = file.patients().get(0);
        assertEquals("HOSP", first.patient().issuer());
        assertNull(first.patient().name(), "a lab line says nothing about the name");
        assertEquals(new Observation("1988-5", "CRP", 4.5, "mg/L", null, 5.0, Instant.parse("2024-01-10T08:00:00Z"),
                "line 2"), first.observations().get(0));
        assertEquals("Leukocytes, blood", first.observations().get(1).display());
        assertEquals(Instant.parse("2024-01-10T00:00:00Z"), first.observations().get(1).effective());
        PatientRecords demo = file.patients().get(1);
        assertEquals("", demo.patient().issuer());
        assertEquals(Instant.parse("2024-03-13T21:00:00Z"), demo.observations().get(0).effective());
        assertEquals("line 4", demo.observations().get(0).locator());
    }

    @Test
    void badLineNamesItsNumberAndColumn() throws Exception {
        RecordFileException value = assertThrows(RecordFileException.class, () -> LabCsvReader.read(csv(HEADER
                + "SL-1,,1988-5,CRP,4.5,mg/L,,5,2024-01-10\n"
                + "SL-1,,1988-5,CRP,4.5,mg/L,,5,2024-01-11\n"
                + "SL-1,,1988-5,CRP,high,mg/L,,5,2024-01-12\n")));
        assertEquals("line 4", value.location());
        assertEquals("column value", value.field());
        assertEquals(dir.resolve("labs.csv") + ": line 4 column value: is not a number", value.getMessage());

        RecordFileException time = assertThrows(RecordFileException.class, () -> LabCsvReader.read(csv(HEADER
                + "SL-1,,1988-5,CRP,4.5,mg/L,,5,yesterday\n")));
        assertEquals("line 2", time.location());
        assertEquals("column time", time.field());

        RecordFileException id = assertThrows(RecordFileException.class, () -> LabCsvReader.read(csv(HEADER
                + "SL-1,,1988-5,CRP,4.5,mg/L,,5,2024-01-10\n"
                + ",,1988-5,CRP,4.5,mg/L,,5,2024-01-10\n")));
        assertEquals("line 3", id.location());
        assertEquals("column patient_id", id.field());

        RecordFileException low = assertThrows(RecordFileException.class, () -> LabCsvReader.read(csv(HEADER
                + "SL-1,,1988-5,CRP,4.5,mg/L,zero,5,2024-01-10\n")));
        assertEquals("column low", low.field());
    }

    @Test
    void missingRequiredColumnIsNamed() throws Exception {
        RecordFileException e = assertThrows(RecordFileException.class, () -> LabCsvReader.read(csv(
                "patient_id,loinc,value\nSL-1,1988-5,3\n")));
        assertEquals("line 1", e.location());
        assertEquals("time", e.field());
        assertThrows(RecordFileException.class, () -> LabCsvReader.read(csv("")));
    }
}
