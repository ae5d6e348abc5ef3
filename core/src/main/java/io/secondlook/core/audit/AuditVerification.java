package io.secondlook.core.audit;

/**
 * Outcome of checking the audit chain.
 *
 * @param eventCount     events checked before the first broken link (all of them when intact)
 * @param brokenSequence sequence number of the first broken link, or 0 when the chain is intact
 * @param problem        what is wrong at {@code brokenSequence}, or null when intact
 * @param headHash       hash of the last intact event ({@link AuditChain#GENESIS} for an empty log)
 */
public record AuditVerification(long eventCount, long brokenSequence, String problem, String headHash) {

    public boolean intact() {
        return brokenSequence == 0;
    }

    @Override
    public String toString() {
        return intact()
                ? "audit trail intact: " + eventCount + " events, head " + headHash
                : "audit trail broken at sequence " + brokenSequence + ": " + problem;
    }
}
