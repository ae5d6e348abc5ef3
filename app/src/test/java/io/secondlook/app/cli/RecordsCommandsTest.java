package io.secondlook.app.cli;

import static io.secondlook.app.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.app.cli.CommandLineTest.Run;
import io.secondlook.testdata.DemoStudyGenerator;
import io.secondlook.testdata.records.SyntheticRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import}, {@code worklist}, {@code patient} and {@code audit verify} against real files and a real store. */
class RecordsCommandsTest {

    @TempDir
    static Path shared;
    static SyntheticRecords.Written records;
    static Path demo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeInputs() throws Exception {
        demo = shared.resolve("demo");
        new DemoStudyGenerator().writeTo(demo);
        records = new SyntheticRecords(12, SyntheticRecords.DEFAULT_SEED).writeTo(shared.resolve("records"));
    }

    private String home() {
        return tmp.resolve("home").toString();
    }

    private Run importAll() {
        List<String> args = new ArrayList<>(List.of("--home", home(), "import", demo.toString()));
        records.bundles().forEach(b -> args.add(b.toString()));
        args.add(records.labsCsv().toString());
        return run(args.toArray(String[]::new));
    }

    @Test
    void importsDicomBundlesAndLabsThenShowsTheDemoPatientsPneumoniaHistory() throws Exception {
        Run imported = importAll();
        assertEquals(0, imported.exitCode(), imported.err());
        List<String> lines = imported.out().lines().toList();
        assertEquals(14, lines.size(), imported.out());
        assertTrue(lines.get(0).matches(".*demo: DICOM: 1 patient\\(s\\), 1 study\\(ies\\), 65 image\\(s\\)"), lines.get(0));
        assertTrue(lines.get(1).contains("SL-DEMO-0001.json: FHIR bundle: 1 patient(s)"), lines.get(1));
        assertFalse(imported.out().contains("identity conflict"), "the records match the DICOM demographics");
        assertTrue(lines.get(13).contains("labs.csv: lab table: 12 patient(s)"), lines.get(13));
        assertTrue(Files.list(tmp.resolve("home").resolve("backups")).findAny().isEmpty(),
                "no backup of a database that did not exist yet");

        Run patient = run("--home", home(), "patient", DemoStudyGenerator.PATIENT_ID, "--json");
        assertEquals(0, patient.exitCode(), patient.err());
        JsonNode view = new ObjectMapper().readTree(patient.out());
        assertEquals("DEMO^Chest", view.at("/patient/name").asText());
        assertEquals(1, view.get("studies").size());
        assertTrue(view.get("openConflicts").isEmpty());
        JsonNode crp = null;
        for (JsonNode lab : view.get("labs")) {
            if (lab.get("loinc").asText().equals("1988-5")) {
                crp = lab.get("points");
            }
        }
        assertTrue(crp != null && crp.size() > 10, "years of CRP from the bundle plus the recent CSV results");
        JsonNode last = crp.get(crp.size() - 1);
        assertEquals(168.0, last.get("value").asDouble());
        assertEquals("mg/L", last.get("unit").asText());
        assertEquals(5.0, last.get("high").asDouble());
        assertTrue(crp.get(crp.size() - 3).get("value").asDouble() < last.get("value").asDouble(), "CRP rising");
        assertTrue(view.get("priorReports").get(0).get("conclusion").asText().contains("No consolidation"));

        Run text = run("--home", home(), "patient", DemoStudyGenerator.PATIENT_ID);
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("DEMO^Chest  ID SL-DEMO-0001  born 1970-01-01"), text.out());
        assertTrue(text.out().contains("Amoxicillin 500 mg oral capsule"), text.out());

        Run other = run("--home", home(), "patient", SyntheticRecords.patientId(3), "--issuer", SyntheticRecords.ISSUER);
        assertEquals(0, other.exitCode(), other.err());
        assertTrue(other.out().contains("Labs (7)") || other.out().contains("Labs (6)"), other.out());

