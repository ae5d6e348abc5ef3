package io.secondlook.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant AT = Instant.parse("2026-01-02T10:00:00.123Z");

    private static AuditEvent event(long sequence, String prevHash, String after) {
        String hash = AuditChain.hash(sequence, AT, "dr.a", "DECISION_RECORDED", "DECISION", "7", null, after,
                prevHash);
        return new AuditEvent(sequence, AT, "dr.a", "DECISION_RECORDED", "DECISION", "7", null, after, prevHash, hash);
    }

    @Test
    void hashCoversEveryFieldAndIsStable() {
        String base = AuditChain.hash(1, AT, "a", "X", "Y", "1", null, "{}", AuditChain.GENESIS);
        assertEquals(base, AuditChain.hash(1, AT, "a", "X", "Y", "1", null, "{}", AuditChain.GENESIS));
        assertTrue(base.matches("[0-9a-f]{64}"));
        List<String> variants = List.of(
                AuditChain.hash(2, AT, "a", "X", "Y", "1", null, "{}", AuditChain.GENESIS),
                AuditChain.hash(1, AT.plusMillis(1), "a", "X", "Y", "1", null, "{}", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "b", "X", "Y", "1", null, "{}", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "a", "Z", "Y", "1", null, "{}", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "a", "X", "Z", "1", null, "{}", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "a", "X", "Y", "2", null, "{}", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "a", "X", "Y", "1", "{}", "{}", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "a", "X", "Y", "1", null, "{ }", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "a", "X", "Y", "1", null, "{}", "1".repeat(64)),
                // field boundaries matter: moving text from one field to the next changes the hash
                AuditChain.hash(1, AT, "aX", "", "Y", "1", null, "{}", AuditChain.GENESIS));
        variants.forEach(v -> assertNotEquals(base, v));
    }

    @Test
    void verifierAcceptsAChainAndNamesTheFirstBrokenLink() {
        AuditEvent first = event(1, AuditChain.GENESIS, "{\"outcome\":\"ACCEPTED\"}");
        AuditEvent second = event(2, first.hash(), "{\"outcome\":\"REJECTED\"}");
        AuditEvent third = event(3, second.hash(), "{}");

        AuditChain.Verifier intact = new AuditChain.Verifier();
        List.of(first, second, third).forEach(intact::accept);
        assertTrue(intact.result().intact());
        assertEquals(3, intact.result().eventCount());
        assertEquals(third.hash(), intact.result().headHash());

        AuditEvent forged = new AuditEvent(2, AT, "dr.a", "DECISION_RECORDED", "DECISION", "7", null,
                "{\"outcome\":\"ACCEPTED\"}", first.hash(), second.hash());
        AuditChain.Verifier broken = new AuditChain.Verifier();
        assertTrue(broken.accept(first));
        assertFalse(broken.accept(forged));
        assertFalse(broken.accept(third));
        assertEquals(2, broken.result().brokenSequence());
        assertEquals(1, broken.result().eventCount());
    }

    @Test
    void emptyLogIsIntact() {
        AuditVerification empty = new AuditChain.Verifier().result();
        assertTrue(empty.intact());
        assertEquals(0, empty.eventCount());
        assertEquals(AuditChain.GENESIS, empty.headHash());
    }
}
