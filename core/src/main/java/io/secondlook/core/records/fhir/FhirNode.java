package io.secondlook.core.records.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import io.secondlook.core.records.RecordFileException;
import io.secondlook.core.records.RecordTimes;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A JSON node of a bundle entry that knows its path ({@code Observation.valueQuantity.value}), so every
 * validation failure names the entry and the field. Values are never quoted in errors.
 */
final class FhirNode {

    private static final Pattern FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Path file;
    private final String entry;
    private final String path;
    private final JsonNode node;

    FhirNode(Path file, String entry, String path, JsonNode node) {
        this.file = file;
        this.entry = entry;
        this.path = path;
        this.node = node;
    }

    /** The same JSON seen as the root of another path, e.g. an entry's resource as {@code Observation}. */
    FhirNode within(String newEntry, String newPath) {
        return new FhirNode(file, newEntry, newPath, node);
    }

    String entry() {
        return entry;
    }

    boolean has(String field) {
        JsonNode child = node.get(field);
        return child != null && !child.isNull();
    }

    /** The child object, or null when absent; an error when present but not an object. */
    FhirNode object(String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            return null;
        }
        if (!child.isObject()) {
            throw error(field, "must be a JSON object");
        }
        return new FhirNode(file, entry, path + "." + field, child);
    }

    FhirNode requiredObject(String field) {
        FhirNode child = object(field);
        if (child == null) {
            throw error(field, "is required");
        }
        return child;
    }

    /** The elements of a child array (empty when absent); an error when present but not an array of objects. */
    List<FhirNode> array(String field) {
        List<FhirNode> items = new ArrayList<>();
        JsonNode child = arrayNode(field, JsonNode::isObject, "must be a JSON object");
        for (int i = 0; child != null && i < child.size(); i++) {
            items.add(new FhirNode(file, entry, path + "." + field + "[" + i + "]", child.get(i)));
        }
        return items;
    }

    /** The strings of a child array (empty when absent); an error when present but not an array of strings. */
    List<String> stringArray(String field) {
        List<String> items = new ArrayList<>();
        JsonNode child = arrayNode(field, JsonNode::isTextual, "must be a string");
        for (int i = 0; child != null && i < child.size(); i++) {
            items.add(child.get(i).asText());
        }
        return items;
    }

    /** The child array, null when absent, after checking every element. */
    private JsonNode arrayNode(String field, java.util.function.Predicate<JsonNode> valid, String otherwise) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            return null;
        }
        if (!child.isArray()) {
            throw error(field, "must be a JSON array");
        }
        for (int i = 0; i < child.size(); i++) {
            if (!valid.test(child.get(i))) {
                throw error(field + "[" + i + "]", otherwise);
            }
        }
        return child;
    }

    /** A string, or null when absent or blank; an error when present but not a string. */
    String string(String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            return null;
        }
        if (!child.isTextual()) {
            throw error(field, "must be a string");
        }
        String text = child.asText().strip();
        return text.isEmpty() ? null : text;
    }

    String requiredString(String field) {
        String value = string(field);
        if (value == null) {
            throw error(field, "is required");
        }
        return value;
    }

    Double number(String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            return null;
        }
        if (!child.isNumber() || !Double.isFinite(child.asDouble())) {
            throw error(field, "must be a finite number");
        }
        return child.asDouble();
    }

    double requiredNumber(String field) {
        Double value = number(field);
        if (value == null) {
            throw error(field, "is required");
        }
        return value;
    }

    /**
     * A FHIR date or dateTime as a date; partial dates ({@code 1970}, {@code 1970-03}) give null, because the
     * store keeps whole dates only.
     */
    LocalDate date(String field) {
        String text = string(field);
        if (text == null || text.length() < 10) {
            if (text != null && !text.matches("\\d{4}(-\\d{2})?")) {
                throw error(field, "is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)");
            }
            return null;
        }
        String day = text.substring(0, 10);
        if (!FULL_DATE.matcher(day).matches()) {
            throw error(field, "is not a FHIR date (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw error(field, "is not a valid date");
        }
    }

    /** A FHIR dateTime or instant; a bare date is taken as midnight UTC, a time without zone as UTC. */
    Instant instant(String field) {
        String text = string(field);
        if (text == null) {
            return null;
        }
        try {
            return RecordTimes.instant(text);
        } catch (DateTimeParseException e) {
            throw error(field, "is not a FHIR dateTime (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[+zz:zz])");
        }
    }

    RecordFileException error(String field, String problem) {
        return new RecordFileException(file, entry, path + "." + field, problem);
    }

    RecordFileException error(String problem) {
        return new RecordFileException(file, entry, path, problem);
    }
}
