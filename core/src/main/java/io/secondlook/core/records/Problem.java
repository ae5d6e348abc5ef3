package io.secondlook.core.records;

import java.time.LocalDate;

/**
 * A problem or condition on the patient's list.
 *
 * @param clinicalStatus e.g. {@code active}, {@code resolved}; null when not given
 * @param locator        where it came from in its file, e.g. {@code entry[3]}
 */
public record Problem(Coding coding, String clinicalStatus, LocalDate onset, LocalDate abatement, String locator) {
}
