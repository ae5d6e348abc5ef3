package io.secondlook.core.records;

import java.time.Instant;
import java.util.Objects;

/**
 * A numeric observation, typically a lab result.
 *
 * @param loinc     the LOINC code, e.g. {@code 1988-5} for CRP
 * @param unit      UCUM unit code, e.g. {@code mg/L}; null for unitless values
 * @param low       lower end of the reference range, or null
 * @param high      upper end of the reference range, or null
 */
public record Observation(String loinc, String display, double value, String unit, Double low, Double high,
                          Instant effective, String locator) {

    public Observation {
        Objects.requireNonNull(loinc, "loinc");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(effective, "effective");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("observation value must be finite");
        }
    }

    /** Whether the value lies outside its reference range (false when there is none). */
    public boolean outOfRange() {
        return (low != null && value < low) || (high != null && value > high);
    }
}
