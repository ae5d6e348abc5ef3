package io.secondlook.core.domain;

import java.time.Instant;

/** A reader's signature on an exported report: who signed which bytes (SHA-256, hex) of which study, and when. */
public record ReportSignature(long reportId, String studyUid, String sha256, String signer, Instant signedAt) {
}
