package io.secondlook.core.records;

import java.time.Instant;

/**
 * A diagnostic report from before, e.g. an earlier radiology report.
 *
 * @param code       LOINC code of the report type, or null
 * @param conclusion the conclusion, or the report's text when only a presented form was given
 * @param studyUid   the DICOM study it reports on, when known
 */
public record PriorReport(String code, String title, String status, Instant issued, String conclusion,
                          String studyUid, String locator) {
}
