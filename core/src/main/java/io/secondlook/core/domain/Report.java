package io.secondlook.core.domain;

import java.nio.file.Path;
import java.time.Instant;

/** An exported report file, with the SHA-256 (hex) of its bytes at export. */
public record Report(long id, String studyUid, Path path, String sha256, String reader, Instant createdAt) {
}
