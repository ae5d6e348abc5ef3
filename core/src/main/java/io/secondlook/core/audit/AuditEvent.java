package io.secondlook.core.audit;

import java.time.Instant;

/**
 * One link of the audit chain. {@code hash} is SHA-256 over the canonical content and {@code prevHash}.
 * Action and entity type are kept as written, so a tampered value can still be read and reported.
 *
 * @param beforeJson the entity before the change, or null when it is new
 * @param afterJson  the entity after the change, or null when nothing changed (e.g. an open)
 */
public record AuditEvent(long sequence, Instant occurredAt, String actor, String action, String entityType,
                         String entityId, String beforeJson, String afterJson, String prevHash, String hash) {

    /** Whether {@link #hash} matches the content, ignoring the rest of the chain. */
    public boolean hashMatchesContent() {
        return AuditChain.hash(this).equals(hash);
    }
}
