package io.secondlook.testdata.records;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small builders for the FHIR R4 JSON the synthetic records are written as. */
final class Fhir {
    static final String SNOMED = "http://snomed.info/sct";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Fhir() {
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }

    static ArrayNode array() {
        return JSON.arrayNode();
    }

    static ObjectNode resource(String type) {
        return object().put("resourceType", type);
    }

    static ObjectNode coding(String system, String code, String display) {
        ObjectNode coding = object().put("system", system).put("code", code);
        return display == null ? coding : coding.put("display", display);
    }

    static ObjectNode concept(String system, String code, String display) {
        ObjectNode concept = object();
        concept.putArray("coding").add(coding(system, code, display));
        return concept.put("text", display);
    }

    static ObjectNode reference(String reference) {
        return object().put("reference", reference);
    }

    static ObjectNode quantity(double value, String unit) {
        return object().put("value", value).put("unit", unit).put("system", UCUM).put("code", unit);
    }
}
