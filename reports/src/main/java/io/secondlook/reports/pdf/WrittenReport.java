package io.secondlook.reports.pdf;

import java.nio.file.Path;

/** A report file as written: where it is and the SHA-256 (lower-case hex) of its bytes. */
public record WrittenReport(Path path, String sha256, int pageCount) {
}
