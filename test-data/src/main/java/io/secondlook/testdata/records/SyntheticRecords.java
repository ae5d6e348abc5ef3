package io.secondlook.testdata.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.secondlook.testdata.DemoStudyGenerator;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic synthetic patient records for the tests and the demo: fictional patients with years of labs,
 * problems, medications, allergies and prior imaging reports, written as one FHIR R4 JSON Bundle per patient plus
 * one lab CSV with the recent results. The first patient is the demo DICOM patient ({@link
 * DemoStudyGenerator#PATIENT_ID}) with a history that fits the demo's pneumonia: CRP and white cells rising in
 * the days before the study. Same arguments, byte-identical files.
 */
public final class SyntheticRecords {

    public static final int DEFAULT_PATIENTS = 100;
    public static final long DEFAULT_SEED = 20240314L;
    /** Patient identifier system of the synthetic hospital; its issuer is the OID without {@code urn:oid:}. */
    public static final String ISSUER_SYSTEM = "urn:oid:2.25.271828182845904523536028747135266249";
    public static final String ISSUER = ISSUER_SYSTEM.substring("urn:oid:".length());
    /** The demo study's date; all histories end here. */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(2024, 3, 14);
    /** As the demo DICOM files say (DemoAttributes), so that the records match without an identity conflict. */
    public static final LocalDate DEMO_BIRTH_DATE = LocalDate.of(1970, 1, 1);
    public static final String LABS_CSV = "labs.csv";

    private static final String[] FAMILY = {"Adler", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia",
        "Haddad", "Ivanova", "Jansen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn",
        "Rossi", "Schmidt", "Tanaka", "Uddin", "Virtanen", "Weber", "Xu", "Yilmaz", "Zhang"};
    private static final String[] GIVEN_F = {"Anna", "Chiara", "Elena", "Fatima", "Greta", "Ingrid", "Julia", "Mei",
        "Nora", "Sofia"};
    private static final String[] GIVEN_M = {"Ahmed", "Bruno", "David", "Erik", "Hiro", "Jonas", "Luca", "Marek",
        "Omar", "Pavel"};

    /** A long-term condition, the medication that goes with it, and how it bends the labs. */
    private enum Condition {
        DIABETES("44054006", "Type 2 diabetes mellitus", "860975", "Metformin 500 mg oral tablet",
                "500 mg twice daily"),
        HYPERTENSION("38341003", "Essential hypertension", "308135", "Amlodipine 5 mg oral tablet",
                "5 mg once daily"),
        COPD("13645005", "Chronic obstructive pulmonary disease", "745679", "Salbutamol 100 mcg/dose inhaler",
                "2 puffs as needed"),
        CKD("433144002", "Chronic kidney disease stage 3", "197361", "Ramipril 2.5 mg oral capsule",
                "2.5 mg once daily"),
        ANAEMIA("87522002", "Iron deficiency anaemia", "310325", "Ferrous sulfate 325 mg oral tablet",
                "325 mg once daily"),
        AF("49436004", "Atrial fibrillation", "1364435", "Apixaban 5 mg oral tablet", "5 mg twice daily"),
        HYPERLIPIDAEMIA("55822004", "Hyperlipidaemia", "617311", "Atorvastatin 20 mg oral tablet",
                "20 mg at night");

        final String snomed;
        final String display;
        final String rxnorm;
        final String drug;
        final String dosage;

        Condition(String snomed, String display, String rxnorm, String drug, String dosage) {
            this.snomed = snomed;
            this.display = display;
            this.rxnorm = rxnorm;
            this.drug = drug;
            this.dosage = dosage;
        }
    }

    private static final String[][] ALLERGIES = {{"764146007", "Penicillin", "Urticaria", "high"},
        {"387406002", "Sulfonamide", "Rash", "low"}, {"111088007", "Latex", "Contact dermatitis", "low"},
        {"293637006", "Iodinated contrast media", "Anaphylaxis", "high"}};

    private static final String[][] PRIOR_IMAGING = {
        {"DX", "XR chest PA", "36643-5", "XR Chest 2 Views",
            "Lungs are clear. No consolidation, effusion or pneumothorax. Heart size normal."},
        {"CT", "CT chest without contrast", "29252-4", "CT Chest WO contrast",
            "No pulmonary nodule or mass. Mild centrilobular emphysema. No lymphadenopathy."},
        {"CR", "XR chest AP portable", "36572-6", "XR Chest AP",
            "Mild bibasal atelectasis. No focal consolidation."},
        {"CT", "CT abdomen and pelvis with contrast", "72251-2", "CT Abdomen and Pelvis W contrast",
            "No acute abdominal abnormality. Simple renal cyst on the left."}};

    private final int patientCount;
    private final long seed;

    public SyntheticRecords() {
        this(DEFAULT_PATIENTS, DEFAULT_SEED);
    }

    /** @param patientCount how many patients, the demo patient included (at least 1) */
    public SyntheticRecords(int patientCount, long seed) {
        if (patientCount < 1) {
            throw new IllegalArgumentException("at least the demo patient");
        }
        this.patientCount = patientCount;
        this.seed = seed;
    }

    /** What {@link #writeTo} wrote. */
    public record Written(List<Path> bundles, Path labsCsv, int bundleObservations, int csvRows) {
        public Written {
            bundles = List.copyOf(bundles);
        }
    }

    /** The Patient ID of patient {@code index} (0 is the demo patient). */
    public static String patientId(int index) {
        return index == 0 ? DemoStudyGenerator.PATIENT_ID : String.format(Locale.ROOT, "SL-SYN-%04d", index);
    }

    /** Writes {@code bundles/<Patient ID>.json} and {@value #LABS_CSV} into {@code folder}. */
    public Written writeTo(Path folder) throws IOException {
        Path bundleDir = folder.resolve("bundles");
        Files.createDirectories(bundleDir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<Path> bundles = new ArrayList<>();
        int observations = 0;
        StringBuilder csv = new StringBuilder("patient_id,issuer,loinc,name,value,unit,low,high,time\n");
        int csvRows = 0;
        for (int i = 0; i < patientCount; i++) {
            Patient patient = new Patient(i, new Random(seed * 1_000_003L + i));
            Path file = bundleDir.resolve(patientId(i) + ".json");
            Files.write(file, json.writeValueAsBytes(patient.bundle()));
            bundles.add(file);
            observations += patient.bundleObservations;
            for (Lab lab : patient.recentLabs()) {
                csv.append(patientId(i)).append(',').append(patient.issuer()).append(',').append(lab.test.loinc)
                        .append(",\"").append(lab.test.display).append("\",").append(lab.value).append(',')
                        .append(lab.test.unit).append(',').append(lab.test.low == null ? "" : lab.test.low).append(',')
                        .append(lab.test.high == null ? "" : lab.test.high).append(',').append(lab.time).append('\n');
                csvRows++;
            }
        }
        Path labs = folder.resolve(LABS_CSV);
        try (Writer out = Files.newBufferedWriter(labs, StandardCharsets.UTF_8)) {
            out.write(csv.toString());
        }
        return new Written(bundles, labs, observations, csvRows);
    }

    private record Lab(LabTest test, double value, Instant time) {
    }

    /** A DICOM UID under 2.25 derived from a name, so reruns give the same UIDs. */
    static String uid(String name) {
        UUID uuid = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }

    private final class Patient {
        final int index;
        final Random random;
        final boolean demo;
        final boolean female;
        final String family;
        final String given;
        final LocalDate birthDate;
        final List<Condition> conditions = new ArrayList<>();
        int bundleObservations;

        Patient(int index, Random random) {
            this.index = index;
            this.random = random;
            this.demo = index == 0;
            this.female = random.nextBoolean();
            this.family = FAMILY[random.nextInt(FAMILY.length)];
            this.given = female ? GIVEN_F[random.nextInt(GIVEN_F.length)] : GIVEN_M[random.nextInt(GIVEN_M.length)];
            this.birthDate = demo ? DEMO_BIRTH_DATE : REFERENCE_DATE.minusDays(365L * (25 + random.nextInt(65))
                    + random.nextInt(365));
            if (demo) {
                conditions.add(Condition.DIABETES);
                conditions.add(Condition.HYPERTENSION);
            } else {
                for (Condition c : Condition.values()) {
                    if (random.nextDouble() < 0.22) {
                        conditions.add(c);
                    }
                }
            }
        }

        String issuer() {
            return demo ? "" : ISSUER;
        }

        String ref() {
            return "urn:uuid:" + UUID.nameUUIDFromBytes(("patient/" + seed + "/" + index).getBytes(StandardCharsets.UTF_8));
        }

        ObjectNode bundle() {
            ObjectNode bundle = Fhir.resource("Bundle").put("type", "collection");
            ArrayNode entries = bundle.putArray("entry");
            entries.add(entry(ref(), patientResource()));
            conditions.forEach(c -> entries.add(entry(null, condition(c.snomed, c.display, "active",
                    REFERENCE_DATE.minusDays(400 + random.nextInt(3000))))));
            if (demo) {
                entries.add(entry(null, condition("49727002", "Cough", "active", REFERENCE_DATE.minusDays(5))));
                entries.add(entry(null, condition("386661006", "Fever", "active", REFERENCE_DATE.minusDays(4))));
            }
            for (Condition c : conditions) {
                entries.add(entry(null, medicationStatement(c)));
            }
            if (demo) {
                entries.add(entry(null, medicationRequest("308182", "Amoxicillin 500 mg oral capsule",
                        "500 mg three times daily for 5 days", REFERENCE_DATE.minusDays(3))));
            }
            int allergies = demo ? 1 : random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(2);
            for (int a = 0; a < allergies; a++) {
                entries.add(entry(null, allergy(ALLERGIES[demo ? 1 : (index + a) % ALLERGIES.length])));
            }
            for (Lab lab : historicLabs()) {
                entries.add(entry(null, observation(lab)));
                bundleObservations++;
            }
            int priors = demo ? 1 : random.nextInt(4);
            for (int p = 0; p < priors; p++) {
                String[] kind = PRIOR_IMAGING[demo ? 0 : random.nextInt(PRIOR_IMAGING.length)];
                LocalDate date = demo ? LocalDate.of(2022, 9, 20) : REFERENCE_DATE.minusDays(60 + random.nextInt(1800));
                String studyUid = uid("io.secondlook.testdata/records/" + seed + "/" + index + "/prior/" + p);
                String studyRef = "urn:uuid:" + UUID.nameUUIDFromBytes(studyUid.getBytes(StandardCharsets.UTF_8));
                entries.add(entry(studyRef, imagingStudy(studyUid, kind, date)));
                entries.add(entry(null, report(studyRef, kind, date)));
            }
            return bundle;
        }

        private ObjectNode entry(String fullUrl, ObjectNode resource) {
            ObjectNode entry = Fhir.object();
            if (fullUrl != null) {
                entry.put("fullUrl", fullUrl);
            }
            entry.set("resource", resource);
            return entry;
        }

        private ObjectNode patientResource() {
            ObjectNode p = Fhir.resource("Patient");
            ObjectNode identifier = p.putArray("identifier").addObject();
            identifier.putObject("type").putArray("coding")
                    .add(Fhir.coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number"));
            if (!demo) {
                identifier.put("system", ISSUER_SYSTEM);
            }
            identifier.put("value", patientId(index));
            ObjectNode name = p.putArray("name").addObject().put("use", "official");
            if (demo) {
                String[] pn = DemoStudyGenerator.PATIENT_NAME.split("\\^");
                name.put("family", pn[0]).putArray("given").add(pn[1]);
                p.put("gender", "other");
            } else {
                name.put("family", family).putArray("given").add(given);
                p.put("gender", female ? "female" : "male");
            }
            return p.put("birthDate", birthDate.toString());
        }

        private ObjectNode subject(ObjectNode resource, String field) {
            resource.set(field, Fhir.reference(ref()));
            return resource;
        }

        private ObjectNode condition(String code, String display, String status, LocalDate onset) {
            ObjectNode c = subject(Fhir.resource("Condition"), "subject");
            c.putObject("clinicalStatus").putArray("coding").add(Fhir.coding(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", status, null));
            c.set("code", Fhir.concept(Fhir.SNOMED, code, display));
            return c.put("onsetDateTime", onset.toString());
        }

        private ObjectNode medicationStatement(Condition c) {
            ObjectNode m = subject(Fhir.resource("MedicationStatement"), "subject").put("status", "active");
            m.set("medicationCodeableConcept", Fhir.concept(Fhir.RXNORM, c.rxnorm, c.drug));
            m.putObject("effectivePeriod").put("start", REFERENCE_DATE.minusDays(200 + random.nextInt(2500))
                    .toString());
            m.putArray("dosage").addObject().put("text", c.dosage);
            return m;
        }

        private ObjectNode medicationRequest(String rxnorm, String drug, String dosage, LocalDate authored) {
            ObjectNode m = subject(Fhir.resource("MedicationRequest"), "subject").put("status", "active")
                    .put("intent", "order");
            m.set("medicationCodeableConcept", Fhir.concept(Fhir.RXNORM, rxnorm, drug));
            m.put("authoredOn", authored.toString());
            m.putArray("dosageInstruction").addObject().put("text", dosage);
            return m;
        }

        private ObjectNode allergy(String[] allergy) {
            ObjectNode a = subject(Fhir.resource("AllergyIntolerance"), "patient").put("criticality", allergy[3]);
            a.set("code", Fhir.concept(Fhir.SNOMED, allergy[0], allergy[1]));
            a.putArray("reaction").addObject().putArray("manifestation").addObject().put("text", allergy[2]);
            return a;
        }

        private ObjectNode observation(Lab lab) {
            ObjectNode o = subject(Fhir.resource("Observation"), "subject").put("status", "final");
            ObjectNode code = Fhir.object();
            code.putArray("coding").add(Fhir.coding(Fhir.LOINC, lab.test.loinc, lab.test.display));
            o.set("code", code);
            o.put("effectiveDateTime", lab.time.toString());
            o.set("valueQuantity", Fhir.quantity(lab.value, lab.test.unit));
            ObjectNode range = o.putArray("referenceRange").addObject();
            if (lab.test.low != null) {
                range.set("low", Fhir.quantity(lab.test.low, lab.test.unit));
            }
            range.set("high", Fhir.quantity(lab.test.high, lab.test.unit));
            return o;
        }

        private ObjectNode imagingStudy(String studyUid, String[] kind, LocalDate date) {
            ObjectNode s = subject(Fhir.resource("ImagingStudy"), "subject").put("status", "available");
            s.putArray("identifier").addObject().put("system", "urn:dicom:uid").put("value", "urn:oid:" + studyUid);
            s.put("started", date.atTime(10, 15).toInstant(ZoneOffset.UTC).toString());
            s.putArray("modality").add(Fhir.coding(Fhir.DCM, kind[0], null));
            return s.put("description", kind[1]);
        }

        private ObjectNode report(String studyRef, String[] kind, LocalDate date) {
            ObjectNode r = subject(Fhir.resource("DiagnosticReport"), "subject").put("status", "final");
            r.set("code", Fhir.concept(Fhir.LOINC, kind[2], kind[3]));
            r.put("issued", date.atTime(14, 0).toInstant(ZoneOffset.UTC).toString());
            r.putArray("imagingStudy").add(Fhir.reference(studyRef));
            String text = "Findings: " + kind[4] + "\nImpression: " + (kind[4].startsWith("No") || kind[4]
                    .startsWith("Lungs are clear") ? "No acute abnormality." : "See findings.");
            r.putArray("presentedForm").addObject().put("contentType", "text/plain; charset=utf-8")
                    .put("data", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
            return r.put("conclusion", kind[4]);
        }

        /** A panel every two to four months over three years, bent by the patient's conditions. */
        List<Lab> historicLabs() {
            List<Lab> labs = new ArrayList<>();
            LocalDate day = REFERENCE_DATE.minusYears(3).plusDays(random.nextInt(60));
            LocalDate stop = REFERENCE_DATE.minusDays(30);
            int infectionPanel = demo ? -1 : random.nextInt(16);
            int panel = 0;
            while (day.isBefore(stop)) {
                double progress = Math.max(0, Math.min(1, 1 - (stop.toEpochDay() - day.toEpochDay()) / 1095.0));
                Instant at = day.atTime(LocalTime.of(7 + random.nextInt(4), 5 * random.nextInt(12)))
                        .toInstant(ZoneOffset.UTC);
                boolean infection = panel == infectionPanel;
                for (LabTest test : List.of(LabTest.CRP, LabTest.WBC, LabTest.HAEMOGLOBIN, LabTest.CREATININE,
                        LabTest.PLATELETS, LabTest.SODIUM)) {
                    labs.add(new Lab(test, test.round(value(test, progress, infection)), at));
                }
                day = day.plusDays(60 + random.nextInt(60));
                panel++;
            }
            return labs;
        }

        private double value(LabTest test, double progress, boolean infection) {
            double v = test.typical + random.nextGaussian() * test.spread;
            if (test == LabTest.HAEMOGLOBIN && !female) {
                v += 1.2;
            }
            if (test == LabTest.CREATININE && conditions.contains(Condition.CKD)) {
                v = 1.3 + 0.8 * progress + random.nextGaussian() * 0.08;
            }
            if (test == LabTest.HAEMOGLOBIN && conditions.contains(Condition.ANAEMIA)) {
                v = 11.8 - 2.2 * progress + random.nextGaussian() * 0.3;
            }
            if (infection && test == LabTest.CRP) {
                v = 40 + random.nextDouble() * 110;
            }
            if (infection && test == LabTest.WBC) {
                v = 12 + random.nextDouble() * 5;
            }
            return v;
        }

        /** The last days' results (the lab CSV): for the demo patient, CRP and white cells rising into pneumonia. */
        List<Lab> recentLabs() {
            List<Lab> labs = new ArrayList<>();
            if (demo) {
                double[][] course = {{4, 38, 11.2, 0.21}, {2, 96, 14.1, 0.9}, {0, 168, 16.8, 2.1}};
                for (double[] day : course) {
                    Instant at = REFERENCE_DATE.minusDays((long) day[0]).atTime(6, 30).toInstant(ZoneOffset.UTC);
                    labs.add(new Lab(LabTest.CRP, day[1], at));
                    labs.add(new Lab(LabTest.WBC, day[2], at));
                    labs.add(new Lab(LabTest.PROCALCITONIN, day[3], at));
                }
                return labs;
            }
            int panels = 1 + random.nextInt(2);
            for (int p = 0; p < panels; p++) {
                Instant at = REFERENCE_DATE.minusDays(2 + random.nextInt(26)).atTime(7, 0).toInstant(ZoneOffset.UTC);
                for (LabTest test : List.of(LabTest.CRP, LabTest.WBC, LabTest.HAEMOGLOBIN)) {
                    labs.add(new Lab(test, test.round(value(test, 1, false)), at));
                }
            }
            return labs;
        }
    }
}
