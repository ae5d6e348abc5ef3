package io.secondlook.core.records;

/**
 * An allergy or intolerance.
 *
 * @param criticality {@code low}, {@code high} or {@code unable-to-assess}; null when not given
 * @param reaction    the manifestation, e.g. {@code Urticaria}; null when not given
 */
public record Allergy(Coding coding, String criticality, String reaction, String locator) {
}