        Run audit = run("--home", home(), "audit", "verify");
        assertEquals(0, audit.exitCode(), audit.err());
        assertTrue(audit.out().matches("OK: audit trail intact, \\d+ events\\R"), audit.out());
    }

    @Test
    void worklistListsFiltersSearchesAndTriages() throws Exception {
        assertEquals(0, importAll().exitCode());
        Run table = run("--home", home(), "worklist");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("DEMO^Chest"), table.out());
        assertTrue(table.out().contains("NOT_RUN"), table.out());
        assertTrue(table.out().strip().endsWith("1 study"), table.out());

        Run json = run("--home", home(), "worklist", "--json", "--modality", "CT", "--search", "demo", "--triage");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertEquals(1, rows.size());
        assertEquals(DemoStudyGenerator.PATIENT_ID, rows.get(0).get("patientId").asText());
        assertEquals("NOT_RUN", rows.get(0).get("aiStatus").asText());
        assertEquals(List.of("CT", "DX"), List.of(rows.get(0).get("modalities").get(0).asText(),
                rows.get(0).get("modalities").get(1).asText()).stream().sorted().toList());

        assertEquals("[ ]", run("--home", home(), "worklist", "--json", "--modality", "MR").out().strip());
        assertEquals("[ ]", run("--home", home(), "worklist", "--json", "--search", "nobody").out().strip());
        assertEquals(0, run("--home", home(), "worklist", "--read-only", "--status", "NOT_RUN,REVIEWED").exitCode());
        assertEquals(2, run("--home", home(), "worklist", "--status", "MAYBE").exitCode());
    }

    @Test
    void malformedBundleIsRefusedWholeNamingEntryAndField() throws Exception {
        String bundle = Files.readString(records.bundles().get(0));
        int at = bundle.indexOf("\"valueQuantity\"");
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, bundle.substring(0, at) + bundle.substring(at).replaceFirst("\"value\" : [0-9.]+",
                "\"value\" : \"high\""));
        Run r = run("--home", home(), "import", bad.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().matches("secondlook: .*bad.json: entry\\[\\d+] Observation.valueQuantity.value: must be a"
                + " finite number\\R"), r.err());
        Run patient = run("--home", home(), "patient", DemoStudyGenerator.PATIENT_ID);
        assertEquals(1, patient.exitCode(), "nothing of the file was imported");
        assertTrue(patient.err().contains("no patient"), patient.err());
    }

    @Test
    void badCsvLineIsRefusedNamingLineAndColumn() throws Exception {
        Path csv = tmp.resolve("labs.csv");
        Files.writeString(csv, "patient_id,issuer,loinc,name,value,unit,low,high,time\n"
                + "SL-1,,1988-5,CRP,4,mg/L,,5,2024-01-01\n"
                + "SL-1,,1988-5,CRP,4,mg/L,,5,01/02/2024\n");
        Run r = run("--home", home(), "import", csv.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("labs.csv: line 3 column time: is not a date"), r.err());
        assertEquals(1, run("--home", home(), "patient", "SL-1").exitCode());
    }

    @Test
    void zipOfTheDemoStudyIsExtractedIntoTheHomeAndImported() throws Exception {
        Path zip = tmp.resolve("demo.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
             java.util.stream.Stream<Path> files = Files.walk(demo)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry(demo.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        Run r = run("--home", home(), "import", zip.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("demo.zip: DICOM: 1 patient(s), 1 study(ies), 65 image(s)"), r.out());
        try (java.util.stream.Stream<Path> extracted = Files.list(tmp.resolve("home").resolve("imports"))) {
            assertEquals(1, extracted.count(), "extracted where the catalogue can find the files again");
        }
        assertTrue(run("--home", home(), "worklist").out().contains("DEMO^Chest"));
    }

    @Test
    void unsupportedPathsAreRefused() throws Exception {
        Run missing = run("--home", home(), "import", tmp.resolve("nothing").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        Run txt = run("--home", home(), "import", Files.writeString(tmp.resolve("notes.txt"), "x").toString());
        assertEquals(1, txt.exitCode());
        assertTrue(txt.err().contains("not a DICOM folder, DICOMDIR, zip"), txt.err());
    }

    @Test
    void auditVerifyReportsTheFirstBrokenLink() throws Exception {
        assertEquals(0, importAll().exitCode());
        Path db = tmp.resolve("home").resolve("secondlook.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TRIGGER audit_events_no_update");
            s.executeUpdate("UPDATE audit_events SET actor = 'someone-else' WHERE sequence = 2");
        }
        Run r = run("--home", home(), "audit", "verify", "--read-only");
        assertEquals(1, r.exitCode());
        assertTrue(r.out().startsWith("BROKEN: audit trail broken at sequence 2: content does not match its hash"),
                r.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"import"}, {"worklist"}, {"patient"}, {"audit"}, {"audit", "verify"}}) {
            List<String> args = new ArrayList<>(List.of(command));
            args.add("--help");
            Run help = run(args.toArray(String[]::new));
            assertEquals(0, help.exitCode(), String.join(" ", command));
            assertTrue(help.out().contains("Usage: secondlook " + String.join(" ", command)), help.out());
        }
        Run noDb = run("--home", home(), "worklist");
        assertEquals(1, noDb.exitCode());
        assertTrue(noDb.err().contains("no database yet"), noDb.err());
    }
}
