package io.secondlook.core.records.fhir;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.records.Allergy;
import io.secondlook.core.records.Coding;
import io.secondlook.core.records.ImagingStudyRef;
import io.secondlook.core.records.Medication;
import io.secondlook.core.records.Observation;
import io.secondlook.core.records.PatientRecords;
import io.secondlook.core.records.PriorReport;
import io.secondlook.core.records.Problem;
import io.secondlook.core.records.RecordFile;
import io.secondlook.core.records.RecordFileException;
import io.secondlook.core.records.RecordSourceKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a FHIR R4 JSON Bundle into patient records, validating every field it keeps. Any problem refuses the
 * whole file with an error naming the entry ({@code entry[12]}) and the field; resource types SecondLook does
 * not keep are counted as skipped.
 *
 * <p>Patients are matched to DICOM by Patient ID and issuer. The Patient ID is the value of the identifier whose
 * type is {@code MR} (else the first identifier with a value); the issuer is that identifier's {@code system}
 * with a {@code urn:oid:} prefix removed, the system verbatim otherwise, and empty when there is no system (as
 * for DICOM files without Issuer of Patient ID).
 */
public final class FhirBundleReader {

    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String DICOM_UID_SYSTEM = "urn:dicom:uid";
    private static final Pattern UID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path file;
    private final Map<String, Patient> patientsByReference = new HashMap<>();
    private final Map<String, String> studyUidsByReference = new HashMap<>();
    private final Map<Patient, Builder> builders = new LinkedHashMap<>();
    private int skipped;

    private FhirBundleReader(Path file) {
        this.file = file;
    }

    /** Reads and validates the bundle. */
    public static RecordFile read(Path file) throws IOException {
        return parse(file, Files.readAllBytes(file));
    }

