package io.secondlook.reports.pdf;

import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.ReviewedFinding;
import io.secondlook.core.domain.Study;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything a PDF report shows.
 *
 * @param keyImage        the key image, already composited with the heatmap; null for none
 * @param keyImageCaption what the key image shows, e.g. series, slice and overlay; may be null
 * @param findings        every AI finding of the study with its latest decision
 * @param exportingReader who exports the report (its author)
 * @param zone            the zone in which times are printed
 * @param disclaimer      a line the model card asks for, e.g. {@link #DEMONSTRATION_MODEL}; null for none
 */
public record ReportContent(Patient patient, Study study, BufferedImage keyImage, String keyImageCaption,
                            List<ReviewedFinding> findings, String exportingReader, Instant exportedAt, ZoneId zone,
                            String disclaimer) {

    /** The line printed for models whose card marks them as demonstration-only. */
    public static final String DEMONSTRATION_MODEL =
            "AI findings are a second reader; the clinician decides. Model: demonstration only, not for clinical use.";

    public ReportContent {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(exportingReader, "exportingReader");
        Objects.requireNonNull(exportedAt, "exportedAt");
        findings = List.copyOf(findings);
        zone = zone == null ? ZoneId.systemDefault() : zone;
    }
}
