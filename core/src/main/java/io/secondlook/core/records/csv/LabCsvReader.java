package io.secondlook.core.records.csv;

import io.secondlook.core.domain.Patient;
import io.secondlook.core.records.Observation;
import io.secondlook.core.records.PatientRecords;
import io.secondlook.core.records.RecordFile;
import io.secondlook.core.records.RecordFileException;
import io.secondlook.core.records.RecordSourceKind;
import io.secondlook.core.records.RecordTimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a lab table (one result per line) with Tablesaw. Columns, by header name in any order:
 * {@code patient_id, loinc, value, time} (required), {@code issuer, name, unit, low, high} (optional).
 * {@code time} is a date, a local date-time (taken as UTC) or an offset date-time. Any bad line refuses the
 * whole file with an error naming the line number (the header is line 1) and the column.
 */
public final class LabCsvReader {

    public static final List<String> REQUIRED = List.of("patient_id", "loinc", "value", "time");
    public static final List<String> OPTIONAL = List.of("issuer", "name", "unit", "low", "high");

    private LabCsvReader() {
    }

    public static RecordFile read(Path file) throws IOException {
        String sha256 = RecordFile.sha256(Files.readAllBytes(file));
        if (Files.size(file) == 0) {
            throw new RecordFileException(file, "line 1", null, "the file is empty; expected a header line");
        }
        Table table;
        try {
            // Every column as text, so that validation (and its messages) is ours, not type inference's.
            table = Table.read().usingOptions(CsvReadOptions.builder(file.toFile())
                    .header(true).columnTypes(name -> ColumnType.STRING).missingValueIndicator(""));
        } catch (RuntimeException e) {
            throw new RecordFileException(file, "content", null, "cannot be read as CSV");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (String name : table.columnNames()) {
            columns.put(name.strip().toLowerCase(Locale.ROOT), name);
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new RecordFileException(file, "line 1", required, "required column is missing from the header");
            }
        }
        Map<Patient, List<Observation>> byPatient = new LinkedHashMap<>();
        for (Row row : table) {
            Line line = new Line(file, row.getRowNumber() + 2, row, columns);
            Patient patient = new Patient(line.required("patient_id"), line.optional("issuer"), null, null, null);
            String loinc = line.required("loinc");
            if (!loinc.matches("\\d{1,7}-\\d")) {
                throw line.error("loinc", "is not a LOINC code (digits-checkdigit)");
            }
            String name = line.optional("name");
            byPatient.computeIfAbsent(patient, p -> new ArrayList<>()).add(new Observation(loinc,
                    name == null ? loinc : name, line.number("value", true), line.optional("unit"),
                    line.numberOrNull("low"), line.numberOrNull("high"), line.time("time"), "line " + line.number));
        }
        List<PatientRecords> patients = new ArrayList<>();
        byPatient.forEach((patient, observations) -> patients.add(PatientRecords.labs(patient, observations)));
        return new RecordFile(file, RecordSourceKind.LAB_CSV, sha256, patients, 0);
    }

    private record Line(Path file, int number, Row row, Map<String, String> columns) {

        String optional(String column) {
            String name = columns.get(column);
            if (name == null) {
                return null;
            }
            String value = row.getString(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        String required(String column) {
            String value = optional(column);
            if (value == null) {
                throw error(column, "is empty");
            }
            return value;
        }

        Double numberOrNull(String column) {
            return optional(column) == null ? null : number(column, false);
        }

        double number(String column, boolean required) {
            String text = required ? required(column) : optional(column);
            try {
                double value = Double.parseDouble(text);
                if (!Double.isFinite(value)) {
                    throw error(column, "is not a finite number");
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(column, "is not a number");
            }
        }

        Instant time(String column) {
            String text = required(column);
            try {
                return RecordTimes.instant(text);
            } catch (DateTimeParseException e) {
                throw error(column, "is not a date or date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z])");
            }
        }

        RecordFileException error(String column, String problem) {
            return new RecordFileException(file, "line " + number, "column " + column, problem);
        }
    }
}