    /** Validates a bundle held in memory; {@code file} names it in errors. */
    public static RecordFile parse(Path file, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "content" : "line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new RecordFileException(file, where, null, "is not valid JSON");
        } catch (IOException e) {
            throw new RecordFileException(file, "content", null, "cannot be read as JSON");
        }
        return new FhirBundleReader(file).bundle(root, RecordFile.sha256(json));
    }

    private RecordFile bundle(JsonNode root, String sha256) {
        if (root == null || !root.isObject()) {
            throw new RecordFileException(file, "Bundle", null, "the file must hold a JSON object");
        }
        FhirNode bundle = new FhirNode(file, "Bundle", "Bundle", root);
        if (!"Bundle".equals(bundle.string("resourceType"))) {
            throw bundle.error("resourceType", "must be Bundle");
        }
        List<FhirNode> resources = new ArrayList<>();
        List<FhirNode> entries = bundle.array("entry");
        for (int i = 0; i < entries.size(); i++) {
            String entry = "entry[" + i + "]";
            FhirNode wrapper = entries.get(i).within(entry, "entry");
            FhirNode resource = wrapper.requiredObject("resource");
            String type = resource.string("resourceType");
            if (type == null) {
                throw resource.error("resourceType", "is required");
            }
            FhirNode typed = resource.within(entry, type);
            String fullUrl = wrapper.string("fullUrl");
            if (type.equals("Patient")) {
                Patient patient = patient(typed);
                references(fullUrl, type, typed).forEach(ref -> patientsByReference.put(ref, patient));
                builders.computeIfAbsent(patient, p -> new Builder());
            } else if (type.equals("ImagingStudy")) {
                String uid = studyUid(typed);
                references(fullUrl, type, typed).forEach(ref -> studyUidsByReference.put(ref, uid));
            }
            resources.add(typed);
        }
        for (FhirNode resource : resources) {
            readResource(resource);
        }
        List<PatientRecords> patients = new ArrayList<>();
        builders.forEach((patient, b) -> patients.add(new PatientRecords(patient, b.problems, b.medications,
                b.allergies, b.observations, b.reports, b.imaging)));
        return new RecordFile(file, RecordSourceKind.FHIR_BUNDLE, sha256, patients, skipped);
    }

    private static List<String> references(String fullUrl, String type, FhirNode resource) {
        List<String> refs = new ArrayList<>();
        if (fullUrl != null) {
            refs.add(fullUrl);
        }
        String id = resource.string("id");
        if (id != null) {
            refs.add(type + "/" + id);
        }
        return refs;
    }

    private void readResource(FhirNode r) {
        switch (r.string("resourceType")) {
            case "Patient" -> {
                // read in the first pass
            }
            case "ImagingStudy" -> builder(r, "subject").imaging.add(imagingStudy(r));
            case "Condition" -> builder(r, "subject").problems.add(new Problem(concept(r, "code"),
                    conceptCode(r.object("clinicalStatus")), r.date("onsetDateTime"), r.date("abatementDateTime"),
                    r.entry()));
            case "MedicationStatement" -> builder(r, "subject").medications.add(medication(r, "dosage",
                    r.object("effectivePeriod") == null ? r.date("effectiveDateTime")
                            : r.object("effectivePeriod").date("start"),
                    r.object("effectivePeriod") == null ? null : r.object("effectivePeriod").date("end")));
            case "MedicationRequest" -> builder(r, "subject").medications.add(medication(r, "dosageInstruction",
                    r.date("authoredOn"), null));
            case "AllergyIntolerance" -> builder(r, "patient").allergies.add(allergy(r));
            case "Observation" -> observation(r);
            case "DiagnosticReport" -> builder(r, "subject").reports.add(report(r));
            default -> skipped++;
        }
    }

    private Patient patient(FhirNode r) {
        List<FhirNode> identifiers = r.array("identifier");
        FhirNode chosen = null;
        for (FhirNode identifier : identifiers) {
            if (identifier.string("value") == null) {
                continue;
            }
            if (chosen == null || isMedicalRecordNumber(identifier)) {
                chosen = identifier;
            }
            if (isMedicalRecordNumber(identifier)) {
                break;
            }
        }
        if (chosen == null) {
            throw r.error("identifier", "needs an identifier with a value (the Patient ID)");
        }
        String id = chosen.requiredString("value");
        if (id.length() > 64) {
            throw r.error("identifier.value", "is longer than a DICOM Patient ID (64 characters)");
        }
        return new Patient(id, issuer(chosen.string("system")), personName(r), r.date("birthDate"), sex(r));
    }

    private static boolean isMedicalRecordNumber(FhirNode identifier) {
        FhirNode type = identifier.object("type");
        return type != null && type.array("coding").stream().anyMatch(c -> "MR".equals(c.string("code")));
    }

    /** How an identifier system becomes a DICOM Issuer of Patient ID. */
    public static String issuer(String system) {
        if (system == null) {
            return "";
        }
        return system.startsWith("urn:oid:") ? system.substring("urn:oid:".length()) : system;
    }

    /** The official (else first) HumanName as a DICOM person name, {@code Family^Given^Middle}. */
    private static String personName(FhirNode r) {
        List<FhirNode> names = r.array("name");
        FhirNode chosen = names.stream().filter(n -> "official".equals(n.string("use"))).findFirst()
                .orElse(names.isEmpty() ? null : names.get(0));
        if (chosen == null) {
            return null;
        }
        String family = chosen.string("family");
        List<String> given = chosen.stringArray("given");
        if (family == null && given.isEmpty()) {
            return chosen.string("text");
        }
        StringBuilder pn = new StringBuilder(family == null ? "" : family);
        for (String g : given) {
            pn.append('^').append(g);
        }
        return pn.toString();
    }

    private static String sex(FhirNode r) {
        String gender = r.string("gender");
        if (gender == null) {
            return null;
        }
        return switch (gender) {
            case "male" -> "M";
            case "female" -> "F";
            case "other" -> "O";
            case "unknown" -> null;
            default -> throw r.error("gender", "must be male, female, other or unknown");
        };
    }

    private Builder builder(FhirNode r, String field) {
        FhirNode subject = r.object(field);
        if (subject == null) {
            throw r.error(field, "is required (the Patient this resource belongs to)");
        }
        String reference = subject.string("reference");
        if (reference == null) {
            throw subject.error("reference", "is required");
        }
        Patient patient = patientsByReference.get(reference);
        if (patient == null) {
            throw subject.error("reference", "does not name a Patient in this bundle");
        }
        return builders.get(patient);
    }

    /** A CodeableConcept as a coding: its first coding's system and code, its text or that coding's display. */
    private static Coding concept(FhirNode r, String field) {
        FhirNode concept = r.requiredObject(field);
        List<FhirNode> codings = concept.array("coding");
        FhirNode first = codings.isEmpty() ? null : codings.get(0);
        String text = concept.string("text");
        String display = text != null ? text : first == null ? null
                : first.string("display") != null ? first.string("display") : first.string("code");
        if (display == null) {
            throw r.error(field, "needs text, or a coding with a display or code");
        }
        return new Coding(first == null ? null : first.string("system"), first == null ? null : first.string("code"),
                display);
    }

    private static String conceptCode(FhirNode concept) {
        if (concept == null) {
            return null;
        }
        List<FhirNode> codings = concept.array("coding");
        return codings.isEmpty() ? concept.string("text") : codings.get(0).string("code");
    }

    private static String conceptText(FhirNode concept) {
        if (concept == null) {
            return null;
        }
        if (concept.string("text") != null) {
            return concept.string("text");
        }
        List<FhirNode> codings = concept.array("coding");
        return codings.isEmpty() ? null : codings.get(0).string("display");
    }

    private static Medication medication(FhirNode r, String dosageField, java.time.LocalDate start,
                                         java.time.LocalDate end) {
        if (r.has("medicationReference") && !r.has("medicationCodeableConcept")) {
            throw r.error("medicationReference", "is not supported; give medicationCodeableConcept");
        }
        List<FhirNode> dosages = r.array(dosageField);
        String dosage = dosages.isEmpty() ? null : dosages.get(0).string("text");
        return new Medication(concept(r, "medicationCodeableConcept"), r.string("status"), dosage, start, end,
                r.entry());
    }

    private static Allergy allergy(FhirNode r) {
        String reaction = null;
        List<FhirNode> reactions = r.array("reaction");
        if (!reactions.isEmpty()) {
            List<FhirNode> manifestations = reactions.get(0).array("manifestation");
            reaction = manifestations.isEmpty() ? null : conceptText(manifestations.get(0));
        }
        return new Allergy(concept(r, "code"), r.string("criticality"), reaction, r.entry());
    }

    private void observation(FhirNode r) {
        FhirNode quantity = r.object("valueQuantity");
        if (quantity == null) {
            skipped++; // coded, text or component observations are not lab values we can plot
            return;
        }
        Builder builder = builder(r, "subject");
        FhirNode code = r.requiredObject("code");
        FhirNode loinc = code.array("coding").stream().filter(c -> LOINC.equals(c.string("system"))).findFirst()
                .orElseThrow(() -> r.error("code.coding", "has no LOINC coding (system " + LOINC + ")"));
        String loincCode = loinc.requiredString("code");
        if (!loincCode.matches("\\d{1,7}-\\d")) {
            throw loinc.error("code", "is not a LOINC code (digits-checkdigit)");
        }
        String display = code.string("text") != null ? code.string("text")
                : loinc.string("display") != null ? loinc.string("display") : loincCode;
        double value = quantity.requiredNumber("value");
        String unit = unit(quantity);
        Double low = null;
        Double high = null;
        List<FhirNode> ranges = r.array("referenceRange");
        if (!ranges.isEmpty()) {
            FhirNode range = ranges.get(0);
            low = range.object("low") == null ? null : range.object("low").requiredNumber("value");
            high = range.object("high") == null ? null : range.object("high").requiredNumber("value");
        }
        java.time.Instant effective = r.instant("effectiveDateTime");
        if (effective == null) {
            effective = r.instant("effectiveInstant");
        }
        if (effective == null && r.object("effectivePeriod") != null) {
            effective = r.object("effectivePeriod").instant("start");
        }
        if (effective == null) {
            effective = r.instant("issued");
        }
        if (effective == null) {
            throw r.error("effectiveDateTime", "is required (when the sample was taken)");
        }
        builder.observations.add(new Observation(loincCode, display, value, unit, low, high, effective, r.entry()));
    }

    /** The UCUM code of a quantity; a quantity coded in another system is refused. */
    private static String unit(FhirNode quantity) {
        String system = quantity.string("system");
        String code = quantity.string("code");
        if (system != null && !UCUM.equals(system)) {
            throw quantity.error("system", "must be UCUM (" + UCUM + ")");
        }
        if (system != null && code == null) {
            throw quantity.error("code", "is required with a UCUM system");
        }
        return code != null ? code : quantity.string("unit");
    }

    private PriorReport report(FhirNode r) {
        Coding code = concept(r, "code");
        String conclusion = r.string("conclusion");
        if (conclusion == null) {
            for (FhirNode form : r.array("presentedForm")) {
                String type = form.string("contentType");
                if (type != null && type.startsWith("text/plain") && form.string("data") != null) {
                    try {
                        conclusion = new String(Base64.getDecoder().decode(form.string("data")),
                                StandardCharsets.UTF_8).strip();
                    } catch (IllegalArgumentException e) {
                        throw form.error("data", "is not base64");
                    }
                    break;
                }
            }
        }
        java.time.Instant issued = r.instant("issued");
        if (issued == null) {
            issued = r.instant("effectiveDateTime");
        }
        String studyUid = null;
        for (FhirNode ref : r.array("imagingStudy")) {
            String reference = ref.string("reference");
            if (reference != null && studyUidsByReference.containsKey(reference)) {
                studyUid = studyUidsByReference.get(reference);
                break;
            }
        }
        return new PriorReport(code.code(), code.display(), r.string("status"), issued, conclusion, studyUid,
                r.entry());
    }

    private static String studyUid(FhirNode r) {
        for (FhirNode identifier : r.array("identifier")) {
            String value = identifier.string("value");
            boolean dicom = DICOM_UID_SYSTEM.equals(identifier.string("system"));
            if (value != null && (dicom || value.startsWith("urn:oid:"))) {
                String uid = value.startsWith("urn:oid:") ? value.substring("urn:oid:".length()) : value;
                if (!UID.matcher(uid).matches() || uid.length() > 64) {
                    throw identifier.error("value", "is not a DICOM UID");
                }
                return uid;
            }
        }
        throw r.error("identifier", "has no DICOM Study Instance UID (system " + DICOM_UID_SYSTEM + ")");
    }

    private ImagingStudyRef imagingStudy(FhirNode r) {
        List<String> modalities = new ArrayList<>();
        for (FhirNode modality : r.array("modality")) {
            modalities.add(modality.requiredString("code"));
        }
        return new ImagingStudyRef(studyUid(r), r.instant("started"), modalities, r.string("description"), r.entry());
    }

    private static final class Builder {
        final List<Problem> problems = new ArrayList<>();
        final List<Medication> medications = new ArrayList<>();
        final List<Allergy> allergies = new ArrayList<>();
        final List<Observation> observations = new ArrayList<>();
        final List<PriorReport> reports = new ArrayList<>();
        final List<ImagingStudyRef> imaging = new ArrayList<>();
    }
}
