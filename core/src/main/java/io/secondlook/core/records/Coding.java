package io.secondlook.core.records;

/**
 * A code from a terminology, e.g. SNOMED CT or RxNorm.
 *
 * @param system  the terminology's URI, or null when not given
 * @param code    the code, or null when the record only carries text
 * @param display human-readable text; never null
 */
public record Coding(String system, String code, String display) {

    public Coding {
        if (display == null || display.isBlank()) {
            throw new IllegalArgumentException("a coding needs display text");
        }
    }
}
